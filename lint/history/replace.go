package history

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// rewrites are what git reads in place of what a repository stores: the
// objects that replace refs (refs/replace/ID, git replace) name instead of
// ID, and the parents that $GIT_COMMON_DIR/info/grafts gives commits.
// git honours both in every walk, and so do the walks here; the
// commit-graph is then not read, as git does not read it either
// (graph.go).
type rewrites struct {
	once    sync.Once
	replace map[plumbing.Hash]plumbing.Hash
	grafts  map[plumbing.Hash][]plumbing.Hash
}

// maxReplaceDepth bounds a chain of replacements, as git's
// MAXREPLACEDEPTH does.
const maxReplaceDepth = 5

// rewrites reads the replace refs, unless core.useReplaceRefs is false,
// and the grafts file, once.
func (r *Repo) rewrites() *rewrites {
	w := &r.rewritten
	w.once.Do(func() {
		if r.coreFlag("usereplacerefs") {
			w.replace = r.replaceRefs()
		}
		if data, err := readRegular(filepath.Join(r.commonDir, "info", "grafts"), maxPathFileBytes); err == nil {
			w.grafts = parseGrafts(data)
		}
	})
	return w
}

// replaced is the object git reads for h: what refs/replace/h names,
// followed as far as git follows a chain.
func (w *rewrites) replaced(h plumbing.Hash) plumbing.Hash {
	for range maxReplaceDepth {
		next, ok := w.replace[h]
		if !ok {
			break
		}
		h = next
	}
	return h
}

// any reports whether git reads anything in place of what is stored.
func (w *rewrites) any() bool { return len(w.replace) > 0 || len(w.grafts) > 0 }

// replaceRefs maps each object a ref under refs/replace/ names by its
// name to the object the ref points at. The refs are listed only when
// the refs/replace folder or the packed refs mention one: most
// repositories have none, and many have thousands of other refs.
func (r *Repo) replaceRefs() map[plumbing.Hash]plumbing.Hash {
	entries, _ := os.ReadDir(filepath.Join(r.commonDir, "refs", "replace"))
	packed, _ := os.ReadFile(filepath.Join(r.commonDir, "packed-refs"))
	if len(entries) == 0 && !bytes.Contains(packed, []byte(" refs/replace/")) {
		return nil
	}
	refs, err := r.storage.IterReferences()
	if err != nil {
		return nil
	}
	defer refs.Close()
	var m map[plumbing.Hash]plumbing.Hash
	err = refs.ForEach(func(ref *plumbing.Reference) error {
		name, ok := strings.CutPrefix(ref.Name().String(), "refs/replace/")
		if !ok || ref.Type() != plumbing.HashReference {
			return nil
		}
		if from, err := resolveHash(name); err == nil {
			if m == nil {
				m = map[plumbing.Hash]plumbing.Hash{}
			}
			m[from] = ref.Hash()
		}
		return nil
	})
	if err != nil && !errors.Is(err, storer.ErrStop) {
		return nil
	}
	return m
}

// parseGrafts reads a grafts file: a line per commit, its id and then the
// ids of the parents git takes for it; git skips comments and lines it
// cannot read.
func parseGrafts(data []byte) map[plumbing.Hash][]plumbing.Hash {
	m := map[plumbing.Hash][]plumbing.Hash{}
	for line := range bytes.Lines(data) {
		fields := strings.Fields(string(line))
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		ids := make([]plumbing.Hash, 0, len(fields))
		for _, f := range fields {
			h, err := resolveHash(f)
			if err != nil {
				ids = nil
				break
			}
			ids = append(ids, h)
		}
		if len(ids) > 0 {
			m[ids[0]] = ids[1:]
		}
	}
	return m
}
