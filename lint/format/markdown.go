package format

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/handover-dev/handover/lint/result"
)

// StepSummaryLimit is the most a step may write to $GITHUB_STEP_SUMMARY:
// the Actions runner drops a larger summary whole ("$GITHUB_STEP_SUMMARY
// upload aborted, supports content up to a size of 1024k").
const StepSummaryLimit = 1 << 20

// markdownValueLimit caps each value the markdown format shows, in runes,
// so that a document's huge field cannot fill the summary by itself.
const markdownValueLimit = 2000

// Markdown writes a GitHub-flavoured Markdown summary for
// $GITHUB_STEP_SUMMARY and pull request comments: the counts and readiness,
// a table of the documents (owner, review age, last change, drift) and a
// table of the findings, the most useful first (MostUsefulFirst). The
// whole stays within MaxBytes: past it, the least useful findings are left
// out and a last line says how many and where to find them all.
type Markdown struct {
	// MaxBytes caps the document; zero means StepSummaryLimit. A pull
	// request comment, which GitHub caps at 65,536 characters, wants
	// 65536.
	MaxBytes int
}

// Format implements Formatter.
func (m Markdown) Format(w io.Writer, res *result.Result) error {
	var b bytes.Buffer
	s := res.Summary
	fmt.Fprintf(&b, "## handover: %s, %s, %s\n\n", count(s.Error, "error"), count(s.Warning, "warning"), count(s.Info, "info"))
	fmt.Fprintf(&b, "Readiness **%.0f%%**", res.Readiness.Score*100)
	if res.Repo.Head != "" {
		fmt.Fprintf(&b, " at commit %s", shortHash(res.Repo.Head))
	}
	fmt.Fprintf(&b, ", checked on %s.\n\n", cell(res.Repo.Now))
	for _, a := range res.Readiness.Activities {
		box := " "
		if a.Done {
			box = "x"
		}
		fmt.Fprintf(&b, "- [%s] %s (%.0f%%)", box, cell(a.ID), a.Completion*100)
		if a.Detail != "" {
			fmt.Fprintf(&b, ": %s", cell(a.Detail))
		}
		fmt.Fprintln(&b)
	}

	fmt.Fprint(&b, "\n### Documents\n\n| Kind | Path | Owner | Reviewed | Last change | Drift |\n|---|---|---|---|---|---|\n")
	now, _ := time.Parse(time.DateOnly, res.Repo.Now)
	for _, d := range res.Docs {
		if !d.Present {
			fmt.Fprintf(&b, "| %s | %s (missing) | | | | |\n", cell(d.Kind), cell(d.Path))
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", cell(d.Kind), cell(d.Path),
			cell(d.Owner), reviewedCell(d.Reviewed, now), lastChangeCell(d.LastChange), driftCell(d.Drift))
	}

	fmt.Fprint(&b, "\n### Findings\n\n")
	if len(res.Findings) == 0 {
		fmt.Fprint(&b, "No findings.\n")
		_, err := w.Write(b.Bytes())
		return err
	}
	fmt.Fprint(&b, "| Severity | Location | Rule | Message |\n|---|---|---|---|\n")
	limit := cmp.Or(m.MaxBytes, StepSummaryLimit)
	reserve := len(omittedLine(len(res.Findings), len(res.Findings), limit))
	ordered := MostUsefulFirst(res.Findings, res.Repo.Changed)
	for i, f := range ordered {
		row := findingRow(f)
		need := len(row)
		if i < len(ordered)-1 {
			need += reserve
		}
		if b.Len()+need > limit {
			b.WriteString(omittedLine(len(ordered)-i, len(ordered), limit))
			break
		}
		b.WriteString(row)
	}
	_, err := w.Write(b.Bytes())
	return err
}

