package secret

import (
	"bytes"
	"regexp"
	"sync"
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
	// re starts with ^ and matches at the anchor. It is compiled on the
	// first anchor found: most texts hold no anchor of most formats, and
	// compiling every pattern (bounded repeats like {36,251} make big
	// programs) took most of the start-up time of each run.
	re func() *regexp.Regexp
	// inToken reports the bytes of the token's alphabet: an anchor
	// preceded by one is inside a longer word and is not a token start.
	inToken func(byte) bool
	// limit is how far re may read from the anchor.
	limit int
}

// lazyRegexp compiles pattern on its first use.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

// findAll returns the submatch indices (offsets into text) of every match
// of p. A failed attempt skips the rest of the word it started in, since
// every later anchor there is preceded by a token byte; so the total work
// stays linear in len(text) however many anchors an input holds.
func (p anchoredPattern) findAll(text []byte) [][]int {
	var found [][]int
	forEach(text, p.anchor, func(i int) int {
		if i > 0 && p.inToken(text[i-1]) {
			return i + len(p.anchor)
		}
		m := p.re().FindSubmatchIndex(text[i:scanUntil(text, i, p.limit, isSpace)])
		if m == nil {
			return p.wordEnd(text, i+len(p.anchor))
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		found = append(found, m)
		return m[1]
	})
	return found
}

// forEach calls visit with the offset of each occurrence of sep in text,
// left to right; visit returns where to search on from, and the search
// always moves forward.
func forEach(text []byte, sep string, visit func(i int) (resume int)) {
	for from := 0; from < len(text); {
		j := bytes.Index(text[from:], []byte(sep))
		if j < 0 {
			return
		}
		from = max(visit(from+j), from+j+1)
	}
}

// forEachByteOf is forEach for the bytes of set: it calls visit with the
// offset of each of them in text.
func forEachByteOf(text []byte, set string, visit func(i int) (resume int)) {
	for from := 0; from < len(text); {
		j := bytes.IndexAny(text[from:], set)
		if j < 0 {
			return
		}
		from = max(visit(from+j), from+j+1)
	}
}

// scanUntil returns the offset of the first byte at or after i for which
// stop is true, reading at most limit bytes.
func scanUntil(text []byte, i, limit int, stop func(byte) bool) int {
	end := min(i+limit, len(text))
	for j := i; j < end; j++ {
		if stop(text[j]) {
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
