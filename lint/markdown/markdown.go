// Package markdown reads the parts of a handover document's Markdown body
// the linter checks: headings and the sections they open, links with their
// positions, and which lines are prose rather than code. Positions are
// 1-based lines and columns in the file the body came from.
package markdown

import (
	"bytes"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Heading is an ATX (#) or setext heading.
type Heading struct {
	Title        string
	Level        int
	Line, Column int
	// Anchor is the fragment GitHub gives the heading, e.g. "known-issues".
	Anchor string
}

// Section is the text under a level-2 heading, up to the next heading of
// level 1 or 2.
type Section struct {
	Heading
	// Empty reports that the section holds no text: nothing but blank
	// lines, HTML comments and sub-headings.
	Empty bool
}

// Link is an inline, reference or image link.
type Link struct {
	Dest         string
	Line, Column int
	Image        bool
}

// Doc is a parsed Markdown body.
type Doc struct {
	Headings []Heading
	Sections []Section
	Links    []Link
	// Anchors holds every fragment a link may point at: heading anchors and
	// id="…" or name="…" attributes of raw HTML.
	Anchors map[string]bool

	src        []byte
	lineStarts []int
	first      int
	code       map[int]bool
}

var parser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// Parse parses body, whose first line is line firstLine of its file.
func Parse(body []byte, firstLine int) *Doc {
	d := &Doc{Anchors: map[string]bool{}, src: body, lineStarts: lineOffsets(body), first: firstLine, code: map[int]bool{}}
	root := parser.Parse(text.NewReader(body))
	slugs := map[string]int{}
	current := -1 // index of the level-2 section being read, -1 outside one
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, isHeading := n.(*ast.Heading)
		switch {
		case isHeading:
			title := strings.TrimSpace(textOf(h, body))
			line, col := d.headingPos(h)
			hd := Heading{Title: title, Level: h.Level, Line: line, Column: col, Anchor: slug(title, slugs)}
			d.Headings = append(d.Headings, hd)
			d.Anchors[hd.Anchor] = true
			switch {
			case h.Level == 2:
				d.Sections = append(d.Sections, Section{Heading: hd, Empty: true})
				current = len(d.Sections) - 1
			case h.Level == 1:
				current = -1
			}
		case current >= 0 && !isComment(n, body):
			d.Sections[current].Empty = false
		}
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			d.addLink(string(l.Destination), false, l)
		case *ast.Image:
			d.addLink(string(l.Destination), true, l)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			d.markCode(n)
		}
		return ast.WalkContinue, nil
	})
	for _, m := range htmlAnchor.FindAllSubmatch(body, -1) {
		d.Anchors[string(m[1])] = true
	}
	return d
}

var htmlAnchor = regexp.MustCompile(`(?i)<[a-z][^>]*\s(?:id|name)\s*=\s*["']([^"']+)["']`)

// ProseLines calls fn for every line of the body that is not inside a code
// block, with inline code spans and HTML comments blanked out (replaced by
// spaces, so columns stay true). line is the file line.
func (d *Doc) ProseLines(fn func(line int, text string)) {
	blanked := blankComments(d.src)
	for i := range d.lineStarts {
		line := d.first + i
		if d.code[line] {
			continue
		}
		end := len(blanked)
		if i+1 < len(d.lineStarts) {
			end = d.lineStarts[i+1] - 1
		}
		fn(line, blankCodeSpans(string(blanked[d.lineStarts[i]:end])))
	}
}

func (d *Doc) addLink(dest string, image bool, n ast.Node) {
	line, col := d.first, 1
	if off, ok := firstText(n); ok {
		line, col = d.pos(off)
		col-- // the "[" before the link text
		if image {
			col-- // the "!" before it
		}
		if col < 1 {
			col = 1
		}
	} else if p := n.Parent(); p != nil && p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
		line, col = d.pos(p.Lines().At(0).Start)
	}
	d.Links = append(d.Links, Link{Dest: dest, Line: line, Column: col, Image: image})
}

func (d *Doc) markCode(n ast.Node) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	first, _ := d.pos(lines.At(0).Start)
	last, _ := d.pos(lines.At(lines.Len() - 1).Start)
	start := first
	if _, fenced := n.(*ast.FencedCodeBlock); fenced {
		start-- // the opening fence
		last++  // the closing fence, if there is one
	}
	for l := start; l <= last; l++ {
		d.code[l] = true
	}
}

// pos converts a byte offset of the body into a file line and a 1-based
// column counted in characters.
func (d *Doc) pos(offset int) (line, col int) {
	i := sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > offset }) - 1
	if i < 0 {
		i = 0
	}
	return d.first + i, utf8.RuneCount(d.src[d.lineStarts[i]:offset]) + 1
}

func lineOffsets(b []byte) []int {
	starts := []int{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// headingPos returns the position of a heading's first character: the
// "#" of an ATX heading, the text of a setext one.
func (d *Doc) headingPos(h *ast.Heading) (line, col int) {
	off := 0
	if h.Lines().Len() > 0 {
		off = h.Lines().At(0).Start
	} else if prev := h.PreviousSibling(); prev != nil && prev.Lines().Len() > 0 {
		// An empty heading ("##") has no text segment: it is on the line
		// after the previous block's last line, or later.
		off = prev.Lines().At(prev.Lines().Len() - 1).Stop
	}
	line, _ = d.pos(off)
	i := line - d.first
	end := len(d.src)
	if i+1 < len(d.lineStarts) {
		end = d.lineStarts[i+1]
	}
	text := d.src[d.lineStarts[i]:end]
	return line, len(text) - len(bytes.TrimLeft(text, " ")) + 1
}

func firstText(n ast.Node) (int, bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start, true
		}
		if off, ok := firstText(c); ok {
			return off, true
		}
	}
	return 0, false
}

func textOf(n ast.Node, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		default:
			b.WriteString(textOf(c, src))
		}
	}
	return b.String()
}

func isComment(n ast.Node, src []byte) bool {
	h, ok := n.(*ast.HTMLBlock)
	if !ok {
		return false
	}
	var b bytes.Buffer
	for i := 0; i < h.Lines().Len(); i++ {
		seg := h.Lines().At(i)
		b.Write(seg.Value(src))
	}
	if h.HasClosure() {
		b.Write(h.ClosureLine.Value(src))
	}
	return len(bytes.TrimSpace(blankComments(b.Bytes()))) == 0
}

var (
	commentRE  = regexp.MustCompile(`(?s)<!--.*?-->`)
	codeSpanRE = regexp.MustCompile("(`+)[^`]+?(`+)")
)

func blankComments(b []byte) []byte {
	return commentRE.ReplaceAllFunc(b, func(m []byte) []byte {
		out := make([]byte, len(m))
		for i, c := range m {
			if c == '\n' {
				out[i] = '\n'
			} else {
				out[i] = ' '
			}
		}
		return out
	})
}

func blankCodeSpans(s string) string {
	return codeSpanRE.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(" ", utf8.RuneCountInString(m)) })
}

// slug returns GitHub's anchor for a heading title: lower case, letters,
// digits, "-" and "_" kept, spaces turned into "-", other characters
// dropped, and "-1", "-2"… appended to repeats.
func slug(title string, seen map[string]int) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	s := b.String()
	n := seen[s]
	seen[s] = n + 1
	if n > 0 {
		return s + "-" + strconv.Itoa(n)
	}
	return s
}
