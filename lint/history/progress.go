package history

import (
	"io"
	"unicode"
	"unicode/utf8"
)

// controlFilter passes the progress lines a server sends during a clone to
// a terminal without the control sequences they may hold: a hostile server
// could otherwise retitle the window, clear the screen or rewrite what the
// user reads. Lines end at a newline or a carriage return (progress redraws
// its line with one); both pass, and so do tabs.
type controlFilter struct {
	w    io.Writer
	line []byte
}

// maxProgressLine bounds the bytes held back while waiting for a line end.
const maxProgressLine = 4096

func (f *controlFilter) Write(p []byte) (int, error) {
	for _, c := range p {
		f.line = append(f.line, c)
		if c == '\n' || c == '\r' || len(f.line) == maxProgressLine {
			clean := stripControls(f.line)
			f.line = f.line[:0]
			if _, err := f.w.Write(clean); err != nil {
				return 0, err
			}
		}
	}
	return len(p), nil
}

// stripControls removes escape sequences (CSI, OSC, DCS and the like, in
// their 7-bit and 8-bit forms), every other control character but newline,
// carriage return and tab, and bytes that are not UTF-8.
func stripControls(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == '\n' || r == '\r' || r == '\t':
		case r == 0x1b || r >= 0x80 && r <= 0x9f:
			b = b[escapeLen(b, r, n):]
			continue
		case r == utf8.RuneError && n == 1, unicode.IsControl(r):
			b = b[n:]
			continue
		}
		out = append(out, b[:n]...)
		b = b[n:]
	}
	return out
}

// escapeLen returns the length of the escape sequence that starts b with
// r (ESC or a C1 control, n bytes long), or of r alone.
func escapeLen(b []byte, r rune, n int) int {
	kind := r
	if r == 0x1b && n < len(b) {
		// ESC followed by the 7-bit form of a C1 control.
		switch c := b[n]; {
		case c >= 0x40 && c <= 0x5f:
			kind, n = rune(c)+0x40, n+1
		default:
			// ESC, intermediates (0x20-0x2f), a final byte (0x30-0x7e).
			for n < len(b) && b[n] >= 0x20 && b[n] <= 0x2f {
				n++
			}
			if n < len(b) && b[n] >= 0x30 && b[n] <= 0x7e {
				n++
			}
			return n
		}
	}
	switch kind {
	case 0x9b: // CSI: parameters and intermediates, then a final byte
		for n < len(b) && b[n] >= 0x20 && b[n] <= 0x3f {
			n++
		}
		if n < len(b) && b[n] >= 0x40 && b[n] <= 0x7e {
			n++
		}
	case 0x90, 0x98, 0x9d, 0x9e, 0x9f: // DCS, SOS, OSC, PM, APC: a string up to BEL or ST
		for n < len(b) && b[n] != '\n' && b[n] != '\r' {
			if b[n] == 0x07 {
				return n + 1
			}
			if b[n] == 0x1b && n+1 < len(b) && b[n+1] == '\\' {
				return n + 2
			}
			if r, size := utf8.DecodeRune(b[n:]); r == 0x9c {
				return n + size
			}
			n++
		}
	}
	return n
}
