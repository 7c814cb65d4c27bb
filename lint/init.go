package lint

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"text/template"
	"time"

	"github.com/handover-dev/handover/schemas"
)

//go:embed templates/*.md
var templates embed.FS

// Template returns the starter document of a kind, dated today.
func Template(kind string, today time.Time) ([]byte, error) {
	t, err := template.ParseFS(templates, "templates/"+kind+".md")
	if err != nil {
		return nil, fmt.Errorf("no template for kind %q", kind)
	}
	var b bytes.Buffer
	err = t.Execute(&b, struct{ Today string }{today.Format(time.DateOnly)})
	return b.Bytes(), err
}

// Init writes a template for every kind of cfg.Require without a document
// in dir (an absolute folder on disk) and returns the files it wrote. It
// never overwrites: a kind with any document (.md, .yml, .yaml, .json) is
// left alone.
func Init(dir string, kinds []string, today time.Time) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	for _, kind := range kinds {
		if !slices.Contains(schemas.Kinds, kind) {
			return written, fmt.Errorf("unknown kind %q", kind)
		}
		if exists, err := hasDoc(dir, kind); err != nil || exists {
			if err != nil {
				return written, err
			}
			continue
		}
		body, err := Template(kind, today)
		if err != nil {
			return written, err
		}
		name := filepath.Join(dir, kind+".md")
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return written, err
		}
		_, err = f.Write(body)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return written, err
		}
		written = append(written, name)
	}
	return written, nil
}

func hasDoc(dir, kind string) (bool, error) {
	for _, ext := range docExts {
		_, err := os.Lstat(filepath.Join(dir, kind+ext))
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return false, err
		}
	}
	return false, nil
}
