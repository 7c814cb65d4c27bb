package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// write writes the output with fn to standard output when name is "", or
// else to the file name, created fresh: fn writes a temporary file in the
// same folder, which then replaces name, so a failed run leaves name as it
// was. It refuses a name that is a symbolic link (a repository can commit
// handover.sarif -> /somewhere/else), and a relative name is resolved
// inside the current folder: a linked folder on its way that leads out of
// it is refused too. An absolute name, or one starting with "..", is a
// place the user chose outside; only its last element must not be a link.
func (c *cli) write(name string, fn func(io.Writer) error) error {
	if name == "" {
		if err := fn(c.stdout); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
		return nil
	}
	dir, base := ".", name
	if !filepath.IsLocal(name) {
		dir, base = filepath.Split(name)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return outputError(name, err)
	}
	defer root.Close()
	fi, err := root.Lstat(base)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("--output %s is a symbolic link: handover does not write through links; remove it or name another file", name)
	case err == nil && fi.IsDir():
		return fmt.Errorf("--output %s is a folder: name a file", name)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return outputError(name, err)
	}
	tmp, f, err := createTemp(root, base)
	if err != nil {
		return outputError(name, err)
	}
	release, err := c.cleanup.hold(func() error { f.Close(); return root.Remove(tmp) })
	if err != nil {
		return err
	}
	err = fn(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, base)
	}
	if err != nil {
		release()
		return outputError(name, err)
	}
	return nil
}

// createTemp creates a new file beside base in root, named after it.
func createTemp(root *os.Root, base string) (string, *os.File, error) {
	dir, file := filepath.Split(base)
	for {
		tmp := filepath.Join(dir, "."+file+"."+rand.Text()[:8]+".tmp")
		f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return tmp, f, err
		}
	}
}

// outputError says why writing name failed, without Go's operation names.
func outputError(name string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	// os.Root's error for a symbolic link that leaves the folder.
	if err.Error() == "path escapes from parent" {
		return fmt.Errorf("--output %s leads out of the current folder through a symbolic link: handover does not write through links; name a file in a real folder", name)
	}
	return fmt.Errorf("--output %s: %w", name, err)
}
