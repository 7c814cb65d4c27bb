package lint

import (
	"fmt"
	"path/filepath"
	"testing"
)

func TestPlaceholder(t *testing.T) { testRule(t, "placeholder") }

func TestFindPlaceholder(t *testing.T) {
	tests := []struct {
		in, want string
		col      int
	}{
		{"<your name>", "<your name>", 1},
		{"Owner: <describe the deployment>", "<describe the deployment>", 8},
		{"<…>", "<…>", 1},
		{"<_fill in_>", "<_fill in_>", 1},
		{"Café TODO", "TODO", 6},
		{"TBD", "TBD", 1},
		{"FIXME: flaky", "FIXME", 1},
		{"see XXX", "XXX", 5},
		{"Lorem Ipsum dolor", "Lorem Ipsum", 1},
		{"cost ???", "???", 6},
		// Not template text.
		{"line<br>break", "", 0},
		{"<br/>", "", 0},
		{`<a href="https://acme.example">`, "", 0},
		{`<details open>`, "", 0},
		{"</summary>", "", 0},
		{"<https://acme.example/docs>", "", 0},
		{"<mailto:ops@acme.example>", "", 0},
		{"<ops@acme.example>", "", 0},
		{"<!-- note -->", "", 0},
		{"p99 < 5 ms and > 2 ms", "", 0},
		{"a <- b", "", 0},
		{"XXL plans", "", 0},
		{"todo and tbd in lower case are words", "", 0},
		{"TODOS", "", 0},
		{"what?", "", 0},
		// Generic types, URL and path templates, assignments: shapes, not
		// text left to fill in (issue 10).
		{"returns Promise<void>", "", 0},
		{"Map<string, Envelope>", "", 0},
		{"https://host/sign/<token>", "", 0},
		{"postgres://app:<password>@db:5432", "", 0},
		{"API_KEY=<key from 1Password>", "", 0},
		{"<app>.fly.dev and <name>-worker", "", 0},
		{"<org>/<repo>", "", 0},
		{"ask (<your name>) or \"<your name>\"", "<your name>", 6},
		// Markers inside names are not markers.
		{"XXX-large plans", "", 0},
		{"size XXX-", "", 0},
		{"see TODO.md and docs/TODO", "", 0},
		{"XXX: fix", "XXX", 1},
		{"plans: XXX", "XXX", 8},
		{"it is FIXME.", "FIXME", 7},
		{"(TBD)", "TBD", 2},
		// HTML: an element with its closing tag, custom elements included,
		// and MDX's JSX attributes.
		{"<app-banner-courses></app-banner-courses>", "", 0},
		{`<div align="center" style={{marginBottom: '12px'}}>`, "", 0},
		{"<app-banner-courses> only opened", "<app-banner-courses>", 1},
	}
	for _, tt := range tests {
		got, col := findPlaceholder(tt.in)
		if got != tt.want || col != tt.col {
			t.Errorf("findPlaceholder(%q) = %q, %d; want %q, %d", tt.in, got, col, tt.want, tt.col)
		}
	}
}

// TestFindPlaceholders: every placeholder of a string, each at its own
// character column.
func TestFindPlaceholders(t *testing.T) {
	got := fmt.Sprint(findPlaceholders("Café TODO, <x y> and TBD; XXX-large; ??? é <b> <your name>"))
	if want := "[{TODO 6} {<x y> 12} {TBD 22} {??? 38} {<your name> 48}]"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestPlaceholderProse: code blocks, code spans and HTML comments are not
// prose; every placeholder of a line is reported at its own column; field
// values are found in block scalars and quoted strings.
func TestPlaceholderProse(t *testing.T) {
	res := checkArchive(t, "nogit: true\n-- .handover.yml --\nrequire: [vendors]\n-- handover/vendors.md --\n"+`---
owner: Ana Lima
reviewed: 2026-11-01
vendors:
  - name: Postmark
    service: 'email, <which plan?>'
    account_owner: Ana Lima
    credentials: |
      1Password vault "Ops",
      entry TODO
    introduced: 2026-11-10
---
# Vendors

## Overview

Postmark sends receipts; ask <your name> and TBD, then TBD again.
Run `+"`grep -r TODO .`"+` to see the backlog. <!-- TODO: remove this note -->

`+"```sh"+`
# FIXME: in a code block, not prose
`+"```"+`

    XXX in an indented code block

<details><summary>Pricing</summary>Paid yearly.</details>
`)
	want := `handover/vendors.md:6:22: warning: placeholder "<which plan?>" in a field: replace it with the real value [placeholder]
handover/vendors.md:10:13: warning: placeholder "TODO" in a field: replace it with the real value [placeholder]
handover/vendors.md:17:30: warning: placeholder "<your name>" in the text: write the real content [placeholder]
handover/vendors.md:17:46: warning: placeholder "TBD" in the text: write the real content [placeholder]
handover/vendors.md:17:56: warning: placeholder "TBD" in the text: write the real content [placeholder]
`
	if got := ruleLines(res, "placeholder"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestDisableNextLineMarkdown: the HTML comment silences the named rule on
// the next line only.
func TestDisableNextLineMarkdown(t *testing.T) {
	res := checkArchive(t, `nogit: true
-- .handover.yml --
require: []
-- handover/notes.md --
# Notes

<!-- handover-disable-next-line placeholder -->
The <project name> is what sales calls it; it really has no name.
The <project name> again, not silenced.
<!-- handover-disable-next-line broken-link -->
TODO [old](missing.md)
`)
	want := `handover/notes.md:5:5: warning: placeholder "<project name>" in the text: write the real content [placeholder]
handover/notes.md:7:1: warning: placeholder "TODO" in the text: write the real content [placeholder]
`
	if got := ruleLines(res, "placeholder", "broken-link"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestPlaceholderNotTemplateText: the shapes of issue 10 in fields and in
// prose are not placeholders: generic types, URL templates, code spans
// across lines or with backticks inside, link destinations, reference
// definitions, XXX-large; the real placeholders around them still are.
func TestPlaceholderNotTemplateText(t *testing.T) {
	dir := filepath.Join("testdata", "rules", "placeholder")
	res := loadFixture(t, filepath.Join(dir, "not-template-text.txtar")).check(t)
	golden(t, filepath.Join(dir, "not-template-text.want"), ruleLines(res, "placeholder"))
}
