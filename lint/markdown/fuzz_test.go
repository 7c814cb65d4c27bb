package markdown

import (
	"bytes"
	"testing"
)

// FuzzParse checks that any body parses without panicking and that every
// position it reports lies inside the body.
func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("##\n\n## A\n[x](y#z)\n"))
	f.Add([]byte("- [a](b)\n  ```\n  code\n"))
	f.Add([]byte("![](x)\n<a name='q'>\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		lines := bytes.Count(body, []byte("\n")) + 1
		in := func(line, col int) bool { return line >= 3 && line < 3+lines && col >= 1 }
		d := Parse(body, 3)
		for _, h := range d.Headings {
			if !in(h.Line, h.Column) {
				t.Fatalf("heading %+v outside the body (%d lines)", h, lines)
			}
		}
		for _, l := range d.Links {
			if !in(l.Line, l.Column) {
				t.Fatalf("link %+v outside the body (%d lines)", l, lines)
			}
		}
		d.ProseLines(func(line int, text string) {
			if !in(line, 1) {
				t.Fatalf("prose line %d outside the body", line)
			}
		})
	})
}
