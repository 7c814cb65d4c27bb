package report

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/handover-dev/handover/internal/inertmd"
)

// checkInert checks an output made of hostile values (a report, a
// portfolio page): it is valid UTF-8, no line of it starts a workflow
// command, and, when markdown, "##[" is nowhere (a job summary can be
// printed to a log) and goldmark finds no HTML, link, mention or heading
// that clean, the same output of clean values, does not have.
func checkInert(t *testing.T, name string, out, clean []byte, markdown bool) {
	t.Helper()
	if !utf8.Valid(out) {
		t.Errorf("%s: not valid UTF-8", name)
	}
	for i, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(strings.TrimLeftFunc(l, unicode.IsSpace), "::") || markdown && strings.Contains(l, "##[") {
			t.Errorf("%s: line %d is a workflow command: %q", name, i+1, l)
		}
	}
	if !markdown {
		return
	}
	none := func(string) bool { return false }
	got, want := inertmd.Parse(out, none), inertmd.Parse(clean, none)
	for _, p := range got.Problems {
		t.Errorf("%s: %s", name, p)
	}
	if len(got.Headings) != len(want.Headings) {
		t.Errorf("%s: headings %q, want %d as in %q", name, got.Headings, len(want.Headings), want.Headings)
	}
}

// selfContained are what an HTML page must not have: scripts, and
// anything it would fetch.
var selfContained = []*regexp.Regexp{
	regexp.MustCompile(`(?i)<script`), regexp.MustCompile(`(?i)<link`), regexp.MustCompile(`(?i)<img`),
	regexp.MustCompile(`(?i)<[a-z][^>]*\s(src|href)=`), regexp.MustCompile(`(?i)url\(`), regexp.MustCompile(`(?i)@import`),
}

// checkPage checks that an HTML page is self-contained and has every
// string of want (its print style, its states as words and symbols).
func checkPage(t *testing.T, page string, want ...string) {
	t.Helper()
	for _, bad := range selfContained {
		if loc := bad.FindStringIndex(page); loc != nil {
			t.Errorf("page has %q at %d: it must be self-contained and escape repository text", page[loc[0]:loc[1]], loc[0])
		}
	}
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}
