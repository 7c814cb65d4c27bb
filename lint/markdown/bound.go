package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// goldmark is linear on ordinary Markdown but not on every input: measured
// at 1 MiB, ">" repeated on one line takes minutes (each nested block
// quote re-checks all the others), and so do paragraphs of unmatched
// openers ("[a](" and "]([" repeated, "[[[…]]]", "`" runs with no
// closer, "*a_b*c_d**…"): each opener rescans the rest of the paragraph,
// or walks every earlier one. So Parse does not hand it such input. Lines
// nested too deep, and paragraphs whose estimated parsing work exceeds a
// budget, are blanked before parsing (keeping every line, so positions
// stay true) and listed in Doc.Skipped; the linter reports them.
const (
	// maxNesting bounds the block quote and list markers a line may open.
	maxNesting = 32
	// maxIndent bounds the indentation, in columns, of a line that opens
	// a list item or block quote: nesting lists by indentation alone
	// costs as much as nesting markers on one line.
	maxIndent = 2 * maxNesting
	// maxParagraphWork bounds the estimated inline parsing work of one
	// paragraph, in bytes scanned (see estimator): the largest estimate
	// among the 1,859 Markdown files of the Prettier, Hugo, NestJS and
	// tRPC docs is 53,376.
	maxParagraphWork = 1 << 22
	// maxWork bounds the estimated work of a whole body, and the bytes
	// the estimates may scan: at about 10 ns a unit, a third of a second.
	// The largest among those files is 4.5 million (Prettier's changelog).
	maxWork = 1 << 25
)

// Skipped is a range of lines that was not parsed, and why.
type Skipped struct {
	// Line and EndLine are the first and last file lines of the range.
	Line, EndLine int
	Reason        string
}

// Message says which lines were not checked, why, and what to do.
func (s Skipped) Message() string {
	lines := fmt.Sprintf("line %d was", s.Line)
	if s.EndLine > s.Line {
		lines = fmt.Sprintf("lines %d-%d were", s.Line, s.EndLine)
	}
	return lines + " not checked for links and placeholders: " + s.Reason
}

const (
	reasonNesting = "they nest block quotes, lists or indentation deeper than the Markdown parser handles in reasonable time (32 levels); flatten them"
	reasonWork    = "a paragraph with this many unmatched brackets, backticks, angle brackets or emphasis marks would take the Markdown parser minutes; split it, or put the text in a fenced code block"
)

// blockParser finds the blocks of a body without parsing their inline
// content, so that the cost of parsing it can be estimated first.
var blockParser = parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...))

// bound returns body with the lines goldmark must not be given blanked
// (emptied, their line ends kept), and the ranges it blanked, in order.
// It returns body itself when nothing was blanked.
func bound(body []byte, firstLine int) ([]byte, []Skipped) {
	starts := lineOffsets(body)
	skip := make([]string, len(starts)) // the reason a line is skipped, by index
	any := false
	for i, start := range starts {
		if tooDeep(body[start:lineEnd(body, starts, i)]) {
			skip[i], any = reasonNesting, true
		}
	}
	work := body
	if any {
		work = blank(body, starts, skip)
	}
	if whole := (estimator{p: work, limit: maxParagraphWork}); whole.inlineWork() > maxParagraphWork {
		for _, p := range costlyParagraphs(work, starts) {
			for i := p[0]; i <= p[1]; i++ {
				if skip[i] == "" {
					skip[i], any = reasonWork, true
				}
			}
		}
	}
	if !any {
		return body, nil
	}
	var skipped []Skipped
	for i, reason := range skip {
		switch {
		case reason == "":
		case len(skipped) > 0 && skipped[len(skipped)-1].EndLine == firstLine+i-1 && skipped[len(skipped)-1].Reason == reason:
			skipped[len(skipped)-1].EndLine++
		default:
			skipped = append(skipped, Skipped{Line: firstLine + i, EndLine: firstLine + i, Reason: reason})
		}
	}
	return blank(body, starts, skip), skipped
}

func lineEnd(b []byte, starts []int, i int) int {
	if i+1 < len(starts) {
		return starts[i+1] - 1
	}
	return len(b)
}

