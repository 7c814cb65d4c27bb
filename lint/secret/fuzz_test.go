package secret

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzScan(f *testing.F) {
	for _, tc := range positives {
		f.Add([]byte(tc.text))
	}
	for _, text := range negatives {
		f.Add([]byte(text))
	}
	f.Add([]byte("\uFEFF\xff\xfepassword: \xc3" + password))
	f.Add([]byte("a\r\n\xe2\x82token=" + hexToken + "\n" + jwt + "\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		matches := Scan(text)
		prevLine, prevCol := 0, 0
		for _, m := range matches {
			if m.Line < prevLine || m.Line == prevLine && m.Column <= prevCol {
				t.Fatalf("matches not sorted: %d:%d after %d:%d", m.Line, m.Column, prevLine, prevCol)
			}
			prevLine, prevCol = m.Line, m.Column
			off, ok := offsetOf(text, m.Line, m.Column)
			if !ok {
				t.Fatalf("position %d:%d is outside the text", m.Line, m.Column)
			}
			if m.Start != off || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("match at %d:%d (offset %d) has offsets %d:%d", m.Line, m.Column, off, m.Start, m.End)
			}
			if m.Kind == "" {
				t.Fatalf("match at %d:%d has no kind", m.Line, m.Column)
			}
			if !strings.HasSuffix(m.Redacted, "…") || utf8.RuneCountInString(m.Redacted) >= 6 {
				t.Fatalf("Redacted %q is not at most 4 characters then …", m.Redacted)
			}
			if !bytes.HasPrefix(text[off:], []byte(strings.TrimSuffix(m.Redacted, "…"))) {
				t.Fatalf("Redacted %q is not the text at %d:%d", m.Redacted, m.Line, m.Column)
			}
		}
	})
}

// offsetOf converts a 1-based line and rune column back to a byte offset,
// the way an editor would: lines end at "\n", a leading BOM is not a
// column, and each invalid UTF-8 byte is one column.
func offsetOf(text []byte, line, col int) (int, bool) {
	if line < 1 || col < 1 {
		return 0, false
	}
	i := 0
	if bytes.HasPrefix(text, []byte("\uFEFF")) {
		i = 3
	}
	for l := 1; l < line; l++ {
		j := bytes.IndexByte(text[i:], '\n')
		if j < 0 {
			return 0, false
		}
		i += j + 1
	}
	for c := 1; c < col; c++ {
		if i >= len(text) || text[i] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(text[i:])
		i += size
	}
	return i, i < len(text)
}
