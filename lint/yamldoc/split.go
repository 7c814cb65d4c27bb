package yamldoc

import "bytes"

// FrontMatter is a Markdown file cut in two at its front matter fences.
type FrontMatter struct {
	// Present reports whether the file starts with a "---" fence.
	Present bool
	// YAML is the text between the fences; YAMLLine is the file line it starts on.
	YAML     []byte
	YAMLLine int
	// Body is the Markdown after the closing fence; BodyLine is the file line it starts on.
	Body     []byte
	BodyLine int
}

// SplitFrontMatter cuts src (already free of a BOM) at its "---" fences. A
// file that does not start with a fence has no front matter: all of it is
// body. A closing fence may also be "..." as in YAML. CRLF line ends are
// accepted.
func SplitFrontMatter(src []byte) (FrontMatter, *Error) {
	first, rest, found := cutLine(src)
	if !isFence(first, false) {
		return FrontMatter{Body: src, BodyLine: 1}, nil
	}
	if !found {
		return FrontMatter{}, errorf(1, 1, "front matter is not closed: add a line with --- after the YAML fields")
	}
	start := len(src) - len(rest)
	line := 2
	for len(rest) > 0 {
		l, next, found := cutLine(rest)
		if isFence(l, true) {
			fm := FrontMatter{
				Present:  true,
				YAML:     src[start : len(src)-len(rest)],
				YAMLLine: 2,
				Body:     next,
				BodyLine: line + 1,
			}
			if !found {
				// The fence ends the file: there is no next line to
				// point at, so the (empty) body starts on the fence's.
				fm.BodyLine = line
			}
			return fm, nil
		}
		rest = next
		line++
	}
	return FrontMatter{}, errorf(1, 1, "front matter is not closed: add a line with --- after the YAML fields")
}

// cutLine returns the first line of b without its line end, the remainder
// after the line end, and whether there was a line end.
func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return bytes.TrimSuffix(b, []byte("\r")), nil, false
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:], true
}

func isFence(line []byte, closing bool) bool {
	t := bytes.TrimRight(line, " \t")
	return bytes.Equal(t, []byte("---")) || (closing && bytes.Equal(t, []byte("...")))
}
