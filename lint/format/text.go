package format

import (
	"bufio"
	"fmt"
	"io"

	"github.com/handover-dev/handover/lint/result"
)

// Text writes one line per finding, as compilers do:
//
//	path:line:col: severity: message [rule]
//
// (path: severity: … when the finding has no line), then a summary line.
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
		fmt.Fprintf(bw, "%s: %s: %s %s\n", paint(ansiBold, f.Where()), paint(severityColor(f.Severity), f.Severity.String()),
			f.Message, paint(ansiDim, "["+f.Rule+"]"))
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
