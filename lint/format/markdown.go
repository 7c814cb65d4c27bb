package format

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/handover-dev/handover/lint/result"
)

// Markdown writes a GitHub-flavoured Markdown summary for
// $GITHUB_STEP_SUMMARY and pull request comments: the counts and readiness,
// a table of the documents (owner, review age, last change, drift) and a
// table of every finding.
type Markdown struct{}

// Format implements Formatter.
func (Markdown) Format(w io.Writer, res *result.Result) error {
	bw := bufio.NewWriter(w)
	s := res.Summary
	fmt.Fprintf(bw, "## handover: %s, %s, %s\n\n", count(s.Error, "error"), count(s.Warning, "warning"), count(s.Info, "info"))
	fmt.Fprintf(bw, "Readiness **%.0f%%**", res.Readiness.Score*100)
	if res.Repo.Head != "" {
		fmt.Fprintf(bw, " at commit %s", shortHash(res.Repo.Head))
	}
	fmt.Fprintf(bw, ", checked on %s.\n\n", MarkdownCell(res.Repo.Now))
	for _, a := range res.Readiness.Activities {
		box := " "
		if a.Done {
			box = "x"
		}
		fmt.Fprintf(bw, "- [%s] %s (%.0f%%)", box, a.ID, a.Completion*100)
		if a.Detail != "" {
			fmt.Fprintf(bw, ": %s", MarkdownCell(a.Detail))
		}
		fmt.Fprintln(bw)
	}

	fmt.Fprint(bw, "\n### Documents\n\n| Kind | Path | Owner | Reviewed | Last change | Drift |\n|---|---|---|---|---|---|\n")
	now, _ := time.Parse(time.DateOnly, res.Repo.Now)
	for _, d := range res.Docs {
		if !d.Present {
			fmt.Fprintf(bw, "| %s | %s (missing) | | | | |\n", MarkdownCell(d.Kind), MarkdownCell(d.Path))
			continue
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s |\n", MarkdownCell(d.Kind), MarkdownCell(d.Path),
			MarkdownCell(d.Owner), reviewedCell(d.Reviewed, now), lastChangeCell(d.LastChange), driftCell(d.Drift))
	}

	fmt.Fprint(bw, "\n### Findings\n\n")
	if len(res.Findings) == 0 {
		fmt.Fprint(bw, "No findings.\n")
		return bw.Flush()
	}
	fmt.Fprint(bw, "| Severity | Location | Rule | Message |\n|---|---|---|---|\n")
	for _, f := range res.Findings {
		where := f.Path
		if f.Line > 0 {
			where = fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column)
		}
		fmt.Fprintf(bw, "| %s | %s | [%s](%s#%s) | %s |\n", f.Severity, MarkdownCell(where),
			MarkdownCell(f.Rule), RulesDocURL, url.PathEscape(f.Rule), MarkdownCell(f.Message))
	}
	return bw.Flush()
}

func reviewedCell(reviewed string, now time.Time) string {
	if reviewed == "" {
		return "never"
	}
	t, err := time.Parse(time.DateOnly, reviewed)
	if err != nil || now.IsZero() {
		return MarkdownCell(reviewed)
	}
	switch days := int(now.Sub(t).Hours() / 24); {
	case days < 0:
		return fmt.Sprintf("%s (in %d days)", reviewed, -days)
	case days == 0:
		return reviewed + " (today)"
	case days == 1:
		return reviewed + " (1 day ago)"
	default:
		return fmt.Sprintf("%s (%d days ago)", reviewed, days)
	}
}

func lastChangeCell(c *result.CommitRef) string {
	if c == nil {
		return "not committed"
	}
	date := c.Date
	if t, err := time.Parse(time.RFC3339, c.Date); err == nil {
		date = t.Format(time.DateOnly)
	}
	return MarkdownCell(date) + " " + shortHash(c.Commit)
}

func driftCell(d *result.DriftInfo) string {
	switch {
	case d == nil:
		return "not computed"
	case d.Commits == 0:
		return "none"
	}
	return fmt.Sprintf("%s on %s", count(d.Commits, "commit"), count(len(d.Paths), "path"))
}

func shortHash(h string) string {
	if len(h) > 7 {
		h = h[:7]
	}
	return MarkdownCell(h)
}

var markdownEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "~", `\~`,
	"\r\n", " ", "\r", " ", "\n", " ",
)

// MarkdownCell escapes text for a cell of a GitHub-flavoured Markdown table:
// HTML becomes entities, so nothing a document holds can inject markup;
// "|" and the emphasis, code and link characters are backslash-escaped, and
// line breaks become spaces, so the text shows as written on one row.
func MarkdownCell(s string) string { return markdownEscaper.Replace(s) }
