package history

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// Tree is a commit's tree, read from git objects rather than the work tree.
type Tree struct {
	repo *Repo
	root plumbing.Hash
}

// maxSymlinkHops bounds symlink chains, as the kernel's ELOOP does.
const maxSymlinkHops = 8

// Tree returns the tree of a commit given as a 40-hex hash.
func (r *Repo) Tree(commit string) (*Tree, error) {
	h, err := resolveHash(commit)
	if err != nil {
		return nil, err
	}
	c, err := r.commit(h)
	if err != nil {
		return nil, err
	}
	return &Tree{repo: r, root: c.tree}, nil
}

// lookup finds the entry at a slash-separated path without following
// symlinks. ok is false when any component is absent or not a directory.
func (t *Tree) lookup(name string) (e treeEntry, ok bool, err error) {
	e = treeEntry{mode: filemode.Dir, hash: t.root}
	for _, part := range strings.Split(name, "/") {
		if !e.isTree() {
			return treeEntry{}, false, nil
		}
		dir, err := t.repo.tree(e.hash)
		if err != nil {
			return treeEntry{}, false, reading(err, name)
		}
		if e, ok, err = dir.find(part); !ok || err != nil {
			return treeEntry{}, false, err
		}
	}
	return e, true, nil
}

// IsSymlink reports whether name is a symlink in the tree.
func (t *Tree) IsSymlink(name string) bool {
	e, ok, _ := t.lookup(path.Clean(name))
	return ok && e.mode == filemode.Symlink
}

// ReadFile returns the content of the blob at name. Symlinks along the way
// are followed when they stay inside the repository; one that leaves it gives
// ErrEscapes and is never read. An absent path gives fs.ErrNotExist, a file
// over MaxFileSize ErrTooLarge, unread.
func (t *Tree) ReadFile(name string) ([]byte, error) {
	e, err := t.file(name)
	if err != nil {
		return nil, err
	}
	data, err := t.repo.readObject(plumbing.BlobObject, e.hash, MaxFileSize)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, reading(err, name))
	}
	return data, nil
}

// Size returns the size in bytes of the blob at name, following symlinks
// as ReadFile does, without reading it: a caller can refuse a huge file
// before it is loaded into memory.
func (t *Tree) Size(name string) (int64, error) {
	e, err := t.file(name)
	if err != nil {
		return 0, err
	}
	size, err := t.repo.objects.size(e.hash)
	return size, reading(t.repo.missing(err, plumbing.BlobObject, e.hash), name)
}

// file resolves name to the entry of a file (a blob, not a directory or
// a submodule).
func (t *Tree) file(name string) (treeEntry, error) {
	e, err := t.resolve(name)
	if err == nil && (e.mode == filemode.Dir || e.mode == filemode.Submodule) {
		err = fmt.Errorf("%s: is not a file", name)
	}
	return e, err
}

// resolve walks name component by component, replacing each symlink by its
// target, like the kernel's path resolution confined to the tree.
func (t *Tree) resolve(name string) (treeEntry, error) {
	clean := path.Clean(name)
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
		return treeEntry{}, fmt.Errorf("%s: %w", name, ErrEscapes)
	}
	todo := strings.Split(clean, "/")
	var done []string // resolved components, all directories
	hops := 0
	for len(todo) > 0 {
		part := todo[0]
		todo = todo[1:]
		if part == "." {
			continue
		}
		if part == ".." {
			if len(done) == 0 {
				return treeEntry{}, fmt.Errorf("%s: %w", name, ErrEscapes)
			}
			done = done[:len(done)-1]
			continue
		}
		cur := joinPath(strings.Join(done, "/"), part)
		e, ok, err := t.lookup(cur)
		if err != nil {
			return treeEntry{}, err
		}
		if !ok {
			return treeEntry{}, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
		}
		if e.mode != filemode.Symlink {
			if len(todo) == 0 {
				return e, nil
			}
			done = append(done, part)
			continue
		}
		if hops++; hops > maxSymlinkHops {
			return treeEntry{}, fmt.Errorf("%s: too many levels of symbolic links", name)
		}
		target, err := t.repo.readObject(plumbing.BlobObject, e.hash, maxSymlinkBytes)
		if errors.Is(err, ErrTooLarge) {
			return treeEntry{}, fmt.Errorf("%s: the target of the symbolic link %s is longer than %d bytes", name, cur, maxSymlinkBytes)
		}
		if err != nil {
			return treeEntry{}, reading(err, cur)
		}
		if path.IsAbs(string(target)) {
			return treeEntry{}, fmt.Errorf("%s -> %s: %w", name, target, ErrEscapes)
		}
		todo = append(strings.Split(string(target), "/"), todo...)
	}
	// Only "." or a path that climbed back to the root gets here.
	return treeEntry{mode: filemode.Dir, hash: t.root}, nil
}

// Files lists every path the tree tracks, sorted, as git ls-tree -r
// does: files, symlinks and submodules, as a work tree's index lists them
// too (a document may cover a submodule).
func (t *Tree) Files() ([]string, error) {
	var files []string
	err := t.repo.walkTree(t.root, "", func(p string, e treeEntry) error {
		files = append(files, p)
		return nil
	})
	sort.Strings(files)
	return files, err
}

// walkTree calls fn for every non-directory entry below the tree h, whose
// path is prefix.
func (r *Repo) walkTree(h plumbing.Hash, prefix string, fn func(string, treeEntry) error) error {
	t, err := r.tree(h)
	if err != nil {
		return reading(err, dirPath(prefix))
	}
	entries, err := t.entries()
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := joinPath(prefix, e.name)
		if e.isTree() {
			err = r.walkTree(e.hash, p, fn)
		} else {
			err = fn(p, e)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func joinPath(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}
