package history

import (
	"fmt"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
)

// ChangedFiles lists the files that differ between the merge base of base
// and head and head itself, like `git diff --no-renames --name-only
// base...head`: a renamed file appears under both names, since a doc that
// covered the old name is as concerned as one covering the new. With several
// merge bases (criss-cross merges) the first one go-git reports is used, as
// git diff does with the first one it finds.
func (r *Repo) ChangedFiles(base, head string) ([]string, error) {
	bh, err := resolveHash(base)
	if err != nil {
		return nil, err
	}
	hh, err := resolveHash(head)
	if err != nil {
		return nil, err
	}
	bc, err := r.git.CommitObject(bh)
	if err != nil {
		return nil, r.missing(err, plumbing.CommitObject, bh)
	}
	hc, err := r.git.CommitObject(hh)
	if err != nil {
		return nil, r.missing(err, plumbing.CommitObject, hh)
	}
	bases, err := bc.MergeBase(hc)
	if err != nil {
		return nil, fmt.Errorf("merge base of %s and %s: %w", bh, hh, err)
	}
	if len(bases) == 0 {
		return nil, fmt.Errorf("%s and %s have no common history: is the base branch fetched in full?", bh, hh)
	}
	var files []string
	err = r.diffTrees(bases[0].TreeHash, hc.TreeHash, "", nil, func(p string, _, _ treeEntry) error {
		files = append(files, p)
		return nil
	})
	sort.Strings(files)
	return files, err
}
