// Package portfolio checks many repositories at once, for a fractional CTO
// who hands over several companies' code: it reads a portfolio list,
// checks its repositories concurrently, each in a workspace of its own,
// and reads check results made elsewhere (the jobs of a GitHub Actions
// matrix) back into the same rows. The page is lint/report's business; it
// reads only the rows.
package portfolio

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/lint"
	"github.com/handover-dev/handover/lint/yamldoc"
)

// Entry is one repository of a portfolio list.
type Entry struct {
	// Name is the name to show; "" takes the repository's own name.
	Name string
	// Path is a local repository; URL one to clone. Exactly one is set.
	Path, URL string
	// Ref is a branch, tag or commit to check instead of the working
	// tree or the remote's default branch; Dir the handover folder.
	Ref, Dir string
	// Line and Column are where the entry starts in the list.
	Line, Column int
}

// Target is what is checked: the URL, or the path.
func (e Entry) Target() string {
	if e.URL != "" {
		return e.URL
	}
	return e.Path
}

// Title is the entry's name on the page when its check gives none (it
// failed): Name, else the last element of the URL or the path, without
// ".git".
func (e Entry) Title() string {
	if e.Name != "" {
		return e.Name
	}
	p := e.Path
	if u, err := url.Parse(e.URL); err == nil && e.URL != "" {
		p = u.Path
	}
	base := path.Base(strings.TrimSuffix(strings.TrimRight(filepath.ToSlash(p), "/"), ".git"))
	if base == "." || base == "/" {
		return e.Target()
	}
	return base
}

// ReadList reads a portfolio list file. A relative path in it is relative
// to the list's folder, so that the list means the same from anywhere.
func ReadList(file string) ([]Entry, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read the portfolio list %s: %w", file, err)
	}
	if len(b) > lint.MaxFileSize {
		return nil, fmt.Errorf("the portfolio list %s is larger than 1 MiB", file)
	}
	entries, err := ParseList(file, b)
	if err != nil {
		return nil, err
	}
	for i, e := range entries {
		if e.Path != "" && !filepath.IsAbs(e.Path) {
			entries[i].Path = filepath.Join(filepath.Dir(file), filepath.FromSlash(e.Path))
		}
	}
	return entries, nil
}

// ParseList reads a portfolio list's text, validated by the embedded
// portfolio schema (`handover schema portfolio`). name is used in errors,
// which are *lint.ConfigError at name:line:col.
func ParseList(name string, src []byte) ([]Entry, error) {
	value, root, err := lint.ReadYAML(name, "portfolio", src)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, &lint.ConfigError{Path: name, Line: 1, Column: 1, Message: "the list is empty: add an entry per repository, such as - {url: https://github.com/acme/api}"}
	}
	items, _ := value.([]any)
	entries := make([]Entry, 0, len(items))
	for i, item := range items {
		m, _ := item.(map[string]any)
		str := func(key string) string { s, _ := m[key].(string); return s }
		ptr := "/" + strconv.Itoa(i)
		n := yamldoc.Locate(root, ptr)
		e := Entry{Name: str("name"), Path: str("path"), URL: str("url"), Ref: str("ref"), Dir: str("dir"), Line: n.Line, Column: n.Column}
		if msg := e.problem(); msg != "" {
			at := keyAt(root, ptr+"/url")
			return nil, &lint.ConfigError{Path: name, Line: at.Line, Column: at.Column, Message: ptr + ": " + msg}
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// problem says what is wrong with an entry the schema accepts, "" if
// nothing is. The schema leaves out "path or url", so that a misspelt key
// is the error a person sees first, not its consequence.
func (e Entry) problem() string {
	switch {
	case e.Path != "" && e.URL != "":
		return "give path or url, not both"
	case e.Path == "" && e.URL == "":
		return "needs a path (a local repository) or a url (one to clone)"
	case e.URL == "":
		return ""
	}
	u, err := url.Parse(e.URL)
	switch {
	case err != nil:
		return "url is not a URL: " + strings.TrimPrefix(err.Error(), "parse ")
	case u.User != nil:
		return "url contains credentials: remove them and set HANDOVER_TOKEN or GITHUB_TOKEN instead"
	case u.Scheme == "https" && u.Host == "":
		return "url has no host"
	}
	return ""
}

// keyAt is the position of the key whose value ptr names, or of the
// nearest node on the way when there is none.
func keyAt(root *yaml.Node, ptr string) *yaml.Node {
	n := yamldoc.Locate(root, ptr)
	if k := yamldoc.KeyOf(yamldoc.Locate(root, path.Dir(ptr)), n); k != nil {
		return k
	}
	return n
}
