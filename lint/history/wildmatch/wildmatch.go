// Package wildmatch matches paths against globs as git's wildmatch.c
// does: the matching of gitattributes patterns and of ':(glob)'
// pathspecs. It imports nothing of the module.
package wildmatch

// wildmatch results, as in git's wildmatch.c: a match, no match, or no
// match at any later position either (which ends the callers' retries).
const (
	wmMatch = iota
	wmNoMatch
	wmAbortAll
	wmAbortToStarStar
)

// Match reports whether text matches pattern the way git's wildmatch()
// does. With pathname (WM_PATHNAME), '*', '?' and brackets do not match
// '/', and "**" between slashes matches any number of folders. It is a
// port of git's dowild, byte for byte, without case folding, and with a
// bound: git backtracks without end on some patterns (30 "**/" against a
// deep path keep git check-attr busy for minutes), so a match that takes
// more than steps steps fails. spent is how many it took: steps when it
// gave up.
func Match(pattern, text string, pathname bool, steps int) (matched bool, spent int) {
	m := &matcher{pathname: pathname, steps: steps}
	matched = m.dowild(pattern, text) == wmMatch
	if m.steps < 0 {
		return false, steps
	}
	return matched, steps - m.steps
}

// MaxSteps is the bound callers give one match: a real pattern takes a
// few hundred steps at most, and this many take about half a millisecond.
const MaxSteps = 1 << 16

type matcher struct {
	pathname bool
	steps    int // left
}

// at is s[i], or 0 past its end: the C string's terminator.
func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isGlobSpecial(c byte) bool { return c == '*' || c == '?' || c == '[' || c == '\\' }

// LiteralLen is the length of pattern's leading text without wildcards
// (*, ?, [ and \), git's simple_length: what a matcher may compare as
// plain bytes before it calls Match on the rest.
func LiteralLen(pattern string) int {
	for i := 0; i < len(pattern); i++ {
		if isGlobSpecial(pattern[i]) {
			return i
		}
	}
	return len(pattern)
}

func (m *matcher) dowild(p, text string) int {
	pathname := m.pathname
	pi, ti := 0, 0
	for ; at(p, pi) != 0; ti, pi = ti+1, pi+1 {
		if m.steps--; m.steps < 0 {
			return wmAbortAll
		}
		pc, tc := p[pi], at(text, ti)
		if tc == 0 && pc != '*' {
			return wmAbortAll
		}
		switch pc {
		case '\\':
			// The next byte is literal; a trailing backslash matches nothing.
			pi++
			if at(p, pi) != tc {
				return wmNoMatch
			}
		case '?':
			if pathname && tc == '/' {
				return wmNoMatch
			}
		case '*':
			var matchSlash bool
			if pi++; at(p, pi) == '*' {
				prev := pi - 2
				for pi++; at(p, pi) == '*'; pi++ {
				}
				if !pathname {
					// Without pathname, "**" is '*'.
					matchSlash = true
				} else if (prev < 0 || p[prev] == '/') &&
					(at(p, pi) == 0 || at(p, pi) == '/' || at(p, pi) == '\\' && at(p, pi+1) == '/') {
					// "**/" may match no folder at all.
					if at(p, pi) == '/' && m.dowild(p[pi+1:], text[ti:]) == wmMatch {
						return wmMatch
					}
					matchSlash = true
				}
			} else {
				matchSlash = !pathname
			}
			if at(p, pi) == 0 {
				// A trailing "**" matches everything, a trailing '*' what
				// has no more slashes.
				if !matchSlash && indexByte(text[ti:], '/') >= 0 {
					return wmNoMatch
				}
				return wmMatch
			}
			if !matchSlash && p[pi] == '/' {
				// One '*' and a slash match the rest of this folder name.
				slash := indexByte(text[ti:], '/')
				if slash < 0 {
					return wmNoMatch
				}
				ti += slash
				continue
			}
			return m.starRest(p[pi:], text[ti:], matchSlash)
		case '[':
			ok, end, res := matchBracket(p, pi, tc)
			if res != wmMatch {
				return res
			}
			if !ok || pathname && tc == '/' {
				return wmNoMatch
			}
			pi = end
		default:
			if tc != pc {
				return wmNoMatch
			}
		}
	}
	if ti < len(text) {
		return wmNoMatch
	}
	return wmMatch
}

