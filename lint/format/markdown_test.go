package format

import (
	"fmt"
	"strings"
	"testing"

	"github.com/handover-dev/handover/lint/result"
)

func TestMarkdownGolden(t *testing.T) {
	golden(t, "markdown.golden", render(t, Markdown{}, sampleResult()))
}

func TestMarkdownNoFindings(t *testing.T) {
	res := sampleResult()
	res.Findings, res.Summary = nil, result.Summary{}
	got := string(render(t, Markdown{}, res))
	if !strings.Contains(got, "### Findings\n\nNo findings.\n") || strings.Contains(got, "| Severity |") {
		t.Errorf("want \"No findings.\" and no findings table:\n%s", got)
	}
}

func TestMarkdownText(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":                             `a \| b`,
		"<script>alert(1)</script>":         `\<script\>alert(1)\</script\>`,
		`a\|b`:                              `a\\\|b`,
		"one\ntwo\r\nthree  four\u2028five": "one two three four five",
		"docs/** and `x` [l](u) ~s~ _e_":    "docs/\\*\\* and \\`x\\` \\[l\\](u) \\~s\\~ \\_e\\_",
		"&amp; $x$":                         `\&amp; \$x\$`,
		"# Forged heading":                  `\# Forged heading`,
		"\n\n# Forged heading":              `\# Forged heading`,
		"> quote":                           `\> quote`,
		"- item":                            `\- item`,
		"+ item":                            `\+ item`,
		"12. item":                          `12\. item`,
		"3) item":                           `3\) item`,
		"a # b - c 1. d":                    "a # b - c 1. d",
		"2026-11-01":                        "2026-11-01",
		"[x](javascript:alert(1))":          `\[x\](javascript:alert(1))`,
		"@everyone and @org/team":           "@\u200deveryone and @\u200dorg/team",
		"(@mia) x@y mia@acme.example":       "(@\u200dmia) x@y mia@acme.example",
		"see https://evil.example/x":        "see https:\u200d//evil.example/x",
		"WWW.evil.example":                  "WWW\u200d.evil.example",
		"bad \xff byte":                     "bad \ufffd byte",
		"esc \x1b[2J":                       `esc \\x1b\[2J`,
		"a\n::error file=x::pwned":          "a ::error file=x::pwned",
	} {
		if got := MarkdownText(in); got != want {
			t.Errorf("MarkdownText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMarkdownStepSummaryLimit: a folder of TODOs gave a 38 MB summary,
// which GitHub drops whole. The summary stays within 1 MiB, lists the most
// useful findings first and says how many it leaves out.
func TestMarkdownStepSummaryLimit(t *testing.T) {
	res := todoFolder(30_000)
	out := string(render(t, Markdown{}, res))
	if len(out) > StepSummaryLimit {
		t.Fatalf("the summary is %d bytes, more than GitHub's %d", len(out), StepSummaryLimit)
	}
	rows := findingRows(out)
	if len(rows) < 1000 {
		t.Fatalf("only %d rows listed in %d bytes", len(rows), len(out))
	}
	for i, want := range MostUsefulFirst(res.Findings, res.Repo.Changed)[:len(rows)] {
		if rows[i] != strings.TrimSuffix(findingRow(want), "\n") {
			t.Fatalf("row %d is %q, want %q", i, rows[i], findingRow(want))
		}
	}
	want := fmt.Sprintf("\n%d of %d findings are not listed, to keep this summary within GitHub's size limit (1 MiB); `handover check --format text` or `--format json` lists them all.\n",
		len(res.Findings)-len(rows), len(res.Findings))
	if !strings.HasSuffix(out, want) {
		t.Errorf("the summary does not end with %q:\n%s", want, out[len(out)-500:])
	}
}

// TestMarkdownMaxBytes: the cap is exact, and a summary that fits has no
// line about findings left out.
func TestMarkdownMaxBytes(t *testing.T) {
	res := todoFolder(20)
	full := string(render(t, Markdown{}, res))
	if strings.Contains(full, "not listed") || len(findingRows(full)) != len(res.Findings) {
		t.Fatalf("a summary within the limit must list every finding:\n%s", full)
	}
	for _, limit := range []int{len(full), len(full) - 1, len(full) / 2, 1500} {
		out := string(render(t, Markdown{MaxBytes: limit}, res))
		rows := findingRows(out)
		switch {
		case len(out) > limit:
			t.Errorf("MaxBytes %d: %d bytes", limit, len(out))
		case limit == len(full) && out != full:
			t.Errorf("MaxBytes %d: a summary that fits exactly was cut", limit)
		case limit < len(full) && !strings.Contains(out, fmt.Sprintf("\n%d of %d findings are not listed", len(res.Findings)-len(rows), len(res.Findings))):
			t.Errorf("MaxBytes %d: %d rows and no line saying how many are left out:\n%s", limit, len(rows), out)
		}
	}
}

// findingRows returns the rows of the findings table.
func findingRows(out string) []string {
	_, table, _ := strings.Cut(out, "| Severity | Location | Rule | Message |\n|---|---|---|---|\n")
	var rows []string
	for _, l := range strings.Split(table, "\n") {
		if !strings.HasPrefix(l, "| ") {
			break
		}
		rows = append(rows, l)
	}
	return rows
}
