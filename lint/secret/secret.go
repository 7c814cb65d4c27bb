// Package secret finds credentials in text: vendor tokens with a known
// shape, private key blocks, JWTs, passwords in connection strings and
// high-entropy values assigned to keys named like password, secret, token
// or API key. A Redactor hides them in text meant for output.
//
// A finding must never repeat the credential it found, so a Match shows
// only the position, the kind and a prefix that is public by the format
// (such as "ghp_"), never characters that carry the secret itself. It
// carries the credential only in a Secret, which prints as "…".
package secret

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"
)

// Match is one credential found in a text.
type Match struct {
	// Line and Column are 1-based and point at the first character of the
	// secret value. Column counts characters (runes), as an editor does; a
	// byte order mark at the start of the text is not counted.
	Line, Column int
	// Kind names what was found, such as "GitHub token" or
	// "password assignment".
	Kind string
	// Redacted is at most the first four characters of the secret followed
	// by "…". Formats with a public prefix show that prefix ("ghp_…");
	// free-form secrets such as passwords show nothing but "…", because
	// four characters of a short password are a large part of it.
	Redacted string
	// Start and End are the byte offsets of the secret in the scanned
	// text.
	Start, End int
	// Secret is the credential itself, for a Redactor to hide its other
	// copies (a message that quotes the value).
	Secret Secret
}

// Secret is the text of a credential, which only this package reads. It
// prints as "…" with every fmt verb and marshals as "…" (JSON, YAML), so
// that a log line, a test failure or an output format that shows a Match
// never shows the credential.
type Secret struct{ text string }

// Format prints the secret as "…".
func (Secret) Format(f fmt.State, _ rune) { io.WriteString(f, "…") }

// MarshalText marshals the secret as "…".
func (Secret) MarshalText() ([]byte, error) { return []byte("…"), nil }

// span is a candidate secret as byte offsets into the scanned text.
type span struct {
	start, end int
	kind       string
	// reveal is how many leading characters of the value are public by
	// the format and may appear in Redacted (capped at four).
	reveal int
}

// mode is what a scan is for.
type mode int

const (
	// findings are what the secret rule reports: a credential written in
	// a file, told apart from the templates, placeholders and prose of
	// documentation, since a false alarm is an error in someone's build.
	findings mode = iota
	// redaction is what output hides: anything that may be a credential,
	// in messages that quote a command line, a URL or a commit subject.
	// Hiding a word by mistake costs a message a few characters; showing
	// a password costs the password.
	redaction
)

// detector finds candidate secrets of one family in the whole text.
type detector func(text []byte, m mode) []span

// detectors are listed from the most specific to the most generic: when two
// candidates overlap, the earlier detector's kind is the one reported, so a
// GitHub token assigned to `token:` is a "GitHub token", not a
// "secret assignment".
var detectors = []detector{
	findPrivateKeys,
	findVendorTokens,
	findJWTs,
	findAWSSecretKeys,
	findConnectionStrings,
	findAssignments,
	findQueryValues,
}

// Scan returns the credentials in text sorted by line and column. It
// accepts any bytes, including invalid UTF-8, and runs in time linear in
// the length of text: every pattern is RE2 and reads a bounded window from
// a literal anchor, and no byte is examined by one detector more than a
// bounded number of times.
func Scan(text []byte) []Match {
	found := scan(text, findings)
	matches := make([]Match, 0, len(found))
	pos := newPositioner(text)
	for _, s := range found {
		line, col := pos.at(s.start)
		matches = append(matches, Match{
			Line:     line,
			Column:   col,
			Kind:     s.kind,
			Redacted: redact(text[s.start:s.end], s.reveal),
			Start:    s.start,
			End:      s.end,
			Secret:   Secret{string(text[s.start:s.end])},
		})
	}
	return matches
}

