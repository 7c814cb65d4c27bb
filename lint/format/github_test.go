package format

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	goldenfile "github.com/handover-dev/handover/internal/golden"
	"github.com/handover-dev/handover/lint/result"
)

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

func render(t *testing.T, f Formatter, res *result.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.Format(&b, res); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sampleResult is a check of a small repository with findings of every
// severity, with and without a line, on awkward file names (a comma, a
// colon, a space, a "%") and with messages that need escaping in every format.
func sampleResult() *result.Result {
	return &result.Result{
		Version: 1,
		Tool:    result.Tool{Name: "handover", Version: "v0.1.0"},
		Repo:    result.RepoInfo{Root: ".", Head: "0123456789abcdef0123456789abcdef01234567", Now: "2026-11-25"},
		Docs: []result.DocInfo{
			{Kind: "product", Path: "handover/product.md", Present: true, Owner: "Ana Lima", Reviewed: "2026-11-24", ReviewEveryDays: 90,
				LastChange: &result.CommitRef{Commit: "89abcdef0123456789abcdef0123456789abcdef", Date: "2026-11-24T10:00:00Z"},
				Covers:     []string{}, Drift: &result.DriftInfo{Paths: []result.PathDelta{}}},
			{Kind: "tech", Path: "handover/tech.md", Present: true, Owner: "Bo <bo@example.com> | ops", Reviewed: "2026-06-01", ReviewEveryDays: 90,
				LastChange: &result.CommitRef{Commit: "fedcba9876543210fedcba9876543210fedcba98", Date: "2026-06-01T10:00:00Z"},
				Covers:     []string{"infra/**"},
				Drift:      &result.DriftInfo{Commits: 3, Paths: []result.PathDelta{{Path: "infra/main.tf", Added: 12, Removed: 4}, {Path: "infra/db.tf", Added: 1}}}},
			{Kind: "team", Path: "handover/team.md", Present: true, Owner: "", Reviewed: "", Covers: []string{}},
			{Kind: "vendors", Path: "handover/vendors.md", Covers: []string{}},
			{Kind: "transition", Path: "handover/transition.md", Present: true, Reviewed: "2026-12-01", Covers: []string{}},
		},
		Findings: []result.Finding{
			{Rule: "missing-doc", Severity: result.Error, Path: "handover/vendors.md", Message: "no vendors document: run handover init"},
			{Rule: "schema", Severity: result.Error, Path: "handover/team.md", Line: 9, Column: 12, Message: "/members/1/email: \"ana@\" is not an email address", Doc: "team", Pointer: "/members/1/email"},
			{Rule: "drift", Severity: result.Warning, Path: "handover/tech.md", Line: 4, Column: 3, Message: "3 commits changed infra/** since this document: 100% stale?", Doc: "tech"},
			{Rule: "placeholder", Severity: result.Warning, Path: "handover/notes, v2: draft 100%.md", Line: 2, Column: 1, Message: "placeholder \"<owner | team>\" in the text:\nwrite the *real* content"},
			{Rule: "pr-drift", Severity: result.Warning, Path: "infra/main.tf", Message: "this change modifies code described by handover/tech.md (covers infra/**)"},
			{Rule: "no-history", Severity: result.Info, Path: "handover", Message: "not a git repository: history rules skipped"},
		},
		Readiness: result.Readiness{Score: 0.5, Activities: []result.Activity{
			{ID: "document-product", Done: true, Completion: 1, Detail: "handover/product.md valid"},
			{ID: "document-team", Completion: 0.5, Detail: "1 schema error <fix it>"},
		}},
		Summary: result.Summary{Error: 2, Warning: 3, Info: 1},
	}
}

func TestGitHubGolden(t *testing.T) {
	res := sampleResult()
	res.Repo.Changed = []string{"infra/main.tf"}
	golden(t, "github.golden", render(t, GitHub{}, res))
}

func TestGitHubEmpty(t *testing.T) {
	if got := render(t, GitHub{}, &result.Result{}); len(got) != 0 {
		t.Errorf("no findings should print nothing, got %q", got)
	}
}

// TestGitHubLimits checks which findings survive GitHub's per-step limits:
// errors first, then findings on changed files, and the notice about the
// rest taking the last notice slot.
func TestGitHubLimits(t *testing.T) {
	var fs []result.Finding
	add := func(n int, sev result.Severity, path string) {
		for i := range n {
			fs = append(fs, result.Finding{Rule: "r", Severity: sev, Path: path, Line: i + 1, Message: "m"})
		}
	}
	add(12, result.Warning, "a.md")
	add(3, result.Warning, "changed.md")
	add(11, result.Error, "b.md")
	add(10, result.Info, "c.md")
	result.SortFindings(fs)
	got := string(render(t, GitHub{}, &result.Result{Findings: fs, Repo: result.RepoInfo{Changed: []string{"changed.md"}}}))
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")

	count := func(prefix string) int {
		n := 0
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				n++
			}
		}
		return n
	}
	if n := count("::error "); n != 10 {
		t.Errorf("%d error annotations, want 10", n)
	}
	if n := count("::warning file=changed.md,"); n != 3 {
		t.Errorf("%d warnings on the changed file, want all 3", n)
	}
	if n := count("::warning file=a.md,"); n != 7 {
		t.Errorf("%d warnings on other files, want 7 (10 minus the 3 on changed files)", n)
	}
	if n := count("::notice file=c.md,"); n != 9 {
		t.Errorf("%d notices, want 9: the 10th slot is the notice about hidden findings", n)
	}
	for i, l := range lines[:10] {
		if !strings.HasPrefix(l, "::error ") {
			t.Errorf("line %d is %q; errors come first", i+1, l)
		}
	}
	if !strings.HasPrefix(lines[10], "::warning file=changed.md,") {
		t.Errorf("line 11 is %q; warnings on changed files come right after the errors", lines[10])
	}
	last := lines[len(lines)-1]
	want := fmt.Sprintf("::notice title=handover::%d of %d findings are not shown", 1+5+1, len(fs))
	if !strings.HasPrefix(last, want) {
		t.Errorf("last line is %q, want it to start with %q", last, want)
	}
	if len(lines) != 10+10+9+1 {
		t.Errorf("%d lines, want 30", len(lines))
	}
}

