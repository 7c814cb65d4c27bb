package markdown

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that any body parses without panicking, that every
// position it reports lies inside the body (a column at most one past the
// end of its line), that skipped ranges are lines of the body, and that
// each prose line has as many characters as the line it comes from, so
// that columns found in it are true.
func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("##\n\n## A\n[x](y#z)\n"))
	f.Add([]byte("- [a](b)\n  ```\n  code\n"))
	f.Add([]byte("![](x)\n<a name='q'>\n"))
	f.Add([]byte("`a\nb` ``c ` d`` [é](<a b> \"t\") https://h/<t> <!-- é\n--> x"))
	f.Add([]byte(strings.Repeat("> ", 40) + "a\n" + strings.Repeat("  ", 70) + "- b\n"))
	f.Add([]byte(strings.Repeat("[a](", 300) + "\n\n" + strings.Repeat("\\``", 300)))
	f.Add([]byte("[a]: b '\n[c]: d\n*a_b*c_d**e_f*g**h*i_j**\n<![CDATA[ <? <!-- ]([\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		lines := bytes.Split(body, []byte("\n"))
		in := func(line, col int) bool {
			return line >= 3 && line < 3+len(lines) && col >= 1 && col <= utf8.RuneCount(lines[line-3])+1
		}
		d := Parse(body, 3)
		for _, h := range d.Headings {
			if !in(h.Line, h.Column) {
				t.Fatalf("heading %+v outside the body", h)
			}
		}
		for _, l := range d.Links {
			if !in(l.Line, l.Column) {
				t.Fatalf("link %+v outside the body", l)
			}
		}
		skipped := map[int]bool{}
		for _, s := range d.Skipped {
			if !in(s.Line, 1) || !in(s.EndLine, 1) || s.EndLine < s.Line || s.Reason == "" {
				t.Fatalf("skipped %+v outside the body (%d lines)", s, len(lines))
			}
			for l := s.Line; l <= s.EndLine; l++ {
				skipped[l] = true
			}
		}
		d.ProseLines(func(line int, text string) {
			if !in(line, 1) || skipped[line] {
				t.Fatalf("prose line %d outside the body or skipped", line)
			}
			if got, want := utf8.RuneCountInString(text), utf8.RuneCount(lines[line-3]); got != want {
				t.Fatalf("prose line %d has %d characters, the line %d: %q for %q", line, got, want, text, lines[line-3])
			}
		})
	})
}

// FuzzBound checks the bounding alone: it keeps every line, blanks only
// whole lines, and its estimate never panics.
func FuzzBound(f *testing.F) {
	f.Add([]byte(strings.Repeat("[a](", 100)), 100)
	f.Add([]byte("`` \\` *a* _b_ ~c~ <x <!-- <? <![CDATA[ [a]: b 'c'\n]"), 10)
	f.Fuzz(func(t *testing.T, body []byte, limit int) {
		e := estimator{p: body, limit: limit}
		e.inlineWork()
		out, skipped := bound(body, 1)
		in, got := bytes.Split(body, []byte("\n")), bytes.Split(out, []byte("\n"))
		if len(in) != len(got) {
			t.Fatalf("%d lines in, %d out", len(in), len(got))
		}
		blanked := map[int]bool{}
		for _, s := range skipped {
			for l := s.Line; l <= s.EndLine; l++ {
				blanked[l-1] = true
			}
		}
		for i := range in {
			if blanked[i] && len(got[i]) != 0 || !blanked[i] && !bytes.Equal(in[i], got[i]) {
				t.Fatalf("line %d: %q became %q (skipped %v)", i+1, in[i], got[i], blanked[i])
			}
		}
	})
}
