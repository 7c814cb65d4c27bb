package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/handover-dev/handover/lint/format"
)

// The pages are written by code rather than by text/template or
// html/template: a program that runs a template keeps every exported
// method of every type it links (templates call methods by name), which
// made the binary 6 MB larger and every run 2 MiB larger. A page writes
// its markup as is and every value through the escaper of its format, so
// a value cannot add markup: escapeHTML, which escapes as html/template
// does in text and quoted attributes, or format.MarkdownText. The pages
// are held byte for byte to the templates they replaced, which
// oracle_test.go keeps, html/template's escaping and all.

// page is a page being written.
type page struct {
	strings.Builder
	escape func(string) string
}

// value is text from the repository, or made from it, for put to escape.
// Text the report makes of numbers and fixed words (ages, counts, the
// labels of severities) needs no escaping in either format and is written
// as it is, as the templates wrote it.
type value string

// put writes parts in turn: a string is markup, written as is; a value
// goes through the page's escaper; a number is written in decimal; and
// anything else is printed, then escaped as a value.
func (p *page) put(parts ...any) {
	for _, part := range parts {
		switch x := part.(type) {
		case string:
			p.WriteString(x)
		case value:
			p.WriteString(p.escape(string(x)))
		case int:
			p.WriteString(strconv.Itoa(x))
		default:
			p.WriteString(p.escape(fmt.Sprint(x)))
		}
	}
}

// when is parts when cond holds, else nothing.
func when(cond bool, parts ...any) []any {
	if cond {
		return parts
	}
	return nil
}

// to writes the page to w.
func (p *page) to(w io.Writer) error {
	_, err := io.WriteString(w, p.String())
	return err
}

// htmlPage starts a page of HTML: values on one line (format.OneLine),
// then escaped.
func htmlPage() *page {
	return &page{escape: func(v string) string { return escapeHTML(format.OneLine(v)) }}
}

// mdPage starts a page of Markdown: values as Markdown text.
func mdPage() *page { return &page{escape: md} }

// htmlEscaper escapes what html/template escapes in HTML text and in
// quoted attribute values: NUL becomes U+FFFD, and & < > " ' + character
// references.
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// escapeHTML escapes a value for HTML text or a quoted attribute value.
func escapeHTML(s string) string { return htmlEscaper.Replace(s) }

// pathHTML is a path as markup, with a line break opportunity after each
// "/", so that a long path wraps at a directory before it wraps anywhere
// else.
func pathHTML(p string) string {
	parts := strings.Split(format.OneLine(p), "/")
	for i, part := range parts {
		parts[i] = escapeHTML(part)
	}
	return strings.Join(parts, "/<wbr>")
}

// bar is a percentage as a bar, with its number for screen readers.
func bar(percent int) string {
	n := strconv.Itoa(percent)
	return `<div class="bar" role="img" aria-label="` + n + ` percent"><span style="width: ` + n + `%"></span></div>`
}
