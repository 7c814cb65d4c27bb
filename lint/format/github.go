package format

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/handover-dev/handover/lint/result"
)

// AnnotationsPerLevel is how many annotations of one level (error, warning,
// notice) GitHub Actions shows for a step; it drops the rest silently.
const AnnotationsPerLevel = 10

// GitHub writes GitHub Actions workflow commands, one line per finding:
//
//	::error file=handover/team.md,line=9,col=12,title=handover schema::message
//
// GitHub keeps only AnnotationsPerLevel annotations of each level per step,
// so the most useful come first (MostUsefulFirst), findings past the
// limit are left out, and one last notice without a file says how many were
// left out and where to find them all.
type GitHub struct{}

// Format implements Formatter.
func (GitHub) Format(w io.Writer, res *result.Result) error {
	bw := bufio.NewWriter(w)
	shown, hidden := annotations(res.Findings, res.Repo.Changed)
	for _, f := range shown {
		props := []string{"file=" + EscapeProperty(f.Path)}
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
			if f.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", f.Column))
			}
		}
		props = append(props, "title="+EscapeProperty("handover "+f.Rule))
		fmt.Fprintf(bw, "::%s %s::%s\n", levelName(f.Severity, "notice"), strings.Join(props, ","), EscapeData(f.Message))
	}
	if hidden > 0 {
		fmt.Fprintf(bw, "::notice title=%s::%s\n", EscapeProperty("handover"), EscapeData(fmt.Sprintf(
			"%d of %d findings are not shown as annotations (GitHub shows at most %d errors, %d warnings and %d notices per step): the step summary and the SARIF output list more, and handover check --format text or --format json lists them all.",
			hidden, len(res.Findings), AnnotationsPerLevel, AnnotationsPerLevel, AnnotationsPerLevel)))
	}
	return bw.Flush()
}

// annotations picks the findings to show, in the order to show them
// (MostUsefulFirst), and counts the others. The final notice about hidden findings takes one of
// the notice slots.
func annotations(fs []result.Finding, changed []string) (shown []result.Finding, hidden int) {
	ordered := MostUsefulFirst(fs, changed)
	perLevel := map[result.Severity]int{}
	for _, f := range ordered {
		perLevel[f.Severity]++
	}
	noticeSlots := AnnotationsPerLevel
	if perLevel[result.Error] > AnnotationsPerLevel || perLevel[result.Warning] > AnnotationsPerLevel || perLevel[result.Info] > AnnotationsPerLevel {
		noticeSlots--
	}
	used := map[result.Severity]int{}
	for _, f := range ordered {
		limit := AnnotationsPerLevel
		if f.Severity == result.Info {
			limit = noticeSlots
		}
		if used[f.Severity] >= limit {
			hidden++
			continue
		}
		used[f.Severity]++
		shown = append(shown, f)
	}
	return shown, hidden
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// EscapeData escapes a workflow command's message as the Actions runner
// unescapes it: "%", CR and LF, so that the message stays on the command's
// line. Invalid UTF-8 becomes U+FFFD.
func EscapeData(s string) string { return dataEscaper.Replace(validUTF8(s)) }

// EscapeProperty escapes a workflow command property value (a file name, a
// title): as EscapeData, and also ":" and ",", which end a property.
func EscapeProperty(s string) string { return propertyEscaper.Replace(validUTF8(s)) }
