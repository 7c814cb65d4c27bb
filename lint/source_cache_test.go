package lint

import (
	"context"
	"slices"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestFileListOnce: the repository is listed once a check however many
// rules ask (30,000 broken links with --ref listed the whole tree each),
// and each caller gets a copy it may change.
func TestFileListOnce(t *testing.T) {
	var l fileList
	calls := 0
	list := func() ([]string, error) {
		calls++
		return []string{"a.go", "b.go"}, nil
	}
	first, _ := l.get(list)
	first[0] = "changed"
	second, _ := l.get(list)
	if calls != 1 || !slices.Equal(second, []string{"a.go", "b.go"}) {
		t.Errorf("listed %d times, second list %v", calls, second)
	}
}

// TestSourceExists: both sources say what exists without reading it: files,
// directories, links that leave the repository (ReadFile refuses those), and
// not missing names.
func TestSourceExists(t *testing.T) {
	f := buildFixture(t, t.Name(), txtar.Parse([]byte("-- .handover.yml --\nrequire: []\n-- docs/a.md --\n# A\n")))
	for _, ref := range []string{"", "HEAD"} {
		opts := f.opts
		opts.Ref = ref
		ws, err := Open(context.Background(), f.dir, opts)
		must(t, err)
		for name, want := range map[string]bool{"docs/a.md": true, "docs": true, "docs/b.md": false, "nope/a.md": false, "docs/a.md/x": false} {
			if got := ws.Source.Exists(name); got != want {
				t.Errorf("ref %q: Exists(%s) = %v, want %v", ref, name, got, want)
			}
		}
		ws.Close()
	}
}