// ScanDecoded scans value, the decoded text of a quoted string whose
// escapes or line continuations may hide a token from Scan: a YAML or
// JSON double-quoted scalar such as "\x67hp_…". key is the mapping key
// the string is assigned to, "" for none, so that "password" gives the
// value its meaning. Every match is placed at line and column, where the
// string starts in the file; Start and End are offsets in value.
func ScanDecoded(key, value []byte, line, column int) []Match {
	text := value
	if len(key) > 0 {
		text = slices.Concat(key, []byte(": "), value)
	}
	from := len(text) - len(value)
	var matches []Match
	for _, s := range scan(text, findings) {
		if s.start < from {
			continue
		}
		matches = append(matches, Match{
			Line:     line,
			Column:   column,
			Kind:     s.kind,
			Redacted: redact(text[s.start:s.end], s.reveal),
			Start:    s.start - from,
			End:      s.end - from,
			Secret:   Secret{string(text[s.start:s.end])},
		})
	}
	return matches
}

// scan runs every detector over text and returns the candidates that are
// not public samples, sorted by offset. For findings, a candidate that
// overlaps an earlier detector's is dropped, so each credential is
// reported once, under its most specific kind. For redaction, overlapping
// candidates are merged, so that all of what any detector suspects is
// hidden.
func scan(text []byte, m mode) []span {
	var taken bitset
	var found []span
	for _, detect := range detectors {
		for _, s := range detect(text, m) {
			if isPublicSample(text[s.start:s.end]) || m == findings && taken.anyIn(s.start, s.end) {
				continue
			}
			if m == findings {
				if taken == nil {
					taken = newBitset(len(text))
				}
				taken.setRange(s.start, s.end)
			}
			found = append(found, s)
		}
	}
	slices.SortStableFunc(found, func(a, b span) int { return a.start - b.start })
	if m == redaction {
		found = merge(found)
	}
	return found
}

// merge joins the overlapping spans of a sorted list; a joined span keeps
// the kind and the public prefix of the one that starts it.
func merge(spans []span) []span {
	var out []span
	for _, s := range spans {
		if n := len(out); n > 0 && s.start < out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// redact keeps at most reveal (and never more than four) leading runes of
// value. It stops before an invalid UTF-8 byte so that Redacted is always
// valid text and always a prefix of the scanned bytes.
func redact(value []byte, reveal int) string {
	reveal = min(reveal, 4)
	n := 0
	for i := 0; i < reveal && n < len(value); i++ {
		r, size := utf8.DecodeRune(value[n:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		n += size
	}
	return string(value[:n]) + "…"
}

// bitset marks the bytes already claimed by a reported secret.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, n/64+1) }

func (b bitset) setRange(start, end int) {
	for i := start; i < end; i++ {
		b[i/64] |= 1 << (i % 64)
	}
}

func (b bitset) anyIn(start, end int) bool {
	if b == nil {
		return false
	}
	for i := start; i < end; i++ {
		if b[i/64]&(1<<(i%64)) != 0 {
			return true
		}
	}
	return false
}

// positioner turns byte offsets into 1-based line and rune columns.
type positioner struct {
	text       []byte
	lineStarts []int
}

func newPositioner(text []byte) positioner {
	starts := []int{0}
	if len(text) >= 3 && string(text[:3]) == "\uFEFF" {
		starts[0] = 3
	}
	for i := 0; ; {
		j := bytes.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return positioner{text: text, lineStarts: starts}
}

func (p positioner) at(offset int) (line, column int) {
	i, exact := slices.BinarySearch(p.lineStarts, offset)
	if !exact && i > 0 {
		i--
	}
	start := min(p.lineStarts[i], offset)
	return i + 1, utf8.RuneCount(p.text[start:offset]) + 1
}

// lineEnd returns the offset of the first '\n' at or after i, reading at
// most limit bytes, so that callers stay linear on text without newlines.
func lineEnd(text []byte, i, limit int) int {
	end := min(i+limit, len(text))
	if j := bytes.IndexByte(text[i:end], '\n'); j >= 0 {
		return i + j
	}
	return end
}
