// Package history answers the questions handover asks of a repository's git
// history: when a path last changed, how many commits changed covered code
// since, which files a change touches and who commits. It agrees with native
// git (git log -1 -- PATH, git rev-list --count A..B -- PATHSPEC) on linear
// and merge histories, which its tests check against the git binary.
//
// It reads packs through go-git but walks history itself: go-git's Log
// with a path filter diffs each commit against the next one in iteration
// order rather than against its parents, so on merge histories it disagrees
// with git, and it is far slower than native git.
//
// A repository may be broken or hostile, so it also finds repositories,
// reads loose objects, the index and a clone's incoming pack itself
// (open.go, reader.go, index.go, packcheck.go): every layout git reads
// opens, every read is bounded by a limit and by what the object holds,
// and what is missing or corrupt is an error that names the object.
package history

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/handover-dev/handover/lint/history/commitgraph"
)

var (
	// ErrNotRepository is returned by Open when the path is not inside a git
	// repository.
	ErrNotRepository = errors.New("not a git repository")
	// ErrEscapes is returned by Tree.ReadFile when a symlink resolves to a
	// path outside the repository.
	ErrEscapes = errors.New("symlink leaves the repository")
)

// Repo is an opened or cloned repository. It is not safe for concurrent use.
type Repo struct {
	git     *git.Repository
	storage *filesystem.Storage
	objects *objectReader
	root    string
	gitDir  string // HEAD and the index of the work tree
	// commonDir holds what linked worktrees share (info/attributes).
	commonDir string
	bare      bool
	tempDir   string        // set for clones: removed by Close
	partial   *partialClone // nil for a complete repository
	shallow   map[plumbing.Hash]bool
	commits   *objectCache[*commitNode]
	trees     *objectCache[rawTree]
	// graph is the commit-graph, opened by the first walk (graph.go); nil
	// when there is none or git would not use it.
	graph       *commitgraph.Graph
	graphOpened bool
	// bigFile is core.bigFileThreshold: bigger files count as binary.
	bigFile int64
	// bigDiff is held by the line count of a pair of files over
	// smallDiffBytes (drift.go).
	bigDiff sync.Mutex
	// rewritten holds the replace refs and grafts (replace.go).
	rewritten rewrites
}

// Bounds of the object caches. Trees dominate: a walk compares every commit's
// root tree with its parents', and each root tree is needed twice, so what
// a walk needs again is the trees of the commits near the one it is at.
// With 2 MiB a check of go-git peaks 4–8 MiB lower than with 8 and is as
// fast, git/git (82k commits) 9 MiB lower and some 4% slower, hugo and
// prometheus the same (scripts/bench-history, with the pack's pages
// counted by the chunk). The commit cache holds some 25k commits, so
// that memory stays flat in the length of longer histories.
const (
	commitCacheBytes = 4 << 20
	treeCacheBytes   = 2 << 20
	// go-git's own cache keeps delta bases, which decide how fast packed
	// objects inflate.
	packCacheBytes = 32 << 20
)

// The bounds of the commit, tree and delta base caches, and of the pack
// pages kept resident (pack.ResidentBytes), are for a history of
// fullObjects packed objects or more: a check of git/git (850k objects)
// is a third slower with 1 MiB for each cache. A smaller history has less
// to read again, and they are cut in proportion to its objects, down to
// cacheFloor and residentFloor. Measured with scripts/bench-history: a
// check of go-git (39k objects) peaks 5 MiB lower (32 MiB, not 37) and
// takes 12% longer, still under 0.4× git's; hugo (174k) peaks 2 MiB lower
// in the same time; prometheus (359k) and git/git are unchanged.
const (
	fullObjects   = 256 << 10
	cacheFloor    = 1 << 20
	residentFloor = 512 << 10
)

// scaled cuts the bound limit for a history of objects packed objects.
func scaled(limit, floor, objects int) int {
	return max(floor, limit*min(max(objects, 0), fullObjects)/fullObjects)
}

// Open finds the repository containing path by walking up like git does: a
// .git directory, a .git file as in linked worktrees and submodules, or a
// bare repository.
func Open(path string) (*Repo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		abs = filepath.Dir(abs)
	}
	loc, err := discover(abs)
	if errors.Is(err, ErrNotRepository) {
		return nil, fmt.Errorf("%s: %w", path, ErrNotRepository)
	}
	if err != nil {
		return nil, err
	}
	return openAt(loc, cmp.Or(loc.workTree, loc.gitDir))
}

// IsClone reports a repository cloned into a temporary directory, whose
// HEAD is detached at the ref asked for.
func (r *Repo) IsClone() bool { return r.tempDir != "" }

// Close releases the repository and removes the directory of a clone.
func (r *Repo) Close() error {
	err := errors.Join(r.objects.close(), r.storage.Close())
	if r.graph != nil {
		err = errors.Join(err, r.graph.Close())
		r.graph = nil
	}
	if r.tempDir != "" {
		err = errors.Join(err, os.RemoveAll(r.tempDir))
		r.tempDir = ""
	}
	return err
}

// Root is the absolute path of the work tree, or of the repository itself
// when it is bare. A clone is bare.
func (r *Repo) Root() string { return r.root }

// Bare reports whether the repository has no work tree (a clone is bare):
// its files are read through Tree.
func (r *Repo) Bare() bool { return r.bare }

