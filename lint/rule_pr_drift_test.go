package lint

import "testing"

func TestPRDrift(t *testing.T) { testRule(t, "pr-drift") }

// TestPRDriftOneFindingPerDocument: a change to many covered files gives one
// finding per document, on the first covered file, with the count and the
// first few; a document the change updates gives none.
func TestPRDriftOneFindingPerDocument(t *testing.T) {
	res := checkArchive(t, `base: HEAD~1
-- .handover.yml --
require: [tech, product]
-- handover/tech.md --
---
owner: Ana
reviewed: 2026-11-01
covers: [services/**]
---
-- handover/product.md --
---
owner: Ana
reviewed: 2026-11-01
covers: [web]
---
-- .commit 2026-11-01 --
-- services/a/x.go --
a
-- services/b/y.go --
b
-- services/c.go --
c
-- services/d.go --
d
-- services/e.go --
e
-- web/index.html --
w
-- handover/product.md --
---
owner: Ana
reviewed: 2026-11-20
covers: [web]
---
-- .commit 2026-11-20 --
`)
	got := ruleLines(res, "pr-drift")
	want := "services/a/x.go: warning: this change modifies 5 files that handover/tech.md describes (covers services/**) but does not update it: services/a/x.go, services/b/y.go, services/c.go and 2 more; update the document, or set its reviewed date if it is still true [pr-drift]\n"
	if got != want {
		t.Errorf("pr-drift findings:\n%s\nwant:\n%s", got, want)
	}
}
