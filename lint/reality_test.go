package lint_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/handover-dev/handover/lint"
	"github.com/handover-dev/handover/lint/report"
	"github.com/handover-dev/handover/lint/result"
)

// TestReality checks a repository end to end against what its code shows:
// the dirty one has exactly one finding of each reality rule, at the line
// that proves it; the clean one has none; and both reports show every
// finding and the same readiness figures as the JSON output.
func TestReality(t *testing.T) {
	for _, name := range []string{"dirty", "clean"} {
		t.Run(name, func(t *testing.T) {
			res := lint.CheckFixture(t, filepath.Join("testdata", "reality", name+".txtar"))
			got := lint.FindingLines(res.Findings)
			if name == "clean" {
				if got != "" {
					t.Fatalf("clean repository has findings:\n%s", got)
				}
			} else {
				for _, rule := range []string{"unlisted-contributor", "undocumented-vendor", "codeowners", "departed-owner"} {
					if n := strings.Count(got, "["+rule+"]"); n != 1 {
						t.Errorf("%d %s findings, want 1:\n%s", n, rule, got)
					}
				}
				lint.Golden(t, filepath.Join("testdata", "reality", "dirty.want"), got)
				// Mia and Sentry are still to introduce: the successor has
				// not met what the documents do not list.
				for _, a := range res.Readiness.Activities {
					want := map[string]float64{"introduce-team": 0.67, "introduce-vendors": 0.5}[a.ID]
					if want != 0 && a.Completion != want {
						t.Errorf("%s: completion %v, want %v (%s)", a.ID, a.Completion, want, a.Detail)
					}
				}
			}
			md := checkReports(t, res)
			for _, want := range []string{"- Mia Chen <mia@acme.example> (3 commits in 180 days): not in the team document", "- vendor Sentry: the code uses it, not in the vendors document"} {
				if strings.Contains(md, want) != (name == "dirty") {
					t.Errorf("still to introduce: %q shown is %v, want %v", want, !(name == "dirty"), name == "dirty")
				}
			}
		})
	}
}

// checkReports renders both report formats and compares them with the
// result as the JSON output gives it. It returns the Markdown as read.
func checkReports(t *testing.T, res *lint.Result) string {
	t.Helper()
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Findings  []lint.Finding
		Readiness result.Readiness
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	var md, page bytes.Buffer
	if err := report.Markdown(&md, res); err != nil {
		t.Fatal(err)
	}
	if err := report.HTML(&page, res); err != nil {
		t.Fatal(err)
	}
	// Compare text as a reader sees it: without Markdown and HTML escapes
	// (and the zero-width joiners that break mentions).
	mdText := regexp.MustCompile("\\\\([!-/:-@[-`{-~])|\u200d").ReplaceAllString(md.String(), "$1")
	htmlText := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page.String(), ""))

	for _, f := range out.Findings {
		where := fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column)
		for format, text := range map[string]string{"markdown": mdText, "html": htmlText} {
			if !strings.Contains(text, where) || !strings.Contains(text, f.Message) {
				t.Errorf("%s report lacks finding %s %s", format, where, f.Message)
			}
		}
	}
	score := fmt.Sprintf("%d%%", percent(out.Readiness.Score))
	if !strings.Contains(mdText, "**Readiness "+score+"**") || !strings.Contains(htmlText, score+" ready") {
		t.Errorf("reports do not give the JSON's readiness score %s", score)
	}
	for _, a := range out.Readiness.Activities {
		state := fmt.Sprintf("○ %d%%", percent(a.Completion))
		if a.Done {
			state = "✔ done"
		}
		row := regexp.MustCompile(`(?m)^\| [^|]+ \| ` + regexp.QuoteMeta(state) + ` \| ` + regexp.QuoteMeta(a.Detail) + ` \|$`)
		if !row.MatchString(mdText) {
			t.Errorf("markdown report lacks activity %s as %q, %q", a.ID, state, a.Detail)
		}
		if !strings.Contains(htmlText, fmt.Sprintf("%d%%", percent(a.Completion))) || !strings.Contains(htmlText, a.Detail) {
			t.Errorf("html report lacks activity %s at %d%%: %q", a.ID, percent(a.Completion), a.Detail)
		}
	}
	return mdText
}

func percent(f float64) int { return int(f*100 + 0.5) }