// TestGitHubNoOverflowNotice: exactly at the limits, every finding shows
// and there is no notice about hidden ones.
func TestGitHubNoOverflowNotice(t *testing.T) {
	var fs []result.Finding
	for _, sev := range []result.Severity{result.Error, result.Warning, result.Info} {
		for i := range AnnotationsPerLevel {
			fs = append(fs, result.Finding{Rule: "r", Severity: sev, Path: "x.md", Line: i + 1, Message: "m"})
		}
	}
	got := string(render(t, GitHub{}, &result.Result{Findings: fs}))
	if n := strings.Count(got, "\n"); n != len(fs) {
		t.Errorf("%d lines, want %d:\n%s", n, len(fs), got)
	}
	if strings.Contains(got, "not shown") {
		t.Errorf("unexpected overflow notice:\n%s", got)
	}
}

func TestEscapeProperty(t *testing.T) {
	for in, want := range map[string]string{
		"handover/a,b:c.md": "handover/a%2Cb%3Ac.md",
		"100%\r\n":          "100%25%0D%0A",
		"%3A":               "%253A",
		"plain/path.md":     "plain/path.md",
	} {
		if got := EscapeProperty(in); got != want {
			t.Errorf("EscapeProperty(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := EscapeData("a:b,c 100%\n"), "a:b,c 100%25%0A"; got != want {
		t.Errorf("EscapeData = %q, want %q", got, want)
	}
}

// unescapeCommand undoes the escaping as the Actions runner does
// (ActionCommand.UnescapeValue in actions/runner): %25 last, so that an
// escaped "%" is not read as the start of another escape.
func unescapeCommand(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "a,b:c", "100%", "%0A", "%250A", "line\r\nnext", "::error::x", "ä,%3A%2C\n", "bad \xff byte"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prop, data := EscapeProperty(s), EscapeData(s)
		if !utf8.ValidString(prop) || !utf8.ValidString(data) {
			t.Errorf("EscapeProperty(%q) = %q, EscapeData = %q: invalid UTF-8", s, prop, data)
		}
		s = strings.ToValidUTF8(s, "\uFFFD")
		if strings.ContainsAny(prop, "\r\n:,") {
			t.Errorf("EscapeProperty(%q) = %q holds a raw CR, LF, colon or comma", s, prop)
		}
		if strings.ContainsAny(data, "\r\n") {
			t.Errorf("EscapeData(%q) = %q holds a raw CR or LF", s, data)
		}
		if got := unescapeCommand(prop); got != s {
			t.Errorf("property %q unescapes to %q, want %q", prop, got, s)
		}
		if got := unescapeCommand(data); got != s {
			t.Errorf("data %q unescapes to %q, want %q", data, got, s)
		}
	})
}
