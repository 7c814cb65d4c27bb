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

// TestDriftExcludes: covers take git's exclude magic: translations and
// tests changed in a covered package are neither drift nor pr-drift, and
// an exclude glob is not a dead cover.
func TestDriftExcludes(t *testing.T) {
	res := checkArchive(t, `base: HEAD~1
-- .handover.yml --
require: [tech]
-- handover/tech.md --
---
owner: Ana
reviewed: 2026-11-01
covers: [packages/**, "!**/*.po", ":(exclude)packages/**/*_test.go", "!nothing/here", ":(icase)README"]
---
-- packages/api/a.go --
a
-- packages/api/a_test.go --
t
-- packages/api/fr.po --
fr
-- .commit 2026-11-01 --
-- packages/api/a_test.go --
t2
-- packages/api/fr.po --
fr2
-- .commit 2026-11-10 --
tests and translations
-- packages/api/a.go --
a2
-- packages/api/fr.po --
fr3
-- .commit 2026-11-20 --
code
`)
	drift := ruleLines(res, "drift")
	if !strings.Contains(drift, "changed in 1 commit since") || !strings.Contains(drift, "changed: packages/api/a.go +1 -1: ") {
		t.Errorf("drift with excludes:\n%s", drift)
	}
	for _, d := range res.Docs {
		if d.Kind == "tech" && (d.Drift == nil || d.Drift.Newest == nil || d.Drift.Newest.Date != "2026-11-20T12:00:00Z" || len(d.Drift.Newest.Commit) != 40) {
			t.Errorf("tech drift in the JSON = %+v, want the newest commit of 2026-11-20", d.Drift)
		}
	}
	if pr := ruleLines(res, "pr-drift"); !strings.Contains(pr, "modifies 1 file that handover/tech.md describes (covers packages/**)") {
		t.Errorf("pr-drift with excludes:\n%s", pr)
	}
	want := "handover/tech.md:4:87: warning: covers glob \":(icase)README\" uses pathspec magic handover does not know: write a glob, or exclude one with !GLOB or :(exclude)GLOB [dead-cover]\n"
	if dead := ruleLines(res, "dead-cover"); dead != want {
		t.Errorf("dead-cover:\n%s\nwant only the unknown magic:\n%s", dead, want)
	}
}