// blank returns a copy of b without the content of the lines that have a
// reason to be skipped.
func blank(b []byte, starts []int, skip []string) []byte {
	out := make([]byte, 0, len(b))
	for i, start := range starts {
		end := lineEnd(b, starts, i)
		if skip[i] == "" {
			out = append(out, b[start:end]...)
		}
		if end < len(b) {
			out = append(out, '\n')
		}
	}
	return out
}

// tooDeep reports whether a line opens more than maxNesting block quotes
// and list items, or opens one after more than maxIndent columns of
// indentation.
func tooDeep(line []byte) bool {
	depth, col, i := 0, 0, 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ':
			col++
			i++
			continue
		case c == '\t':
			col += 4 - col%4
			i++
			continue
		case c == '>':
			i++
		case (c == '-' || c == '+' || c == '*') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 10 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || (line[j] != '.' && line[j] != ')') || (j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t') {
				return false
			}
			i = j + 1
		default:
			return false
		}
		if depth++; depth > maxNesting || col > maxIndent {
			return true
		}
		col++
	}
	return false
}

// costlyParagraphs returns the line ranges of the paragraphs and headings
// of body that must be skipped: those whose estimated inline parsing work
// exceeds maxParagraphWork, or what is left of maxWork after the
// paragraphs before them. Estimating scans too, so it has a budget of its
// own: past it, every paragraph that needs more than a plain pass is
// skipped.
func costlyParagraphs(body []byte, starts []int) [][2]int {
	root := blockParser.Parse(text.NewReader(body))
	var skipped [][2]int
	accepted, scanLeft := 0, maxWork
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
		default:
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		if lines.Len() == 0 {
			return ast.WalkSkipChildren, nil
		}
		var content []byte
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			content = append(content, seg.Value(body)...)
		}
		left := min(maxParagraphWork, maxWork-accepted)
		e := estimator{p: content, limit: min(left, len(content)+scanLeft)}
		work := e.inlineWork()
		scanLeft -= max(0, min(work, e.limit)-len(content))
		if work > left {
			skipped = append(skipped, [2]int{lineIndex(starts, lines.At(0).Start), lineIndex(starts, lines.At(lines.Len()-1).Start)})
		} else {
			accepted += work
		}
		return ast.WalkSkipChildren, nil
	})
	return skipped
}

func lineIndex(starts []int, offset int) int {
	i, found := slices.BinarySearch(starts, offset)
	if !found {
		i--
	}
	return max(i, 0)
}

// estimator estimates, from above, how many bytes goldmark's inline
// parsers scan in a paragraph p: each opener that does not find its
// closer soon rescans what follows it (code spans, link destinations and
// titles, raw HTML, reference definitions), each "]" walks the open "["
// before it and, when it ends no inline link, every line of the
// paragraph, and each emphasis mark may walk back over all earlier ones.
// Every byte the estimator itself scans beyond a plain pass is counted in
// work, and it stops once work exceeds limit, so it runs in time linear
// in len(p) + limit.
type estimator struct {
	p     []byte
	work  int
	limit int
}

// inlineWork returns the estimate, or a number above limit.
func (e *estimator) inlineWork() int {
	e.work = len(e.p)
	for _, part := range []func(){e.codeSpans, e.links, e.angles, e.emphasis, e.definitions} {
		if e.over() {
			break
		}
		part()
	}
	return e.work
}

func (e *estimator) over() bool { return e.work > e.limit }

// scanTo returns the index of the next c at or after i, or len(p), and
// counts the bytes it passed.
func (e *estimator) scanTo(i int, c byte) int {
	j := min(i, len(e.p))
	for ; j < len(e.p) && e.p[j] != c && !e.over(); j++ {
		e.work++
	}
	if e.over() {
		return len(e.p)
	}
	return j
}

// codeSpans: a run of n backticks scans for the next run of exactly n.
// A backslash escapes the first backtick of an opening run, but not of a
// closing one: inside a code span a backslash is literal.
func (e *estimator) codeSpans() {
	type waiting struct{ count, sum int } // openers waiting for a run of one length
	pending := map[int]*waiting{}
	p := e.p
	for i := 0; i < len(p); {
		k := bytes.IndexByte(p[i:], '`')
		if k < 0 {
			break
		}
		i += k
		j := i
		for j < len(p) && p[j] == '`' {
			j++
		}
		if w := pending[j-i]; w != nil {
			e.work += w.count*i - w.sum
			delete(pending, j-i)
		}
		opener := j - i
		if escaped(p, i) {
			opener--
		}
		if opener > 0 {
			w := pending[opener]
			if w == nil {
				w = &waiting{}
				pending[opener] = w
			}
			w.count++
			w.sum += i
		}
		i = j
	}
	for _, w := range pending {
		e.work += w.count*len(p) - w.sum
	}
}

