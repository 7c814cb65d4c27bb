package markdown

import (
	"fmt"
	"strings"
	"testing"
)

const sample = `# Tech

Intro.

## Architecture

A monolith.

## Environments
<!-- fill in -->

### Staging

## Deployment

` + "```sh\nmake deploy # TODO not prose\n```" + `

   ## Indented heading
Setext Heading
--------------

See [the team](team.md#members), ![diagram](img/arch.png) and [ops](#operations).
Text with ` + "`TODO` code" + ` and <!-- TODO hidden --> end.

# Appendix

<a id="custom-anchor"></a>

## Известные проблемы

## Architecture
`

func TestParse(t *testing.T) {
	d := Parse([]byte(sample), 5)
	var got []string
	for _, s := range d.Sections {
		got = append(got, fmt.Sprintf("%d:%d %q empty=%v #%s", s.Line, s.Column, s.Title, s.Empty, s.Anchor))
	}
	want := []string{
		`9:1 "Architecture" empty=false #architecture`,
		`13:1 "Environments" empty=true #environments`,
		`18:1 "Deployment" empty=false #deployment`,
		`24:4 "Indented heading" empty=true #indented-heading`,
		`25:1 "Setext Heading" empty=false #setext-heading`,
		`35:1 "Известные проблемы" empty=true #известные-проблемы`,
		`37:1 "Architecture" empty=true #architecture-1`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sections:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var links []string
	for _, l := range d.Links {
		links = append(links, fmt.Sprintf("%d:%d %s image=%v", l.Line, l.Column, l.Dest, l.Image))
	}
	wantLinks := "28:5 team.md#members image=false\n28:34 img/arch.png image=true\n28:63 #operations image=false"
	if strings.Join(links, "\n") != wantLinks {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(links, "\n"), wantLinks)
	}
	if !d.Anchors["custom-anchor"] || !d.Anchors["appendix"] {
		t.Errorf("anchors %v lack custom-anchor or appendix", d.Anchors)
	}
}

func TestProseLines(t *testing.T) {
	d := Parse([]byte(sample), 5)
	var todo []string
	d.ProseLines(func(line int, text string) {
		if i := strings.Index(text, "TODO"); i >= 0 {
			todo = append(todo, fmt.Sprint(line))
		}
		if line == 29 && !strings.HasPrefix(text, "Text with ") {
			t.Errorf("line 29 = %q", text)
		}
	})
	if len(todo) != 0 {
		t.Errorf("TODO found in code or comments on lines %v", todo)
	}
}

func TestSlug(t *testing.T) {
	seen := map[string]int{}
	for _, tt := range []struct{ in, want string }{
		{"Known issues", "known-issues"},
		{"Known issues", "known-issues-1"},
		{"C++ & Go: notes!", "c--go-notes"},
		{"snake_case-ok", "snake_case-ok"},
	} {
		if got := slug(tt.in, seen); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestProseLinesNotProse: what a reader does not take for prose is blanked,
// one space per character so that columns stay true: code spans across
// lines and with backticks inside, link destinations and titles, autolinks,
// bare URLs with template parts, reference definitions, HTML comments.
func TestProseLinesNotProse(t *testing.T) {
	body := "Run `make\nTODO` and ``a ` <x> ``, then [the é doc](<docs/a b.md> \"<title>\").\n" +
		"Sign at https://host/sign/<token> or www.acme.example/<org>, mail <ops@acme.example> or <https://acme.example/<x>>.\n" +
		"Café <!-- é TODO --> <your name> and `é` then ??? [ref].\n" +
		"\n" +
		"[ref]: https://acme.example/<id> \"TODO\"\n" +
		"| `Promise<void>` | <b>bold</b> |\n" +
		"|---|---|\n"
	d := Parse([]byte(body), 1)
	var got []string
	d.ProseLines(func(line int, text string) {
		got = append(got, fmt.Sprintf("%d:%s", line, strings.TrimRight(text, " ")))
	})
	want := []string{
		"1:Run",
		"2:      and             , then  the é doc                          .",
		"3:Sign at                           or                         mail                    or <",
		"4:Café                 <your name> and     then ???  ref .",
		"7:                    <b>bold</b>",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("prose:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
