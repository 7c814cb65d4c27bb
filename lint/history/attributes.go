package history

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"github.com/handover-dev/handover/lint/history/gitattributes"
)

// diffMode is how git's diff attribute has a file's lines counted.
type diffMode uint8

const (
	// diffAuto: by content, binary when a NUL byte is in the first 8000.
	diffAuto diffMode = iota
	// diffText: the diff attribute is set, or its driver has binary false.
	diffText
	// diffBinary: -diff, the binary macro, or a driver with binary true.
	diffBinary
)

// maxAttributesBytes is git's bound on a gitattributes file: a bigger one
// is ignored.
const maxAttributesBytes = 100 << 20

// attributes reads the gitattributes files git reads for a diff between
// two commits (not those of the commits themselves): each folder's
// .gitattributes in the work tree, or in HEAD's tree for a bare
// repository (as git does since 2.43), then $GIT_COMMON_DIR/info/
// attributes. The user's and the system's files (core.attributesFile,
// /etc/gitattributes) are not read, as handover reads no configuration
// from outside the repository.
type attributes struct {
	repo  *Repo
	root  *os.Root // the work tree; nil for a bare repository
	head  *Tree    // HEAD's tree in a bare repository; nil otherwise
	info  *gitattributes.File
	byDir map[string]*gitattributes.File // nil for a folder without one
	// budget bounds the matching of one drift check: about a second on
	// patterns git itself would backtrack on without end.
	budget *gitattributes.Budget
}

const attributeSteps = 1 << 27

func (r *Repo) attributes() *attributes {
	a := &attributes{repo: r, byDir: map[string]*gitattributes.File{}, budget: gitattributes.NewBudget(attributeSteps)}
	if r.bare {
		if h, err := r.Head(); err == nil {
			a.head, _ = r.Tree(h)
		}
	} else {
		a.root, _ = os.OpenRoot(r.root)
	}
	if data, err := readRegular(filepath.Join(r.commonDir, "info", "attributes"), maxAttributesBytes); err == nil {
		a.info = gitattributes.Parse(data, "")
	}
	return a
}

func (a *attributes) close() {
	if a.root != nil {
		a.root.Close()
	}
}

// diffMode looks up the diff attribute of the file at p, and the
// driver it names in the repository's config (diff.NAME.binary).
func (a *attributes) diffMode(p string) diffMode {
	files := []*gitattributes.File{a.folder("")}
	for i := range len(p) {
		if p[i] == '/' {
			files = append(files, a.folder(p[:i]))
		}
	}
	files = slices.DeleteFunc(append(files, a.info), func(f *gitattributes.File) bool { return f == nil })
	st := gitattributes.Lookup(files, p, "diff", a.budget)
	switch st.Kind {
	case gitattributes.Set:
		return diffText
	case gitattributes.Unset:
		return diffBinary
	case gitattributes.Value:
		return a.repo.driverMode(st.Value)
	}
	return diffAuto
}

// folder parses the .gitattributes of the folder dir ("" for the top),
// once; nil when it has none.
func (a *attributes) folder(dir string) *gitattributes.File {
	if f, ok := a.byDir[dir]; ok {
		return f
	}
	var f *gitattributes.File
	if data, ok := a.read(path.Join(dir, ".gitattributes")); ok {
		f = gitattributes.Parse(data, dir)
	}
	a.byDir[dir] = f
	return f
}

// read reads a .gitattributes file: from the work tree only a regular
// file, not a symlink (git opens it with O_NOFOLLOW), through os.Root so
// that no folder symlink leads outside; from HEAD's tree a regular blob.
func (a *attributes) read(name string) ([]byte, bool) {
	switch {
	case a.root != nil:
		fi, err := a.root.Lstat(name)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxAttributesBytes {
			return nil, false
		}
		data, err := a.root.ReadFile(name)
		return data, err == nil
	case a.head != nil:
		e, ok, err := a.head.lookup(name)
		if !ok || err != nil || e.mode != filemode.Regular && e.mode != filemode.Executable {
			return nil, false
		}
		data, err := a.repo.readObject(plumbing.BlobObject, e.hash, maxAttributesBytes)
		return data, err == nil
	}
	return nil, false
}

// driverMode reads diff.NAME.binary, a git boolean or "auto", for the
// diff driver NAME; a driver the config does not define counts by
// content, as git's built-in ones (cpp, python, …) do.
func (r *Repo) driverMode(name string) diffMode {
	cfg, err := r.git.Config()
	if err != nil || cfg.Raw == nil || !cfg.Raw.Section("diff").HasSubsection(name) {
		return diffAuto
	}
	opts := cfg.Raw.Section("diff").Subsection(name).Options
	if !opts.Has("binary") {
		return diffAuto
	}
	switch v := strings.ToLower(strings.TrimSpace(opts.Get("binary"))); v {
	case "auto":
		return diffAuto
	case "true", "yes", "on", "":
		// A key without "= value" is true; go-git reads it as "".
		return diffBinary
	case "false", "no", "off":
		return diffText
	default:
		if n, err := strconv.Atoi(v); err == nil && n != 0 {
			return diffBinary
		}
		return diffText
	}
}
