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
			if m.Secret.text != string(text[m.Start:m.End]) {
				t.Fatalf("match at %d:%d carries another secret than its offsets", m.Line, m.Column)
			}
		}
		// The first line as a key, the rest as its decoded value.
		key, value, _ := bytes.Cut(text, []byte("\n"))
		for _, m := range ScanDecoded(key, value, 3, 5) {
			if m.Line != 3 || m.Column != 5 || m.Start < 0 || m.End <= m.Start || m.End > len(value) ||
				m.Secret.text != string(value[m.Start:m.End]) || !strings.HasSuffix(m.Redacted, "…") {
				t.Fatalf("ScanDecoded match %+v does not lie in the value at 3:5", m)
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

// FuzzRedact checks that no credential Scan finds in a text survives its
// redaction: a Redactor that was told the credentials leaves no pieceLen
// bytes of one anywhere, and no copy of a shorter one; Redact, which only
// rescans the text, leaves none of the credential where it was found. Credentials holding "…", the
// mark a redacted form ends with, are left out: a redacted form next to
// text could spell a piece of them.
func FuzzRedact(f *testing.F) {
	for _, tc := range positives {
		f.Add(tc.text)
	}
	f.Add("postgres://app:" + dbPassword + "@db/app " + dbPassword[:14] + " ab\"" + dbPassword + "@x")
	f.Add("password=Zq8vN3kL0p Zq8vN3kL0pZq8vN3kL0p token=" + hexToken + "&t=" + hexToken[3:])
	f.Add("HTTPS://ana:" + password + "@example.com/a b?sig=" + hexToken + "#access_token=" + password)
	f.Fuzz(func(t *testing.T, text string) {
		matches := Scan([]byte(text))
		var r Redactor
		for _, m := range matches {
			r.Add(m)
		}
		known := r.Redact(text)
		rescanned := Redact(text)
		for _, m := range matches {
			v := text[m.Start:m.End]
			if strings.Contains(v, "…") {
				continue
			}
			if len(v) < pieceLen {
				if strings.Contains(known, v) {
					t.Fatalf("Redactor left the %s %q in %q", m.Kind, v, known)
				}
				continue
			}
			for k := 0; k+pieceLen <= len(v); k++ {
				piece := v[k : k+pieceLen]
				if strings.Contains(known, piece) {
					t.Fatalf("Redactor left %q of the %s %q in %q", piece, m.Kind, v, known)
				}
				// Redact sees only the text: it must hide the credential
				// where it is, not other copies of its pieces.
				if strings.Count(text, piece) == 1 && strings.Contains(rescanned, piece) {
					t.Fatalf("Redact left %q of the %s %q in %q", piece, m.Kind, v, rescanned)
				}
			}
		}
	})
}
