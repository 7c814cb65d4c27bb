package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDrift(t *testing.T) { testRule(t, "drift") }

// TestDriftEditedInWorkTree checks that a document being edited in the
// working tree does not drift (a pre-commit run must not block the commit
// that fixes the drift), while a working-tree copy equal to the committed
// one, even with CRLF line ends, still drifts.
func TestDriftEditedInWorkTree(t *testing.T) {
	f := loadFixture(t, filepath.Join("testdata", "rules", "drift", "fail.txtar"))
	if !strings.Contains(findingLines(f.check(t).Findings), "[drift]") {
		t.Fatal("the fixture does not drift to begin with")
	}
	doc := filepath.Join(f.dir, "handover", "tech.md")
	committed, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(doc, []byte(strings.ReplaceAll(string(committed), "\n", "\r\n")), 0o644))
	if !strings.Contains(findingLines(f.check(t).Findings), "[drift]") {
		t.Error("a working-tree copy that differs only in line ends stopped the drift")
	}
	must(t, os.WriteFile(doc, []byte(strings.Replace(string(committed), "Production only;", "Production and staging;", 1)), 0o644))
	if got := findingLines(f.check(t).Findings); strings.Contains(got, "[drift]") {
		t.Errorf("a document edited in the working tree still drifts:\n%s", got)
	}
}
