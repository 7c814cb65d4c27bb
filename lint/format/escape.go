package format

import (
	"strconv"
	"strings"
	"unicode"
)

// validUTF8 replaces each run of invalid UTF-8 in s with U+FFFD, as every
// format writes text: a file name or a value is bytes, an output is text.
func validUTF8(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// OneLine returns s as text for one line of a rendered document (Markdown,
// HTML): invalid UTF-8 becomes U+FFFD, white space (line breaks included)
// single spaces, trimmed at both ends, and other control characters Go
// escapes such as \x1b. A value cannot end the line it is on.
func OneLine(s string) string {
	return escapeRunes(strings.Join(strings.Fields(validUTF8(s)), " "), unicode.IsControl)
}

// escapeRunes writes each rune of s for which escape is true as a Go
// escape: \n, \x1b, \u2028.
func escapeRunes(s string, escape func(rune) bool) string {
	if !strings.ContainsFunc(s, escape) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if escape(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
