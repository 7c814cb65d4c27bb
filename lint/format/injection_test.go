package format

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/handover-dev/handover/lint/result"
)

// hostileResult is a result whose file names and values are attacks on
// whoever reads the output: workflow commands after a line break or white
// space (on an Actions runner a line starting with "::" is one, and
// "##[command]" is one anywhere in a line), Markdown and HTML, invalid
// UTF-8.
func hostileResult() *result.Result {
	res := sampleResult()
	payload := "x\n::error file=a.md::pwned\r\n  ::warning::pwned\u2028::notice::pwned ##[add-mask]pwned \xff <img src=x onerror=alert(1)> @everyone"
	for _, p := range []string{
		"handover/a\n::error file=x::pwned.md",
		"::error::pwned.md",
		" \t::warning::pwned.md",
		"\u3000::notice::pwned.md",
		"\u2028::notice::pwned.md",
		"##[error]pwned.md",
		"handover/bad-\xff.md",
	} {
		res.Findings = append(res.Findings, result.Finding{Rule: "placeholder", Severity: result.Warning, Path: p, Line: 1, Column: 1, Message: payload})
	}
	res.Findings = append(res.Findings, result.Finding{Rule: "r\n::error::pwned", Severity: result.Info, Path: "handover", Message: payload})
	res.Docs[0].Owner, res.Docs[1].Reviewed, res.Readiness.Activities[0].Detail = payload, payload, payload
	res.Repo.Now, res.Repo.Head = payload, payload
	return res
}

var githubCommand = regexp.MustCompile(`^::(error|warning|notice) (file=[^,:]*(,line=[0-9]+(,col=[0-9]+)?)?,)?title=handover[^:,]*::`)

// TestFormatsInjection: in every format, no file name or value can start
// a line of its own, run a workflow command, or put invalid UTF-8 in the
// output.
func TestFormatsInjection(t *testing.T) {
	res := hostileResult()
	for name, f := range map[string]Formatter{"text": Text{}, "json": JSON{}, "sarif": SARIF{}, "github": GitHub{}, "markdown": Markdown{}} {
		out := string(render(t, f, res))
		if !utf8.ValidString(out) {
			t.Errorf("%s: the output is not valid UTF-8", name)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		for i, l := range lines {
			l = strings.TrimLeftFunc(l, unicode.IsSpace)
			switch {
			case name == "github":
				if !githubCommand.MatchString(l) {
					t.Errorf("github: line %d is not one of handover's annotations: %q", i+1, l)
				}
			case strings.HasPrefix(l, "::"):
				t.Errorf("%s: line %d starts a workflow command: %q", name, i+1, l)
			case strings.Contains(l, "##["):
				t.Errorf("%s: line %d holds a workflow command of the older syntax: %q", name, i+1, l)
			}
		}
		if name == "text" && len(lines) != len(res.Findings)+1 {
			t.Errorf("text: %d lines for %d findings and a summary", len(lines), len(res.Findings))
		}
	}
}

func TestTextEscapes(t *testing.T) {
	res := &result.Result{Findings: []result.Finding{
		{Rule: "placeholder", Severity: result.Warning, Path: "handover/a\n::error file=x::pwned.md", Line: 3, Column: 1, Message: "one\r\ntwo\u2028three\x1b[2J ##[add-mask]x\ttab \xff"},
		{Rule: "pr-drift", Severity: result.Warning, Path: "::error::pwned.md", Message: "m"},
		{Rule: "pr-drift", Severity: result.Warning, Path: " ::error::pwned.md", Message: "m"},
	}}
	want := `handover/a\n::error file=x::pwned.md:3:1: warning: one\r\ntwo\u2028three\x1b[2J ##\x5badd-mask]x` + "\t" + "tab \uFFFD [placeholder]\n" +
		"./::error::pwned.md: warning: m [pr-drift]\n" +
		"./ ::error::pwned.md: warning: m [pr-drift]\n"
	if got := string(render(t, Text{}, res)); !strings.HasPrefix(got, want) {
		t.Errorf("text output:\n%s\nwant it to start with:\n%s", got, want)
	}
}
