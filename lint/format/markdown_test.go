package format

import (
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

func TestMarkdownCell(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":                          `a \| b`,
		"<script>alert(1)</script>":      "&lt;script&gt;alert(1)&lt;/script&gt;",
		`a\|b`:                           `a\\\|b`,
		"one\ntwo\r\nthree":              "one two three",
		"docs/** and `x` [l](u) ~s~ _e_": "docs/\\*\\* and \\`x\\` \\[l\\](u) \\~s\\~ \\_e\\_",
		"&amp;":                          "&amp;amp;",
	} {
		if got := MarkdownCell(in); got != want {
			t.Errorf("MarkdownCell(%q) = %q, want %q", in, got, want)
		}
	}
}
