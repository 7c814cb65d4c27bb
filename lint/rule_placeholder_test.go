package lint

import "testing"

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
	}
	for _, tt := range tests {
		got, col := findPlaceholder(tt.in)
		if got != tt.want || col != tt.col {
			t.Errorf("findPlaceholder(%q) = %q, %d; want %q, %d", tt.in, got, col, tt.want, tt.col)
		}
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
