package lint

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestReadinessOfTemplates checks that the templates of handover init,
// unfilled, score nothing: their dates are the day init ran and their
// names are placeholders, so no activity has started.
func TestReadinessOfTemplates(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	if _, err := Init(dir, InitOptions{Today: now}); err != nil {
		t.Fatal(err)
	}
	res := checkDir(t, dir, Options{Now: now})
	for _, a := range res.Readiness.Activities {
		if a.Completion != 0 {
			t.Errorf("activity %s scores %v on untouched templates, want 0: %+v", a.ID, a.Completion, a)
		}
		if strings.HasPrefix(a.ID, "document-") || a.ID == "ramp-down" {
			if !strings.Contains(a.Detail, "still the template") {
				t.Errorf("activity %s detail %q does not say the document is still the template", a.ID, a.Detail)
			}
		}
	}
	if res.Readiness.Score != 0 {
		t.Errorf("readiness of untouched templates = %v, want 0", res.Readiness.Score)
	}
}

// TestTemplatesAreDated: every starter document has each {{.Today}} of
// its file replaced by the date, and nothing else of that syntax left; a
// kind without a file, or a path out of the folder, is an error.
func TestTemplatesAreDated(t *testing.T) {
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	entries, err := templates.ReadDir("templates")
	if err != nil || len(entries) != 5 {
		t.Fatalf("templates: %d files, %v; want the five kinds", len(entries), err)
	}
	for _, e := range entries {
		kind := strings.TrimSuffix(e.Name(), ".md")
		body, err := Template(kind, today)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(body), "reviewed: 2026-11-25\n") || strings.Contains(string(body), "{{") {
			t.Errorf("%s template:\n%s\nwant reviewed: 2026-11-25 and no {{", kind, body)
		}
	}
	for _, kind := range []string{"nonsense", "../init", "templates/product"} {
		if _, err := Template(kind, today); err == nil || !strings.Contains(err.Error(), "no template for kind") {
			t.Errorf("Template(%q): %v, want no template for kind", kind, err)
		}
	}
}

// TestReadinessUnknownIsNotDone: the same repository scores less as a
// shallow clone than in full, because drift it could not check is not
// "no drift", and each document activity says drift is unknown.
func TestReadinessUnknownIsNotDone(t *testing.T) {
	a, err := txtar.ParseFile(filepath.Join("testdata", "reality", "clean.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	full := buildFixture(t, "full", a).check(t)
	a.Comment = append(a.Comment, []byte("\nshallow: 1\n")...)
	shallow := buildFixture(t, "shallow", a).check(t)
	if full.Readiness.Score != 1 {
		t.Fatalf("full clone readiness %v, want 1: %+v", full.Readiness.Score, full.Readiness.Activities)
	}
	if shallow.Readiness.Score >= full.Readiness.Score {
		t.Errorf("shallow clone readiness %v is not below the full clone's %v", shallow.Readiness.Score, full.Readiness.Score)
	}
	for _, act := range shallow.Readiness.Activities {
		if strings.HasPrefix(act.ID, "document-") && (act.Done || !strings.Contains(act.Detail, "drift unknown (shallow clone)")) {
			t.Errorf("shallow %s = %+v, want not done with drift unknown", act.ID, act)
		}
	}
}

// TestReadinessUnfinishedDocument: a document with a placeholder left
// scores only for being there; its review date and drift count once it is
// complete.
func TestReadinessUnfinishedDocument(t *testing.T) {
	res := checkArchive(t, `-- .handover.yml --
require: [product]
-- handover/product.md --
---
owner: Ana Lima
reviewed: 2026-11-01
name: Acme Shop
summary: TODO one sentence.
users: [shoppers]
---
## Overview
Shop.
## Users
Shoppers.
## Features
Cart.
## Roadmap
More.
## Known issues
None.
`)
	act := res.Readiness.Activities[0]
	if act.ID != "document-product" || act.Completion != 0.25 || !strings.Contains(act.Detail, "unfinished (1 placeholder or empty section)") {
		t.Errorf("document-product = %+v, want 0.25 and unfinished", act)
	}
}