// lineWalk is the cost of one step of goldmark's walk over the lines of a
// paragraph (text.blockReader.Value) in bytes scanned: measured, a step
// takes about as long as scanning eight bytes.
const lineWalk = 8

// links: each "]" walks the stack of open "[" and copies the label; an
// inline link scans its destination and title; a "]" that ends no inline
// link looks the label up in a way that walks the paragraph's lines.
func (e *estimator) links() {
	p := e.p
	linesAfter := bytes.Count(p, []byte{'\n'})
	var open []int
	for i := 0; i < len(p) && !e.over(); i++ {
		switch p[i] {
		case '\n':
			linesAfter--
		case '\\':
			i++
		case '[':
			open = append(open, i)
		case ']':
			if len(open) == 0 {
				continue
			}
			label := open[len(open)-1]
			open = open[:len(open)-1]
			e.work += len(open) + 1 + i - label
			if i+1 < len(p) && p[i+1] == '(' && e.inlineLink(i+2) {
				continue
			}
			if i+1 < len(p) && p[i+1] == '[' {
				e.scanTo(i+2, ']')
			}
			e.work += lineWalk * (linesAfter + 1)
		}
	}
}

// inlineLink scans what follows "](" at i, a destination, an optional
// title and ")", and reports whether they form a link.
func (e *estimator) inlineLink(i int) bool {
	p := e.p
	i = skipSpace(p, i)
	if i < len(p) && p[i] == '<' {
		i = e.scanTo(i, '>') + 1
	} else {
		depth := 0
	dest:
		for ; i < len(p) && !e.over(); i++ {
			e.work++
			switch p[i] {
			case '\\':
				i++
			case '(':
				depth++
			case ')':
				if depth--; depth < 0 {
					break dest
				}
			case ' ', '\t', '\n':
				break dest
			}
		}
	}
	i = skipSpace(p, i)
	if i < len(p) && (p[i] == '"' || p[i] == '\'' || p[i] == '(') {
		closer := p[i]
		if closer == '(' {
			closer = ')'
		}
		i = skipSpace(p, e.scanTo(i+1, closer)+1)
	}
	return i < len(p) && p[i] == ')'
}

