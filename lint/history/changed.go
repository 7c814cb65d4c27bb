package history

import (
	"fmt"
	"sort"
)

// ChangedFiles lists the files that differ between the merge base of base
// and head and head itself, like `git diff --no-renames --name-only
// base...head`: a renamed file appears under both names, since a doc that
// covered the old name is as concerned as one covering the new.
func (r *Repo) ChangedFiles(base, head string) ([]string, error) {
	mb, hc, err := r.mergeBase(base, head)
	if err != nil {
		return nil, err
	}
	var files []string
	err = r.diffTrees(mb.tree, hc.tree, "", nil, func(p string, _, _ treeEntry) error {
		files = append(files, p)
		return nil
	})
	sort.Strings(files)
	return files, err
}

// MergeBase returns the merge base of two commits (full hashes), as `git
// merge-base base head` prints it: the commit a pull request's change is
// measured from.
func (r *Repo) MergeBase(base, head string) (string, error) {
	mb, _, err := r.mergeBase(base, head)
	if err != nil {
		return "", err
	}
	return mb.hash.String(), nil
}

// mergeBase returns the merge base of base and head, and head's commit.
// With several merge bases (criss-cross merges) it is the one git
// merge-base prints and git diff A...B uses: the newest, and between
// equal dates the one git's walk met first (mergebase.go).
func (r *Repo) mergeBase(base, head string) (mb, hc *commitNode, err error) {
	bh, err := resolveHash(base)
	if err != nil {
		return nil, nil, err
	}
	hh, err := resolveHash(head)
	if err != nil {
		return nil, nil, err
	}
	if hc, err = r.commit(hh); err != nil {
		return nil, nil, err
	}
	bases, err := r.mergeBases(bh, hh)
	if err != nil {
		return nil, nil, fmt.Errorf("merge base of %s and %s: %w", bh, hh, err)
	}
	if len(bases) == 0 {
		return nil, nil, fmt.Errorf("%s and %s have no common history: is the base branch fetched in full?", bh, hh)
	}
	return bases[0], hc, nil
}
