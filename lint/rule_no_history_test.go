package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
)

func TestNoHistory(t *testing.T) { testRule(t, "no-history") }

// TestNoHistoryNoCommits: a repository before its first commit is checked
// like a plain folder, and says why history was skipped.
func TestNoHistoryNoCommits(t *testing.T) {
	dir := t.TempDir()
	gittest.Git(t, dir, nil, "init", "-q")
	must(t, os.WriteFile(filepath.Join(dir, ".handover.yml"), []byte("require: [product]\n"), 0o644))
	want := "handover: info: the repository has no commits yet: history rules were skipped until the first commit [no-history]\n" +
		"handover/product.md: error: no product document: create product.md (or .yml, .yaml, .json) in handover/; `handover init` writes a template [missing-doc]\n"
	if got := findingLines(checkDir(t, dir, Options{}).Findings); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