// starRest matches the text after a '*' (or "**" when matchSlash) against
// the rest of the pattern, p, at each position the star may stop.
func (m *matcher) starRest(p, text string, matchSlash bool) int {
	ti := 0
	for at(text, ti) != 0 {
		if m.steps--; m.steps < 0 {
			return wmAbortAll
		}
		// A literal after the star: skip to where the text has it.
		if c := p[0]; !isGlobSpecial(c) {
			for at(text, ti) != 0 && (matchSlash || text[ti] != '/') && text[ti] != c {
				ti++
			}
			if at(text, ti) != c {
				if matchSlash {
					return wmAbortAll
				}
				return wmAbortToStarStar
			}
		}
		matched := m.dowild(p, text[ti:])
		if matched != wmNoMatch {
			if !matchSlash || matched != wmAbortToStarStar {
				return matched
			}
		} else if !matchSlash && text[ti] == '/' {
			return wmAbortToStarStar
		}
		ti++
	}
	return wmAbortAll
}

// matchBracket matches tc against the bracket expression that opens at
// p[open]. It returns whether tc is in the set, the index of the closing
// ']', and wmMatch unless the expression is malformed (wmAbortAll).
func matchBracket(p string, open int, tc byte) (ok bool, end, res int) {
	pi := open + 1
	pc := at(p, pi)
	if pc == '^' {
		pc = '!'
	}
	negated := pc == '!'
	if negated {
		pi++
		pc = at(p, pi)
	}
	var prev byte
	matched := false
	for {
		if pc == 0 {
			return false, 0, wmAbortAll
		}
		switch {
		case pc == '\\':
			pi++
			if pc = at(p, pi); pc == 0 {
				return false, 0, wmAbortAll
			}
			if tc == pc {
				matched = true
			}
		case pc == '-' && prev != 0 && at(p, pi+1) != 0 && at(p, pi+1) != ']':
			pi++
			pc = p[pi]
			if pc == '\\' {
				pi++
				if pc = at(p, pi); pc == 0 {
					return false, 0, wmAbortAll
				}
			}
			if tc <= pc && tc >= prev {
				matched = true
			}
			pc = 0 // the next byte starts no range
		case pc == '[' && at(p, pi+1) == ':':
			s := pi + 2
			for pi = s; at(p, pi) != 0 && p[pi] != ']'; pi++ {
			}
			if at(p, pi) == 0 {
				return false, 0, wmAbortAll
			}
			if pi-s-1 < 0 || p[pi-1] != ':' {
				// No ":]": a plain '['.
				pi = s - 2
				pc = '['
				if tc == pc {
					matched = true
				}
				break
			}
			in, known := inClass(p[s:pi-1], tc)
			if !known {
				return false, 0, wmAbortAll
			}
			if in {
				matched = true
			}
			pc = 0
		default:
			if tc == pc {
				matched = true
			}
		}
		prev = pc
		pi++
		if pc = at(p, pi); pc == ']' {
			break
		}
	}
	return matched != negated, pi, wmMatch
}

// inClass reports whether c is in the POSIX class name ("alpha", …);
// known is false for a name git does not know.
func inClass(name string, c byte) (in, known bool) {
	upper, lower, digit := 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9'
	space := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
	switch name {
	case "alnum":
		return upper || lower || digit, true
	case "alpha":
		return upper || lower, true
	case "blank":
		return c == ' ' || c == '\t', true
	case "cntrl":
		return c < 0x20 || c == 0x7f, true
	case "digit":
		return digit, true
	case "graph":
		return 0x21 <= c && c <= 0x7e, true
	case "lower":
		return lower, true
	case "print":
		return 0x20 <= c && c <= 0x7e, true
	case "punct":
		return 0x21 <= c && c <= 0x7e && !upper && !lower && !digit, true
	case "space":
		return space, true
	case "upper":
		return upper, true
	case "xdigit":
		return digit || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F', true
	}
	return false, false
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