// Partial reports whether the repository is a partial clone (git clone
// --filter): the objects its filter left out are missing, and reading one
// gives a *MissingObjectError.
func (r *Repo) Partial() bool { return r.partial != nil }

// PartialFilter is the filter of a partial clone as git recorded it, such
// as "blob:none" or "tree:0"; "" when unknown or not a partial clone.
func (r *Repo) PartialFilter() string {
	if r.partial == nil {
		return ""
	}
	return r.partial.filter
}

// Shallow reports whether the repository is a shallow clone, whose history
// is cut off and cannot answer history questions truthfully.
func (r *Repo) Shallow() (bool, error) {
	return len(r.shallow) > 0, nil
}

// ErrNoCommits is returned by Head when HEAD names a branch without
// commits, as in a repository just made with git init.
var ErrNoCommits = errors.New("no commits yet")

// maxSymrefDepth is how many symbolic refs git follows (SYMREF_MAXDEPTH).
const maxSymrefDepth = 5

// Head returns the commit HEAD names. HEAD on a branch that does not exist
// yet gives ErrNoCommits. Whatever git calls broken gives an error saying
// what: a symbolic ref loop, a missing or corrupt commit, HEAD naming a tag,
// a tree or a blob (git fsck: "HEAD: not a commit").
func (r *Repo) Head() (string, error) {
	chain := []string{"HEAD"}
	name := plumbing.HEAD
	for {
		ref, err := r.storage.Reference(name)
		switch {
		case errors.Is(err, plumbing.ErrReferenceNotFound) && name != plumbing.HEAD:
			return "", fmt.Errorf("branch %s: %w", name.Short(), ErrNoCommits)
		case err != nil:
			return "", fmt.Errorf("read %s: %w", strings.Join(chain, " -> "), err)
		case ref.Type() == plumbing.HashReference:
			_, err := r.commit(ref.Hash())
			var wrongType *wrongTypeError
			if errors.As(err, &wrongType) {
				return "", fmt.Errorf("%s: %w, as it must be (git fsck: HEAD: not a commit): check out a branch with git switch NAME", strings.Join(chain, " -> "), err)
			}
			if err != nil {
				return "", fmt.Errorf("%s: %w", strings.Join(chain, " -> "), err)
			}
			return ref.Hash().String(), nil
		}
		name = ref.Target()
		chain = append(chain, name.String())
		if len(chain) > maxSymrefDepth+1 {
			return "", fmt.Errorf("%s: symbolic refs loop or nest too deep (git: your current branch appears to be broken): point HEAD at a branch with git symbolic-ref HEAD refs/heads/NAME", strings.Join(chain, " -> "))
		}
	}
}

// Resolve turns a revision (HEAD, a branch, a tag, a short or full hash,
// origin/main, HEAD~2) into a full commit hash. Tags are peeled to the
// commit they tag, through tags of tags, as git log does.
func (r *Repo) Resolve(rev string) (string, error) {
	h, err := r.git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return "", fmt.Errorf("resolve %q: %w", rev, err)
	}
	c, err := r.peel(*h)
	if err != nil {
		return "", fmt.Errorf("resolve %q: %w", rev, err)
	}
	return c.String(), nil
}

// maxTagDepth bounds chains of tags of tags.
const maxTagDepth = 16

// peel follows tags from h to the commit they tag.
func (r *Repo) peel(h plumbing.Hash) (plumbing.Hash, error) {
	for range maxTagDepth {
		typ, data, err := r.objects.read(plumbing.AnyObject, h, maxObjectBytes)
		if err != nil {
			return h, r.missing(err, plumbing.AnyObject, h)
		}
		switch typ {
		case plumbing.CommitObject:
			return h, nil
		case plumbing.TagObject:
			target, ok := bytes.CutPrefix(data, []byte("object "))
			if !ok || len(target) < 40 || !plumbing.IsHash(string(target[:40])) {
				return h, fmt.Errorf("tag %s is corrupt: it names no object", h)
			}
			h = plumbing.NewHash(string(target[:40]))
		default:
			return h, fmt.Errorf("%s %s is not a commit", typ, h)
		}
	}
	return h, fmt.Errorf("tag %s: more than %d tags of tags", h, maxTagDepth)
}

// resolveHash is Resolve for the walks, which accept only what Resolve gives.
func resolveHash(rev string) (plumbing.Hash, error) {
	if !plumbing.IsHash(rev) {
		return plumbing.ZeroHash, fmt.Errorf("%q is not a 40-hex commit hash; use Resolve first", rev)
	}
	return plumbing.NewHash(rev), nil
}

// TrackedFiles lists the paths in the index, like git ls-files. A bare
// repository has no index; there it lists HEAD's tree.
func (r *Repo) TrackedFiles() ([]string, error) {
	if r.bare {
		head, err := r.Resolve("HEAD")
		if err != nil {
			return nil, err
		}
		t, err := r.Tree(head)
		if err != nil {
			return nil, err
		}
		return t.Files()
	}
	files, err := r.indexFiles(r.gitDir)
	if err != nil {
		return nil, fmt.Errorf("read the index: %w", err)
	}
	return files, nil
}

// OriginURL returns the first URL of the remote "origin", "" when there is
// none (or the configuration cannot be read: the name is only for display).
func (r *Repo) OriginURL() string {
	cfg, err := r.git.Config()
	if err != nil {
		return ""
	}
	if o := cfg.Remotes["origin"]; o != nil && len(o.URLs) > 0 {
		return o.URLs[0]
	}
	return ""
}
