// Package markdown reads the parts of a handover document's Markdown body
// the linter checks: headings and the sections they open, links with their
// positions, and which lines are prose rather than code. Positions are
// 1-based lines and columns in the file the body came from.
package markdown

import (
	"bytes"
	"regexp"
	"slices"
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
	// Skipped lists the lines that were not parsed because parsing them
	// would take too long (see bound); they hold no headings, links or prose.
	Skipped []Skipped

	src        []byte
	lineStarts []int
	first      int
	// prose marks the bytes of src that are prose: the text of
	// paragraphs, headings and table cells, raw HTML and HTML blocks.
	prose []bool
	// last is the last position pos computed, so that the positions of
	// the many links of one long line are found in one pass over it.
	last struct{ offset, line, col int }
}

var fullParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// Parse parses body, whose first line is line firstLine of its file.
func Parse(body []byte, firstLine int) *Doc {
	body, skipped := bound(body, firstLine)
	d := &Doc{Anchors: map[string]bool{}, Skipped: skipped, src: body, lineStarts: lineOffsets(body), first: firstLine, prose: make([]bool, len(body))}
	d.last.line = -1
	root := fullParser.Parse(text.NewReader(body))
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
		switch n := n.(type) {
		case *ast.Link:
			d.addLink(string(n.Destination), false, n)
		case *ast.Image:
			d.addLink(string(n.Destination), true, n)
		case *ast.Text:
			d.markProse(n.Segment)
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				d.markProse(n.Segments.At(i))
			}
		case *ast.HTMLBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				d.markProse(n.Lines().At(i))
			}
			if n.HasClosure() {
				d.markProse(n.ClosureLine)
			}
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, m := range htmlAnchor.FindAllSubmatch(body, -1) {
		d.Anchors[string(m[1])] = true
	}
	return d
}

var htmlAnchor = regexp.MustCompile(`(?i)<[a-z][^>]*\s(?:id|name)\s*=\s*["']([^"']+)["']`)

func (d *Doc) markProse(s text.Segment) {
	for i := max(s.Start, 0); i < min(s.Stop, len(d.prose)); i++ {
		d.prose[i] = true
	}
}

// ProseLines calls fn for every line of the body that holds prose, with
// everything that is not prose replaced by spaces, one per character, so
// that columns stay true: code blocks and code spans, link destinations
// and titles, autolinks and URLs, emphasis and link punctuation, HTML
// comments and skipped lines. line is the file line.
func (d *Doc) ProseLines(fn func(line int, text string)) {
	prose := slices.Clone(d.prose)
	masked := make([]byte, len(d.src))
	for i, c := range d.src {
		if prose[i] || c == '\n' {
			masked[i] = c
		} else {
			masked[i] = ' '
		}
	}
	for _, m := range commentRE.FindAllIndex(masked, -1) {
		clear(prose[m[0]:m[1]])
	}
	// A URL runs to the next space for its reader, though GFM ends an
	// autolink at "<": https://acme.example/sign/<token> is one URL.
	for _, m := range urls(d.src) {
		clear(prose[m[0]:m[1]])
	}
	var line []byte
	for i, start := range d.lineStarts {
		end := len(d.src)
		if i+1 < len(d.lineStarts) {
			end = d.lineStarts[i+1] - 1
		}
		line, any := line[:0], false
		for j := start; j < end; {
			_, size := utf8.DecodeRune(d.src[j:end])
			if prose[j] {
				line, any = append(line, d.src[j:j+size]...), true
			} else {
				line = append(line, ' ')
			}
			j += size
		}
		if any {
			fn(d.first+i, string(line))
		}
	}
}

// urls returns the byte ranges of what a reader takes for a URL: a
// scheme and "://", or "www.", and everything up to the next space or
// quote (the end of an HTML attribute such as src="https://…").
func urls(b []byte) [][2]int {
	var found [][2]int
	end := 0 // where the last URL ended
	for i := 0; i+3 <= len(b); i++ {
		start := -1
		switch {
		case b[i] == ':' && b[i+1] == '/' && b[i+2] == '/':
			start = i
			for start > end && isSchemeByte(b[start-1]) {
				start--
			}
			if start == i || !isLetter(b[start]) {
				continue
			}
		case i+4 <= len(b) && (b[i] == 'w' || b[i] == 'W') && bytes.EqualFold(b[i:i+4], []byte("www.")) && (i == 0 || !isSchemeByte(b[i-1])):
			start = i
		default:
			continue
		}
		end = i
		for end < len(b) && !unicode.IsSpace(rune(b[end])) && b[end] != '"' && b[end] != '\'' && b[end] != '`' {
			end++
		}
		found = append(found, [2]int{start, end})
		i = end
	}
	return found
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isSchemeByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-'
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

// pos converts a byte offset of the body into a file line and a 1-based
// column counted in characters. Counting resumes from the last position
// asked for when it is earlier on the same line, so that the links of a
// long line are placed in one pass over it rather than one per link.
func (d *Doc) pos(offset int) (line, col int) {
	offset = min(max(offset, 0), len(d.src))
	i := max(sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > offset })-1, 0)
	from, col := d.lineStarts[i], 1
	if d.last.line == i && d.last.offset >= from && d.last.offset <= offset {
		from, col = d.last.offset, d.last.col
	}
	col += utf8.RuneCount(d.src[from:offset])
	d.last.offset, d.last.line, d.last.col = offset, i, col
	return d.first + i, col
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

var commentRE = regexp.MustCompile(`(?s)<!--.*?-->`)

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
