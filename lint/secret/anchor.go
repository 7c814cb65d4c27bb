package secret

import (
	"bytes"
	"regexp"
)

// Go's regexp has no literal prefix to skip to in patterns like
// `gh[pousr]_…` or `(?i)password`, so run over a whole text they step an
// NFA through every byte (about 1 MB/s for this package's patterns). Each
// format instead has a literal anchor that bytes.Index finds quickly, and
// its pattern, anchored with ^, runs only on a bounded window there.

// window bounds how far an anchored pattern may read; it exceeds the
// longest token of every vendor format. The window also ends at the first
// blank, which no token contains: Go's backtracker clears state in
// proportion to its input, so a short window is what keeps many failed
// attempts cheap.
const window = 512

// anchoredPattern is a format found from a literal anchor.
type anchoredPattern struct {
	anchor string
	// re starts with ^ and matches at the anchor.
	re *regexp.Regexp
	// inToken reports the bytes of the token's alphabet: an anchor
	// preceded by one is inside a longer word and is not a token start.
	inToken func(byte) bool
	// limit is how far re may read from the anchor.
	limit int
}

// findAll returns the submatch indices (offsets into text) of every match
// of p. A failed attempt skips the rest of the word it started in, since
// every later anchor there is preceded by a token byte; so the total work
// stays linear in len(text) however many anchors an input holds.
func (p anchoredPattern) findAll(text []byte) [][]int {
	var found [][]int
	anchor := []byte(p.anchor)
	for from := 0; from < len(text); {
		j := bytes.Index(text[from:], anchor)
		if j < 0 {
			break
		}
		i := from + j
		if i > 0 && p.inToken(text[i-1]) {
			from = i + len(anchor)
			continue
		}
		m := p.re.FindSubmatchIndex(text[i:untilBlank(text, i, p.limit)])
		if m == nil {
			from = p.wordEnd(text, i+len(anchor))
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		found = append(found, m)
		from = max(m[1], i+len(anchor))
	}
	return found
}

// untilBlank returns the end of the run of non-blank bytes that starts at
// i, reading at most limit bytes.
func untilBlank(text []byte, i, limit int) int {
	end := min(i+limit, len(text))
	for j := i; j < end; j++ {
		if isSpace(text[j]) {
			return j
		}
	}
	return end
}

func (p anchoredPattern) wordEnd(text []byte, i int) int {
	for i < len(text) && p.inToken(text[i]) {
		i++
	}
	return i
}

func isWordByte(c byte) bool    { return isAlnum(c) || c == '_' }
func isURLSafeByte(c byte) bool { return isWordByte(c) || c == '-' }
func isSlackByte(c byte) bool   { return isAlnum(c) || c == '-' }
func neverInToken(c byte) bool  { return false }
