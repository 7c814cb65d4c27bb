package lint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/handover-dev/handover/lint/history"
)

// MaxFileSize is the largest file the linter reads, on disk or from git.
const MaxFileSize = history.MaxFileSize

// errTooLarge reports a file over MaxFileSize.
var errTooLarge = errors.New("file is larger than 1 MiB")

// errEscapes reports a symbolic link that leads out of the repository.
var errEscapes = errors.New("symbolic link points outside the repository")

// Source is where the linter reads files: the working tree of a local
// checkout, or the tree of a commit. Names are repository-relative with "/".
type Source interface {
	// ReadFile returns at most MaxFileSize bytes of a file, errTooLarge
	// beyond that, errEscapes for a link out of the repository, and an
	// fs.ErrNotExist error for a missing file.
	ReadFile(name string) ([]byte, error)
	// Walk lists the files below dir, sorted. Links that leave the
	// repository are listed too; ReadFile refuses them.
	Walk(dir string) ([]string, error)
	// Files lists the files of the repository the covers and owns globs
	// are matched against, sorted.
	Files() ([]string, error)
	// Exists reports whether anything is at name, a file or a directory,
	// without reading it. It is false only for a name that is missing: a
	// link that leaves the repository exists, and ReadFile refuses it.
	Exists(name string) bool
}

// dirSource reads a working tree through os.Root, which refuses any path,
// link or ".." that would leave the root.
type dirSource struct {
	root  *os.Root
	files func() ([]string, error)
	list  fileList
}

func newDirSource(dir string, repo *history.Repo) (*dirSource, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	s := &dirSource{root: root}
	s.files = func() ([]string, error) { return s.Walk(".") }
	if repo != nil {
		// In a checkout, the code is what git tracks: build output and
		// node_modules in the working tree are not.
		s.files = repo.TrackedFiles
	}
	return s, nil
}

func (s *dirSource) ReadFile(name string) ([]byte, error) {
	// Opening a named pipe blocks until something writes to it, and a
	// device may never end: read regular files only.
	if fi, err := s.root.Stat(name); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file but a %s", name, fileType(fi.Mode()))
	}
	f, err := s.root.Open(name)
	if err != nil {
		if s.escapes(name) {
			return nil, errEscapes
		}
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileSize {
		return nil, errTooLarge
	}
	return b, nil
}

func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	case m.IsDir():
		return "directory"
	}
	return "special file"
}

// escapes reports whether name is a link (or lies under one) that os.Root
// refused to follow because it leaves the root.
func (s *dirSource) escapes(name string) bool {
	for p := name; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		fi, err := s.root.Lstat(p)
		if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			// A loop of links inside the repository is broken, not escaping:
			// its own error ("too many levels of symbolic links") says so.
			if _, err := s.root.Stat(p); err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ELOOP) {
				return true
			}
			target, err := s.root.Readlink(p)
			if err == nil && (path.IsAbs(target) || strings.HasPrefix(path.Clean(path.Join(path.Dir(p), target)), "..")) {
				return true
			}
		}
	}
	return false
}

// maxWalk bounds a working-tree listing outside git, so that pointing the
// linter at a home directory does not list it whole.
const maxWalk = 200_000

func (s *dirSource) Walk(dir string) ([]string, error) {
	var out []string
	err := fs.WalkDir(s.root.FS(), dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return fs.SkipDir
			}
			return nil
		}
		out = append(out, p)
		if len(out) >= maxWalk {
			return fs.SkipAll
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

func (s *dirSource) Files() ([]string, error) { return s.list.get(s.files) }

func (s *dirSource) Exists(name string) bool {
	_, err := s.root.Stat(name)
	// A path through a file (a.md/x) is missing too, though its error
	// is "not a directory".
	return err == nil || !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR)
}

// fileList lists the files of a repository once a check, however many
// rules ask: listing a large tree takes a while.
type fileList struct {
	once  sync.Once
	files []string
	err   error
}

// get returns the list, made by list on the first call; each caller gets
// its own copy to sort or filter.
func (l *fileList) get(list func() ([]string, error)) ([]string, error) {
	l.once.Do(func() { l.files, l.err = list() })
	return slices.Clone(l.files), l.err
}

// treeSource reads a commit's tree from git objects.
type treeSource struct {
	tree *history.Tree
	list fileList
}

func (s *treeSource) ReadFile(name string) ([]byte, error) {
	data, err := s.tree.ReadFile(name)
	switch {
	case errors.Is(err, history.ErrEscapes):
		return nil, errEscapes
	case errors.Is(err, history.ErrTooLarge):
		return nil, errTooLarge
	}
	return data, err
}

func (s *treeSource) Walk(dir string) ([]string, error) {
	all, err := s.Files()
	if err != nil {
		return nil, err
	}
	prefix := strings.TrimSuffix(dir, "/") + "/"
	var out []string
	for _, f := range all {
		if strings.HasPrefix(f, prefix) {
			out = append(out, f)
		}
	}
	if len(out) == 0 && s.tree.IsSymlink(dir) {
		// The working tree follows a link that stays inside the
		// repository; a commit's tree is read as stored, so say why the
		// folder is empty rather than report its documents missing.
		if _, err := s.tree.Size(dir); errors.Is(err, history.ErrEscapes) {
			return nil, errEscapes
		}
		return nil, fmt.Errorf("%s is a symbolic link, which is not followed in a commit: point --dir at the folder it links to", dir)
	}
	if len(out) == 0 {
		return nil, &fs.PathError{Op: "walk", Path: dir, Err: fs.ErrNotExist}
	}
	return out, nil
}

func (s *treeSource) Files() ([]string, error) { return s.list.get(s.tree.Files) }

func (s *treeSource) Exists(name string) bool {
	_, err := s.tree.Size(name)
	return err == nil || !errors.Is(err, fs.ErrNotExist)
}
