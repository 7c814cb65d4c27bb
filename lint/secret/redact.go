package secret

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// pieceLen is the length of the pieces of a long credential that a
// Redactor hides wherever they appear. It is shorter than any prefix a
// message quotes of a long value (a schema message shows 12 characters),
// and long enough that ordinary words do not match by chance.
const pieceLen = 12

// Redactor makes text safe to print. It hides the credentials added to it
// (those found in the files being checked) wherever they appear, whole or
// in pieces, and any credential that a scan of the text itself finds, for
// credentials that reached the text from elsewhere (a commit subject, a
// command line, a URL). The scan is the secret rule's, in its redaction
// mode: it also hides the values after credential keys that the rule
// lets pass in documentation, any "user:password@" and suspicious URL
// parameters. The zero value hides only what the scan finds.
//
// Redact takes time linear in the length of its text, however many
// credentials were added: one pass looks up each position in maps of the
// known values, then one scan.
type Redactor struct {
	// short maps each credential shorter than pieceLen to its redacted
	// form; shortLens are their lengths, longest first, so that one that
	// holds another is hidden whole.
	short     map[string]string
	shortLens []int
	// long are the other credentials; pieces maps each of their
	// pieceLen-byte pieces to its index in long.
	long   []Match
	pieces map[string]int
}

// Add makes r hide m's credential.
func (r *Redactor) Add(m Match) {
	value := m.Secret.text
	if value == "" {
		return
	}
	if len(value) < pieceLen {
		if r.short == nil {
			r.short = map[string]string{}
		}
		if _, dup := r.short[value]; !dup && !slices.Contains(r.shortLens, len(value)) {
			r.shortLens = append(r.shortLens, len(value))
			slices.SortFunc(r.shortLens, func(a, b int) int { return b - a })
		}
		r.short[value] = m.Redacted
		return
	}
	if r.pieces == nil {
		r.pieces = map[string]int{}
	}
	r.long = append(r.long, m)
	for i := 0; i+pieceLen <= len(value); i++ {
		if _, dup := r.pieces[value[i:i+pieceLen]]; !dup {
			r.pieces[value[i:i+pieceLen]] = len(r.long) - 1
		}
	}
}

// Redact returns s with every credential replaced by its redacted form.
func (r *Redactor) Redact(s string) string {
	return redactScanned(r.redactKnown(s))
}

// Redact returns s with every credential a scan finds replaced by its
// redacted form, for text that quotes no file, such as an error message.
func Redact(s string) string {
	return redactScanned(s)
}

// redactKnown replaces the credentials added to r. A run of s made of
// overlapping pieces of a long credential becomes its redacted form when
// the run starts the credential, and "…" when it starts within it. A run
// that starts or ends within a character hides the whole character.
func (r *Redactor) redactKnown(s string) string {
	if len(r.short) == 0 && len(r.pieces) == 0 {
		return s
	}
	out := make([]byte, 0, len(s))
	// copied is where the bytes that out ends with, as they are in s,
	// start: the end of the last replacement.
	copied := 0
	for i := 0; i < len(s); {
		end, shown := r.longAt(s, i)
		if end > i {
			out = out[:len(out)-(i-max(charStart(s, i), copied))]
		} else {
			end, shown = r.shortAt(s, i)
		}
		if end > i {
			out = append(out, shown...)
			i, copied = end, end
			continue
		}
		out = append(out, s[i])
		i++
	}
	return string(out)
}

// longAt returns the end of the run of pieces of a long credential that
// starts at i, and what replaces it; end is i when none starts there.
func (r *Redactor) longAt(s string, i int) (end int, shown string) {
	if len(r.pieces) == 0 || i+pieceLen > len(s) {
		return i, ""
	}
	idx, ok := r.pieces[s[i:i+pieceLen]]
	if !ok {
		return i, ""
	}
	end = i + pieceLen
	for end < len(s) {
		if _, ok := r.pieces[s[end+1-pieceLen:end+1]]; !ok {
			break
		}
		end++
	}
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	if m := r.long[idx]; strings.HasPrefix(m.Secret.text, s[i:end]) {
		return end, m.Redacted
	}
	return end, "…"
}

// charStart returns the start of the valid UTF-8 encoded character that
// offset i of s falls within, or i.
func charStart(s string, i int) int {
	for j := i - 1; j >= 0 && j >= i-utf8.UTFMax+1; j-- {
		if utf8.RuneStart(s[j]) {
			if r, size := utf8.DecodeRuneInString(s[j:]); (r != utf8.RuneError || size > 1) && j+size > i {
				return j
			}
			return i
		}
	}
	return i
}

// shortAt returns the end of the longest short credential at i, and its
// redacted form; end is i when none is there.
func (r *Redactor) shortAt(s string, i int) (end int, shown string) {
	for _, n := range r.shortLens {
		if i+n > len(s) {
			continue
		}
		if shown, ok := r.short[s[i:i+n]]; ok {
			return i + n, shown
		}
	}
	return i, ""
}

// redactScanned replaces what a redaction scan of s finds.
func redactScanned(s string) string {
	found := scan([]byte(s), redaction)
	if len(found) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, f := range found {
		b.WriteString(s[last:f.start])
		b.WriteString(redact([]byte(s[f.start:f.end]), f.reveal))
		last = f.end
	}
	b.WriteString(s[last:])
	return b.String()
}