// escaped reports whether p[i] follows an odd number of backslashes.
func escaped(p []byte, i int) bool {
	n := 0
	for i-n-1 >= 0 && p[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

func skipSpace(p []byte, i int) int {
	for i < len(p) && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n') {
		i++
	}
	return i
}

// angles: each "<" scans for the end of the raw HTML or autolink it might
// start: "-->" for a comment, "?>" for a processing instruction, "]]>"
// for CDATA, otherwise ">". The ends are found by cursors that only move
// forward, so this part stays linear.
func (e *estimator) angles() {
	ends := []struct {
		open, close string
		at          int
	}{{"<!--", "-->", 0}, {"<?", "?>", 0}, {"<![CDATA[", "]]>", 0}, {"<", ">", 0}}
	p := e.p
	for i := 0; i < len(p); i++ {
		if p[i] != '<' {
			continue
		}
		for k := range ends {
			end := &ends[k]
			if !hasPrefixAt(p, i, end.open) {
				continue
			}
			end.at = max(end.at, i)
			for end.at < len(p) && !hasPrefixAt(p, end.at, end.close) {
				end.at++
			}
			e.work += end.at - i
			break
		}
	}
}

func hasPrefixAt(p []byte, i int, s string) bool {
	return len(p)-i >= len(s) && string(p[i:i+len(s)]) == s
}

// emphasis replays goldmark's processing of emphasis and strikethrough
// delimiters (parser.ProcessDelimiters): each closer walks back over the
// delimiters before it until one can open it, and one that finds none
// stays when it may open. Runs that can neither open nor close, such as
// the "_" of snake_case, stay in the list and lengthen every walk. The
// work is the number of delimiters walked over.
func (e *estimator) emphasis() {
	ds := scanDelimiters(e.p)
	remove := func(i int) {
		d := &ds[i]
		if d.prev >= 0 {
			ds[d.prev].next = d.next
		}
		if d.next >= 0 {
			ds[d.next].prev = d.prev
		}
	}
	closer := 0
	if len(ds) == 0 {
		closer = -1
	}
	for closer >= 0 && !e.over() {
		c := &ds[closer]
		if !c.canClose {
			closer = c.next
			continue
		}
		opener, consume, maybe := -1, 0, false
		for o := c.prev; o >= 0; o = ds[o].prev {
			e.work++
			if ds[o].canOpen && ds[o].char == c.char {
				maybe = true
				if consume = ds[o].consumption(c); consume > 0 {
					opener = o
					break
				}
			}
		}
		if opener < 0 {
			next := c.next
			if !maybe && !c.canOpen {
				remove(closer)
			}
			closer = next
			continue
		}
		o := &ds[opener]
		o.length -= consume
		c.length -= consume
		for between := o.next; between != closer; between = ds[between].next {
			e.work++
			remove(between)
		}
		if o.length == 0 {
			remove(opener)
		}
		if c.length == 0 {
			next := c.next
			remove(closer)
			closer = next
		}
	}
}

// delimiter is a run of "*", "_" or "~" as goldmark's ScanDelimiter sees
// it, in a list linked by index.
type delimiter struct {
	char              byte
	length, original  int
	canOpen, canClose bool
	prev, next        int
}

func (d *delimiter) consumption(closer *delimiter) int {
	if (d.canClose || closer.canOpen) && (d.original+closer.original)%3 == 0 && closer.original%3 != 0 {
		return 0
	}
	if d.length >= 2 && closer.length >= 2 {
		return 2
	}
	return 1
}

// scanDelimiters finds the delimiter runs of p, with CommonMark's
// flanking rules for whether each may open or close; escaped marks are
// not delimiters.
func scanDelimiters(p []byte) []delimiter {
	var ds []delimiter
	for i := 0; i < len(p); {
		k := bytes.IndexAny(p[i:], "*_~\\")
		if k < 0 {
			break
		}
		i += k
		c := p[i]
		if c == '\\' {
			if i+1 < len(p) && util.IsPunct(p[i+1]) {
				i++ // an escaped mark is not a delimiter
			}
			i++
			continue
		}
		j := i
		for j < len(p) && p[j] == c {
			j++
		}
		before, after := ' ', ' '
		if i > 0 {
			before, _ = utf8.DecodeLastRune(p[:i])
		}
		if j < len(p) {
			after, _ = utf8.DecodeRune(p[j:])
		}
		beforePunct, beforeSpace := util.IsPunctRune(before), util.IsSpaceRune(before)
		afterPunct, afterSpace := util.IsPunctRune(after), util.IsSpaceRune(after)
		left := !afterSpace && (!afterPunct || beforeSpace || beforePunct)
		right := !beforeSpace && (!beforePunct || afterSpace || afterPunct)
		d := delimiter{char: c, length: j - i, original: j - i, canOpen: left, canClose: right, prev: len(ds) - 1, next: -1}
		if c == '_' {
			d.canOpen = left && (!right || beforePunct)
			d.canClose = right && (!left || afterPunct)
		}
		if len(ds) > 0 {
			ds[len(ds)-1].next = len(ds)
		}
		ds = append(ds, d)
		i = j
	}
	return ds
}

// definitions: link reference definitions at the start of a paragraph
// are taken off one at a time, each copying the lines that remain, and
// each scans for its label's "]", its destination and its title.
func (e *estimator) definitions() {
	p := e.p
	starts := lineOffsets(p)
	for k, start := range starts {
		i := start
		for i < len(p) && i-start < 3 && p[i] == ' ' {
			i++
		}
		if i >= len(p) || p[i] != '[' || e.over() {
			return
		}
		e.work += len(starts) - k
		j := e.scanTo(i, ']')
		if j+1 >= len(p) || p[j+1] != ':' {
			return
		}
		e.inlineLink(j + 2)
	}
}
