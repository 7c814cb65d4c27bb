package format

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
	i := strings.IndexFunc(s, escape)
	if i < 0 {
		return s
	}
	var b strings.Builder
	for ; i >= 0; i = strings.IndexFunc(s, escape) {
		r, size := utf8.DecodeRuneInString(s[i:])
		q := strconv.QuoteRune(r)
		b.WriteString(s[:i])
		b.WriteString(q[1 : len(q)-1])
		s = s[i+size:]
	}
	b.WriteString(s)
	return b.String()
}
