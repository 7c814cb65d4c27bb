package format

import (
	"fmt"
	"slices"
	"testing"

	"github.com/handover-dev/handover/lint"
)

func TestMostUsefulFirst(t *testing.T) {
	f := func(sev lint.Severity, path string) lint.Finding {
		return lint.Finding{Rule: "r", Severity: sev, Path: path, Message: sev.String() + " " + path}
	}
	in := []lint.Finding{
		f(lint.Info, "a.md"), f(lint.Warning, "a.md"), f(lint.Error, "a.md"),
		f(lint.Info, "changed.md"), f(lint.Warning, "changed.md"), f(lint.Error, "changed.md"),
		f(lint.Warning, "b.md"), f(lint.Error, "b.md"),
	}
	before := slices.Clone(in)
	got := MostUsefulFirst(in, []string{"changed.md"})
	want := []lint.Finding{
		f(lint.Error, "changed.md"), f(lint.Error, "a.md"), f(lint.Error, "b.md"),
		f(lint.Warning, "changed.md"), f(lint.Info, "changed.md"),
		f(lint.Warning, "a.md"), f(lint.Warning, "b.md"), f(lint.Info, "a.md"),
	}
	if !slices.Equal(got, want) {
		t.Errorf("MostUsefulFirst:\n got %v\nwant %v", messages(got), messages(want))
	}
	if !slices.Equal(in, before) {
		t.Error("MostUsefulFirst reordered its argument")
	}
}

func messages(fs []lint.Finding) []string {
	var m []string
	for _, f := range fs {
		m = append(m, f.Message)
	}
	return m
}

// todoFolder is what a handover folder full of TODOs gives: n placeholder
// warnings, then a few errors and a warning on the file the change
// touches, in path order.
func todoFolder(n int) *lint.Result {
	res := &lint.Result{Tool: lint.Tool{Name: "handover", Version: "v0.1.0"}, Repo: lint.RepoInfo{Now: "2026-11-25"}, Changed: []string{"handover/z-changed.md"}}
	for i := range n {
		res.Findings = append(res.Findings, lint.Finding{Rule: "placeholder", Severity: lint.Warning, Path: fmt.Sprintf("handover/notes/%06d.md", i),
			Line: 3, Column: 1, Message: `placeholder "TODO" in the text: replace it with the real content`})
	}
	for i := range 3 {
		res.Findings = append(res.Findings, lint.Finding{Rule: "schema", Severity: lint.Error, Path: "handover/team.md",
			Line: 9 + i, Column: 3, Message: "/members/1/email: \"ana@\" is not a valid email address"})
	}
	res.Findings = append(res.Findings, lint.Finding{Rule: "pr-drift", Severity: lint.Warning, Path: "handover/z-changed.md", Message: "changed"})
	res.Summary = lint.Summary{Error: 3, Warning: n + 1}
	return res
}
