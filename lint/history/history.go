// Package history answers the questions handover asks of a repository's git
// history: when a path last changed, how many commits changed covered code
// since, which files a change touches and who commits. It agrees with native
// git (git log -1 -- PATH, git rev-list --count A..B -- PATHSPEC) on linear
// and merge histories, which its tests check against the git binary.
//
// It reads objects through go-git but walks history itself: go-git's Log
// with a path filter diffs each commit against the next one in iteration
// order rather than against its parents, so on merge histories it disagrees
// with git, and it is far slower than native git.
package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
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
	root    string
	tempDir string // set for clones: removed by Close
	shallow map[plumbing.Hash]bool
	commits *objectCache[*commitNode]
	trees   *objectCache[rawTree]
}

// Bounds of the object caches. Trees dominate: a walk compares every commit's
// root tree with its parents', and each root tree is needed twice.
const (
	commitCacheBytes = 16 << 20
	treeCacheBytes   = 32 << 20
	// go-git's own cache keeps delta bases, which decide how fast packed
	// objects inflate.
	packCacheBytes = 32 << 20
)

// Open finds the repository containing path by walking up like git does (a
// .git directory, or a .git file as in worktrees and submodules).
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
	repo, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("%s: %w", path, ErrNotRepository)
	}
	if err != nil {
		return nil, fmt.Errorf("open repository at %s: %w", path, err)
	}
	root := abs
	if wt, err := repo.Worktree(); err == nil {
		root = wt.Filesystem.Root()
	}
	return newRepo(repo, root)
}

// newRepo reopens repo's storage keeping pack files open: by default go-git
// opens the pack again for every object it reads, which dominated walks.
func newRepo(repo *git.Repository, root string) (*Repo, error) {
	opened, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return nil, fmt.Errorf("repository at %s: unexpected storage %T", root, repo.Storer)
	}
	storage := filesystem.NewStorageWithOptions(opened.Filesystem(), cache.NewObjectLRU(packCacheBytes), filesystem.Options{KeepDescriptors: true})
	var err error
	if wt, werr := repo.Worktree(); werr == nil {
		repo, err = git.Open(storage, wt.Filesystem)
	} else {
		repo, err = git.Open(storage, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("open repository at %s: %w", root, err)
	}
	r := &Repo{
		git:     repo,
		storage: storage,
		root:    root,
		shallow: map[plumbing.Hash]bool{},
		commits: newCache[*commitNode](commitCacheBytes),
		trees:   newCache[rawTree](treeCacheBytes),
	}
	shallow, err := repo.Storer.Shallow()
	if err != nil {
		return nil, fmt.Errorf("read shallow commits: %w", err)
	}
	for _, h := range shallow {
		r.shallow[h] = true
	}
	return r, nil
}

// Close releases the repository and removes the directory of a clone.
func (r *Repo) Close() error {
	err := r.storage.Close()
	if r.tempDir != "" {
		err = errors.Join(err, os.RemoveAll(r.tempDir))
		r.tempDir = ""
	}
	return err
}

// Root is the absolute path of the work tree. A clone is bare: its Root holds
// no checked-out files, so read content through Tree.
func (r *Repo) Root() string { return r.root }

// Shallow reports whether the repository is a shallow clone, whose history
// is cut off and cannot answer history questions truthfully.
func (r *Repo) Shallow() (bool, error) {
	return len(r.shallow) > 0, nil
}

// Resolve turns a revision (HEAD, a branch, a tag, a short or full hash,
// origin/main, HEAD~2) into a full commit hash.
func (r *Repo) Resolve(rev string) (string, error) {
	h, err := r.git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return "", fmt.Errorf("resolve %q: %w", rev, err)
	}
	return h.String(), nil
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
	if _, err := r.git.Worktree(); errors.Is(err, git.ErrIsBareRepository) {
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
	idx, err := r.git.Storer.Index()
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	files := make([]string, 0, len(idx.Entries))
	for _, e := range idx.Entries {
		// Entries in conflict appear once per stage.
		if n := len(files); n == 0 || files[n-1] != e.Name {
			files = append(files, e.Name)
		}
	}
	sort.Strings(files)
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
