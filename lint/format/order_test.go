package format

import (
	"fmt"
	"slices"
	"testing"

	"github.com/handover-dev/handover/lint/result"
)

func TestMostUsefulFirst(t *testing.T) {
	f := func(sev result.Severity, path string) result.Finding {
		return result.Finding{Rule: "r", Severity: sev, Path: path, Message: sev.String() + " " + path}
	}
	in := []result.Finding{
		f(result.Info, "a.md"), f(result.Warning, "a.md"), f(result.Error, "a.md"),
		f(result.Info, "changed.md"), f(result.Warning, "changed.md"), f(result.Error, "changed.md"),
		f(result.Warning, "b.md"), f(result.Error, "b.md"),
	}
	before := slices.Clone(in)
	got := MostUsefulFirst(in, []string{"changed.md"})
	want := []result.Finding{
		f(result.Error, "changed.md"), f(result.Error, "a.md"), f(result.Error, "b.md"),
		f(result.Warning, "changed.md"), f(result.Info, "changed.md"),
		f(result.Warning, "a.md"), f(result.Warning, "b.md"), f(result.Info, "a.md"),
	}
	if !slices.Equal(got, want) {
		t.Errorf("MostUsefulFirst:\n got %v\nwant %v", messages(got), messages(want))
	}
	if !slices.Equal(in, before) {
		t.Error("MostUsefulFirst reordered its argument")
	}
}

func messages(fs []result.Finding) []string {
	var m []string
	for _, f := range fs {
		m = append(m, f.Message)
	}
	return m
}

// todoFolder is what a handover folder full of TODOs gives: n placeholder
// warnings, then a few errors and a warning on the file the change
// touches, in path order.
func todoFolder(n int) *result.Result {
	res := &result.Result{Tool: result.Tool{Name: "handover", Version: "v0.1.0"}, Repo: result.RepoInfo{Now: "2026-11-25", Changed: []string{"handover/z-changed.md"}}}
	for i := range n {
		res.Findings = append(res.Findings, result.Finding{Rule: "placeholder", Severity: result.Warning, Path: fmt.Sprintf("handover/notes/%06d.md", i),
			Line: 3, Column: 1, Message: `placeholder "TODO" in the text: replace it with the real content`})
	}
	for i := range 3 {
		res.Findings = append(res.Findings, result.Finding{Rule: "schema", Severity: result.Error, Path: "handover/team.md",
			Line: 9 + i, Column: 3, Message: "/members/1/email: \"ana@\" is not a valid email address"})
	}
	res.Findings = append(res.Findings, result.Finding{Rule: "pr-drift", Severity: result.Warning, Path: "handover/z-changed.md", Message: "changed"})
	res.Summary = result.Summary{Error: 3, Warning: n + 1}
	return res
}
