package lint

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"github.com/handover-dev/handover/internal/repopath"
	"github.com/handover-dev/handover/lint/history"
	"github.com/handover-dev/handover/schemas"
)

//go:embed templates/*.md
var templates embed.FS

// Template returns the starter document of a kind, dated today: each
// {{.Today}} of its file becomes the date.
func Template(kind string, today time.Time) ([]byte, error) {
	b, err := templates.ReadFile("templates/" + kind + ".md")
	if err != nil {
		return nil, fmt.Errorf("no template for kind %q", kind)
	}
	return bytes.ReplaceAll(b, []byte("{{.Today}}"), []byte(today.Format(time.DateOnly))), nil
}

// InitOptions are the inputs of Init besides the target.
type InitOptions struct {
	// Dir is the handover folder relative to the repository root; "" takes
	// the config's (else handover).
	Dir string
	// Today is the date written into reviewed.
	Today time.Time
}

// Initialized says what Init did. Paths are absolute.
type Initialized struct {
	// Root is the repository root the folder is relative to.
	Root string
	// Dir is the handover folder, repository-relative.
	Dir string
	// Written lists the templates written.
	Written []string
	// Config is the configuration file written to record Dir, "" if none.
	Config string
}

// Init writes a template for every required kind without a document in the
// handover folder, where check will look for it: the folder is found by the
// same rule as check's (the config at the repository root, and a --dir
// relative to that root), so init from a subdirectory writes the root's
// folder. A Dir other than the configured one is recorded in a new
// .handover.yml; when the repository has one that says otherwise, Init
// refuses rather than edit it. It never overwrites, writes only inside the
// repository (a handover folder that is a link out of it is refused), and
// creates every file fresh.
func Init(target string, opts InitOptions) (*Initialized, error) {
	root, err := initRoot(target)
	if err != nil {
		return nil, err
	}
	rootFS, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer rootFS.Close()
	src := &dirSource{root: rootFS}
	src.files = func() ([]string, error) { return nil, nil }
	cfg, err := LoadConfig(src, "", os.ReadFile)
	if err != nil {
		return nil, err
	}
	out := &Initialized{Root: root, Dir: cfg.Dir}
	if opts.Dir != "" {
		dir, ok := repopath.Clean(filepath.ToSlash(opts.Dir))
		if !ok {
			return nil, fmt.Errorf("--dir %s leaves the repository: give the handover folder relative to the repository root (%s), such as docs/handover", opts.Dir, root)
		}
		if dir != cfg.Dir && cfg.Path != "" {
			return nil, fmt.Errorf("--dir %s: %s says dir: %s, and check reads that: change dir in %s, or run init without --dir", dir, ConfigFile, cfg.Dir, ConfigFile)
		}
		out.Dir = dir
	}
	if src.escapes(out.Dir) {
		return nil, fmt.Errorf("init: %s is a symbolic link that leaves the repository, and handover writes only inside it: replace the link with a folder", out.Dir)
	}
	if err := rootFS.MkdirAll(out.Dir, 0o755); err != nil {
		return nil, initError(out.Dir, err)
	}
	for _, kind := range cfg.Require {
		name := path.Join(out.Dir, kind+".md")
		written, err := writeTemplate(rootFS, out.Dir, kind, opts.Today)
		if err != nil {
			return out, initError(name, err)
		}
		if written {
			out.Written = append(out.Written, filepath.Join(root, filepath.FromSlash(name)))
		}
	}
	if out.Dir != cfg.Dir {
		body := fmt.Sprintf("# handover configuration: `handover schema config` lists the settings.\ndir: %s\n", out.Dir)
		if err := createFile(rootFS, ConfigFile, []byte(body)); err != nil {
			return out, initError(ConfigFile, err)
		}
		out.Config = filepath.Join(root, ConfigFile)
	}
	return out, nil
}

// initRoot is the root of the repository containing target, or target
// itself outside git.
func initRoot(target string) (string, error) {
	if history.IsRemote(target) {
		return "", fmt.Errorf("init writes into a local folder: clone %s and run init in the clone", history.Redact(target))
	}
	fi, err := os.Stat(target)
	if err != nil || !fi.IsDir() {
		return "", fmt.Errorf("init: %s is not a directory", target)
	}
	repo, err := history.Open(target)
	switch {
	case errors.Is(err, history.ErrNotRepository):
		return filepath.Abs(target)
	case err != nil:
		return "", fmt.Errorf("cannot open the git repository at %s: %w", target, err)
	}
	defer repo.Close()
	return repo.Root(), nil
}

// writeTemplate writes the template of kind into dir unless the kind has
// a document there already (.md, .yml, .yaml or .json).
func writeTemplate(root *os.Root, dir, kind string, today time.Time) (bool, error) {
	if !slices.Contains(schemas.Kinds, kind) {
		return false, fmt.Errorf("unknown kind %q", kind)
	}
	for _, ext := range docExts {
		if _, err := root.Lstat(path.Join(dir, kind+ext)); err == nil {
			return false, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return false, err
		}
	}
	body, err := Template(kind, today)
	if err != nil {
		return false, err
	}
	err = createFile(root, path.Join(dir, kind+".md"), body)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	return err == nil, err
}

// createFile creates a new file inside root and writes it; an existing
// file, or a link in its place, is fs.ErrExist.
func createFile(root *os.Root, name string, body []byte) error {
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// initError names the path init could not write.
func initError(name string, err error) error {
	return fmt.Errorf("init: %s: %w", name, unwrapPathError(err))
}