func findingRow(f result.Finding) string {
	where := f.Path
	if f.Line > 0 {
		where = fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column)
	}
	return fmt.Sprintf("| %s | %s | [%s](%s#%s) | %s |\n", f.Severity, cell(where),
		cell(f.Rule), RulesDocURL, url.PathEscape(f.Rule), cell(f.Message))
}

// omittedLine ends a findings table that could not list them all within
// limit bytes.
func omittedLine(omitted, total, limit int) string {
	size := fmt.Sprintf("%d bytes", limit)
	switch {
	case limit%(1<<20) == 0:
		size = fmt.Sprintf("%d MiB", limit>>20)
	case limit%(1<<10) == 0:
		size = fmt.Sprintf("%d KiB", limit>>10)
	}
	return fmt.Sprintf("\n%d of %d findings are not listed, to keep this summary within GitHub's size limit (%s); `handover check --format text` or `--format json` lists them all.\n",
		omitted, total, size)
}

// cell is a value of the markdown format: at most markdownValueLimit
// runes, escaped.
func cell(s string) string {
	if utf8.RuneCountInString(s) > markdownValueLimit {
		s = string([]rune(s)[:markdownValueLimit]) + "…"
	}
	return MarkdownText(s)
}

func reviewedCell(reviewed string, now time.Time) string {
	if reviewed == "" {
		return "never"
	}
	t, err := time.Parse(time.DateOnly, reviewed)
	if err != nil || now.IsZero() {
		return cell(reviewed)
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
	return cell(date) + " " + shortHash(c.Commit)
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
	return cell(h)
}

// markdownEscaped are the characters that start or end Markdown inline
// syntax anywhere in a line: escapes, code, emphasis, links and images,
// HTML and autolinks, entities, table cells, strikethrough and math.
const markdownEscaped = "\\`*_[]<>&|~$"

// markdownLineStart are the characters that start a block (a heading, a
// quote, a list, a thematic break) at the start of a line or list item.
const markdownLineStart = "#>+-="

var (
	wwwLink      = regexp.MustCompile(`(?i)www\.`)
	orderedStart = regexp.MustCompile(`^[0-9]+[.)]`)
)

// MarkdownText returns s as GitHub-flavoured Markdown inline text that
// shows s as written and does nothing else, wherever it is placed: in a
// table cell, at the start of a list item or within a sentence. Every
// format that writes Markdown passes every value it did not write itself
// through it.
//
//   - It is OneLine, so the value stays on its line and cannot start a
//     block of its own (a heading, a list, a code block).
//   - The characters of inline syntax (markdownEscaped), and at the start
//     the characters that begin a block (markdownLineStart, or the "." or
//     ")" of "1."), are backslash-escaped: no HTML, no link, no image, no
//     emphasis, no table cell break.
//   - What GitHub turns into a link or a notification after Markdown is
//     broken with a zero-width joiner (U+200D): an @mention (@everyone,
//     @org/team; an e-mail address is not one and stays as written), and
//     the "://" and "www." of bare web addresses.
func MarkdownText(s string) string {
	s = OneLine(s)
	s = wwwLink.ReplaceAllStringFunc(s, func(w string) string { return w[:3] + "\u200d." })
	var b strings.Builder
	delim := -1
	if m := orderedStart.FindStringIndex(s); m != nil {
		delim = m[1] - 1
	}
	prev := ' '
	for i, r := range s {
		switch {
		case strings.ContainsRune(markdownEscaped, r),
			i == 0 && strings.ContainsRune(markdownLineStart, r),
			i == delim:
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '@' && !isWordByte(prev) && i+1 < len(s) && isAlnumByte(s[i+1]):
			b.WriteString("@\u200d")
		case r == ':' && strings.HasPrefix(s[i+1:], "//"):
			b.WriteString(":\u200d")
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// isWordByte reports a character that can precede "@" in an e-mail
// address rather than a mention, as GitHub tells them apart.
func isWordByte(r rune) bool { return r == '_' || r < utf8.RuneSelf && isAlnumByte(byte(r)) }

func isAlnumByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
