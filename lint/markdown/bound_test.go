package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// lines returns line(0), line(1)… until they hold n bytes.
func lines(n int, line func(i int) string) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(line(i))
	}
	return b.String()
}

// repeat returns s repeated to exactly n bytes.
func repeat(s string, n int) string { return strings.Repeat(s, n/len(s)+1)[:n] }

// slowShapes are inputs on which goldmark itself is superlinear, measured
// at 64 KiB to 1 MiB (times at 1 MiB unless said): with no bound each
// takes seconds to many minutes at the 1 MiB file limit. They are tried
// at 64 KiB, where each is already over the budget.
var slowShapes = map[string]string{
	"nested quotes, 1 line (>1 min at 256 KiB)":   repeat(">", 64<<10),
	"nested quotes with spaces":                   repeat("> ", 64<<10),
	"nested list markers (4 s at 64 KiB)":         repeat("- ", 64<<10),
	"lists nested by indentation (4 s)":           lines(256<<10, func(i int) string { return strings.Repeat("  ", i) + "- a\n" }),
	"unclosed links (3 s at 64 KiB)":              repeat("[a](", 64<<10),
	"unclosed images (30 s at 256 KiB)":           repeat("![a](", 64<<10),
	"unclosed links over lines":                   repeat("[a](\n", 64<<10),
	"]([ over lines (68 s)":                       repeat("]([\n", 64<<10),
	"[a](<b (29 s at 256 KiB)":                    repeat("[a](<b", 64<<10),
	"nested brackets (15 s)":                      repeat("[", 32<<10) + repeat("]", 32<<10),
	"nested brackets over lines (6 s, 64 KiB)":    repeat("[\n", 32<<10) + repeat("]\n", 32<<10),
	"unclosed titles over lines (20 s)":           repeat("[a](b (\n", 64<<10),
	"unclosed quoted titles (14 s, 256 KiB)":      repeat("[a](b \"\n", 128<<10),
	"escaped backticks (39 s at 256 KiB)":         repeat("\\``", 64<<10),
	"mixed emphasis, goldmark#555 (6 s, 256 KiB)": repeat("*a_b*c_d**e_f*g**h*i_j**", 256<<10),
	"reference definitions (12 s)":                lines(256<<10, func(i int) string { return fmt.Sprintf("[a%d]: b\n", i) }),
	"definitions with unclosed titles (38 s)":     repeat("[a]: b '\n", 256<<10),
	"unclosed definitions (11 s at 256 KiB)":      repeat("[a]:\n", 64<<10),
	"CDATA openers":                               repeat("a <![CDATA[", 64<<10),
	"tag openers over lines":                      repeat("<a\n", 64<<10),
}

// TestBoundSkipsSlowShapes: each shape has lines skipped, and what is
// skipped is reported with its lines and reason.
func TestBoundSkipsSlowShapes(t *testing.T) {
	for name, body := range slowShapes {
		t.Run(name, func(t *testing.T) {
			d := Parse([]byte(body), 7)
			if len(d.Skipped) == 0 {
				t.Fatalf("nothing skipped")
			}
			lines := strings.Count(body, "\n") + 1
			for _, s := range d.Skipped {
				if s.Line < 7 || s.EndLine < s.Line || s.EndLine >= 7+lines || s.Reason == "" {
					t.Errorf("skipped %+v: lines outside the body's 7..%d or no reason", s, 7+lines-1)
				}
			}
		})
	}
}

// ordinaryShapes are large but ordinary documents: nothing of them may be
// skipped.
var ordinaryShapes = map[string]string{
	"paragraphs":          repeat("Some *prose* with a [link](docs/a.md#x), `code`, <br> and snake_case words.\n\n", 1<<20),
	"one long paragraph":  repeat("Some *prose* with a [link](docs/a.md#x), `code`, <br> and snake_case words.\n", 256<<10),
	"links, one a line":   repeat("[a](b.md)\n", 1<<20),
	"links on one line":   repeat("[a](b.md) ", 256<<10),
	"flat list":           repeat("- item with **bold** and [link](x.md)\n", 256<<10),
	"reference links":     repeat("See [the docs][docs] and [more][]. ", 256<<10) + "\n\n[docs]: a.md\n[more]: b.md\n",
	"table":               "| name | link |\n|---|---|\n" + repeat("| `api_server` | [docs](a.md) *x* |\n", 256<<10),
	"nested five deep":    repeat("> - > - > quoted list text\n", 256<<10),
	"code block":          "```\n" + repeat("[a]( *_ ` < [[ ]] \\` **a_b*\n", 256<<10) + "```\n",
	"definitions at end":  repeat("Text.\n\n", 256<<10) + repeat("[ref]: https://example.com/a\n", 16<<10),
	"emphasis everywhere": repeat("*a* _b_ **c** ~~d~~ ", 256<<10),
}

func TestBoundKeepsOrdinaryDocuments(t *testing.T) {
	for name, body := range ordinaryShapes {
		t.Run(name, func(t *testing.T) {
			if d := Parse([]byte(body), 1); len(d.Skipped) != 0 {
				t.Errorf("skipped %+v", d.Skipped[0])
			}
		})
	}
}

// TestBoundKeepsTheRest: the lines around a skipped paragraph are parsed
// at their own lines, and the skipped one yields no link or prose.
func TestBoundKeepsTheRest(t *testing.T) {
	body := "# Title\n\nBefore [a](a.md) TODO.\n\n" + repeat("[a](", 128<<10) + "\n\n## After\n\n[b](b.md) TODO\n\n" +
		strings.Repeat(">", 40) + " deep [c](c.md)\n\nEnd [d](d.md).\n"
	d := Parse([]byte(body), 10)
	var got []string
	for _, s := range d.Skipped {
		got = append(got, s.Message())
	}
	want := []string{
		"line 14 was not checked for links and placeholders: " + reasonWork,
		"line 20 was not checked for links and placeholders: " + reasonNesting,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var links []string
	for _, l := range d.Links {
		links = append(links, fmt.Sprintf("%d:%d %s", l.Line, l.Column, l.Dest))
	}
	if g, w := strings.Join(links, " "), "12:8 a.md 18:1 b.md 22:5 d.md"; g != w {
		t.Errorf("links %s, want %s", g, w)
	}
	if len(d.Headings) != 2 || d.Headings[1].Line != 16 {
		t.Errorf("headings %+v", d.Headings)
	}
	var prose []int
	d.ProseLines(func(line int, text string) {
		if strings.Contains(text, "TODO") || strings.Contains(text, "[a") {
			prose = append(prose, line)
		}
	})
	if fmt.Sprint(prose) != "[12 18]" {
		t.Errorf("prose lines with TODO or [a: %v, want [12 18]", prose)
	}
}

func TestSkippedMessage(t *testing.T) {
	if got := (Skipped{Line: 3, EndLine: 9, Reason: "why"}).Message(); got != "lines 3-9 were not checked for links and placeholders: why" {
		t.Errorf("got %q", got)
	}
}
