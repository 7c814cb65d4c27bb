package format

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/handover-dev/handover/lint/result"
)

// Text writes one line per finding, as compilers do:
//
//	path:line:col: severity: message [rule]
//
// (path: severity: … when the finding has no line), then a summary line.
// Every line starts with a path, so the path and the message are escaped
// (TextPath, TextValue) such that no file name or value can start a line
// of its own: on a GitHub Actions runner such a line would be a workflow
// command.
type Text struct{ Color bool }

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiDim    = "\x1b[2m"
)

// Format implements Formatter.
func (t Text) Format(w io.Writer, res *result.Result) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !t.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, f := range res.Findings {
		where := TextPath(f.Path)
		if f.Line > 0 {
			where = fmt.Sprintf("%s:%d:%d", where, f.Line, f.Column)
		}
		fmt.Fprintf(bw, "%s: %s: %s %s\n", paint(ansiBold, where), paint(severityColor(f.Severity), f.Severity.String()),
			TextValue(f.Message), paint(ansiDim, "["+TextValue(f.Rule)+"]"))
	}
	fmt.Fprintln(bw, SummaryLine(res))
	return bw.Flush()
}

func severityColor(s result.Severity) string {
	switch s {
	case result.Error:
		return ansiRed
	case result.Warning:
		return ansiYellow
	}
	return ansiCyan
}

// SummaryLine counts findings and documents, for the end of text output.
func SummaryLine(res *result.Result) string {
	present := 0
	for _, d := range res.Docs {
		if d.Present {
			present++
		}
	}
	s := res.Summary
	if s.Error+s.Warning+s.Info == 0 {
		return fmt.Sprintf("no findings in %d of %d documents; readiness %.0f%%", present, len(res.Docs), res.Readiness.Score*100)
	}
	return fmt.Sprintf("%s, %s, %s in %d of %d documents; readiness %.0f%%",
		count(s.Error, "error"), count(s.Warning, "warning"), count(s.Info, "info"), present, len(res.Docs), res.Readiness.Score*100)
}

func count(n int, what string) string {
	if n == 1 || what == "info" {
		return fmt.Sprintf("%d %s", n, what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// TextValue returns s for one line of text output: invalid UTF-8 becomes
// U+FFFD; line breaks (CR, LF, U+2028, U+2029) and other control
// characters but tab are written as Go escapes (\n, \x1b), so the value
// cannot end the line or drive the terminal; and the "[" of "##[" is
// written \x5b, because the Actions runner takes "##[command]" anywhere in
// a line for a workflow command of its older syntax.
func TextValue(s string) string {
	return strings.ReplaceAll(escapeRunes(validUTF8(s), textEscaped), "##[", `##\x5b`)
}

func textEscaped(r rune) bool {
	return r != '\t' && (unicode.IsControl(r) || r == '\u2028' || r == '\u2029')
}

// TextPath is TextValue for a path that starts a line: a path that starts
// with white space or ":" is written "./path", because the Actions runner
// reads a line that starts with "::" after white space as a workflow
// command.
func TextPath(p string) string {
	p = TextValue(p)
	if r, _ := utf8.DecodeRuneInString(p); r == ':' || unicode.IsSpace(r) {
		return "./" + p
	}
	return p
}
