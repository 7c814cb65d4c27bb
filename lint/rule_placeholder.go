package lint

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

func init() { register(rulePlaceholder) }

var rulePlaceholder = &Rule{
	ID:       "placeholder",
	Severity: Warning,
	Summary:  "template text left in a value or in prose: TODO, TBD, FIXME, XXX, lorem ipsum, <…>, ???",
	Explain: `Finds text that marks something still to be written: the words TODO, TBD,
FIXME and XXX (upper case), "lorem ipsum", "???", and angle-bracket template
text such as <your name> or <describe the deployment>. It looks in every
string value of a document's fields and in the prose of every Markdown file
of the handover folder. Code blocks, inline code, HTML comments, link
destinations, reference definitions and URLs are not prose and are skipped.
Real HTML tags (<br>, <details>), elements closed by their closing tag
(<app-banner></app-banner>) and autolinks (<https://…>) are not template
text, nor are brackets attached to a word, which describe a shape rather
than wait to be filled in: Promise<void>, /sign/<token>, KEY=<value>,
<app>.fly.dev. A marker inside a name (XXX-large, TODO.md) is not a marker.

Fix: write the real content. "handover init" marks its templates this way
so that an unfinished document cannot pass unnoticed.`,
	Run: func(p *Pass) error {
		for _, f := range p.Folder.Files {
			if f.Doc != nil && f.Doc.Root != nil {
				walkScalars(f.Doc.Root, func(n *yaml.Node) {
					if m, col := findPlaceholder(n.Value); m != "" {
						line, col := fieldPos(f.Text, n, col)
						p.Report(At(f.Path, line, col, "placeholder %q in a field: replace it with the real value", m))
					}
				})
			}
			if f.Markdown == nil {
				continue
			}
			f.Markdown.ProseLines(func(line int, text string) {
				for _, m := range findPlaceholders(text) {
					p.Report(At(f.Path, line, m.col, "placeholder %q in the text: write the real content", m.text))
				}
			})
		}
		return nil
	},
}

var (
	placeholderRE = regexp.MustCompile(`\b(?:TODO|TBD|FIXME|XXX)\b|(?i:lorem ipsum)|\?\?\?|<[^<>\n]{1,80}>`)
	// htmlTagRE matches a tag; attribute values may be quoted, bare, or
	// JSX expressions ({…}) as in MDX that GitHub shows as HTML.
	htmlTagRE = regexp.MustCompile(`^</?([a-zA-Z][a-zA-Z0-9]*)(\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(\s*=\s*("[^"]*"|'[^']*'|\{[^<>]*\}|[^\s"'=<>` + "`" + `]+))?)*\s*/?>$`)
)

// htmlTags are the elements GitHub renders in Markdown; anything else in
// angle brackets ("<your name>") is template text.
var htmlTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "blockquote": true, "br": true, "code": true, "dd": true, "del": true,
	"details": true, "div": true, "dl": true, "dt": true, "em": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "hr": true, "i": true, "img": true, "ins": true, "kbd": true, "li": true,
	"ol": true, "p": true, "picture": true, "pre": true, "q": true, "s": true, "samp": true, "source": true,
	"span": true, "strike": true, "strong": true, "sub": true, "summary": true, "sup": true, "table": true,
	"tbody": true, "td": true, "tfoot": true, "th": true, "thead": true, "tr": true, "tt": true, "u": true,
	"ul": true, "var": true, "video": true, "mark": true, "small": true, "cite": true, "figure": true, "figcaption": true,
}

// placeholder is template text found in a string, at a 1-based column
// counted in characters.
type placeholder struct {
	text string
	col  int
}

// findPlaceholders returns the placeholders of s in order, in one pass.
func findPlaceholders(s string) []placeholder {
	if !mayHavePlaceholder(s) {
		return nil
	}
	var found []placeholder
	counted, col := 0, 1 // characters are counted once, up to each match
	for _, loc := range placeholderRE.FindAllStringIndex(s, -1) {
		m := s[loc[0]:loc[1]]
		if strings.HasPrefix(m, "<") && (!isTemplateText(m) || attached(s, loc[0], loc[1]) || closedLater(s, m, loc[1])) {
			continue
		}
		if isMarker(m) && !standsAlone(s, loc[0], loc[1]) {
			continue
		}
		col += utf8.RuneCountInString(s[counted:loc[0]])
		counted = loc[0]
		found = append(found, placeholder{m, col})
	}
	return found
}

// findPlaceholder returns the first placeholder of s and its column, or "".
func findPlaceholder(s string) (string, int) {
	if found := findPlaceholders(s); len(found) > 0 {
		return found[0].text, found[0].col
	}
	return "", 0
}

// mayHavePlaceholder is a cheap filter that skips the regular expression
// on the many lines that cannot match it.
func mayHavePlaceholder(s string) bool {
	return strings.ContainsAny(s, "<?") || strings.Contains(s, "TODO") || strings.Contains(s, "TBD") ||
		strings.Contains(s, "FIXME") || strings.Contains(s, "XXX") || strings.Contains(s, "orem") || strings.Contains(s, "OREM")
}

func isMarker(m string) bool { return m == "TODO" || m == "TBD" || m == "FIXME" || m == "XXX" }

// standsAlone reports whether the marker at s[i:j] is a word of its own,
// not part of a name: XXX-large, TODO.md, docs/TODO, FIXME-2 are names.
// "TODO:", "(TBD)" and "FIXME." at the end of a sentence are markers.
func standsAlone(s string, i, j int) bool {
	if i > 0 && strings.IndexByte("-./", s[i-1]) >= 0 {
		return false
	}
	if j < len(s) && s[j] == '-' {
		return false
	}
	return !(j+1 < len(s) && (s[j] == '.' || s[j] == '/') && isWordByte(s[j+1]))
}

// attached reports whether the brackets at s[i:j] are part of a larger
// token, as in a generic type (Promise<void>, Map<string, Envelope>), a
// URL or path template (/sign/<token>, <app>.fly.dev) or an assignment
// (TOKEN=<value>): such text describes a shape, it is not left to fill in.
func attached(s string, i, j int) bool {
	if i > 0 && (isWordByte(s[i-1]) || strings.IndexByte("/.-=:@?&#%~+$", s[i-1]) >= 0) {
		return true
	}
	if j < len(s) && isWordByte(s[j]) {
		return true
	}
	return j+1 < len(s) && strings.IndexByte("/.-:", s[j]) >= 0 && (isWordByte(s[j+1]) || s[j+1] == '<')
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// closedLater reports whether the tag m, opened at s[:j], is closed later
// in s: an element with its closing tag is HTML, even one named like
// <app-banner> (HTML custom elements have a "-" in their name).
func closedLater(s, m string, j int) bool {
	name := tagName.FindString(m[1:])
	return name != "" && strings.Contains(s[j:], "</"+name+">")
}

var tagName = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]*`)

func isTemplateText(m string) bool {
	inner := strings.TrimSpace(m[1 : len(m)-1])
	if inner == "" || strings.HasPrefix(inner, "!--") || strings.Contains(inner, "://") ||
		strings.HasPrefix(inner, "mailto:") || (strings.Contains(inner, "@") && !strings.Contains(inner, " ")) {
		return false
	}
	if sub := htmlTagRE.FindStringSubmatch(m); sub != nil && htmlTags[strings.ToLower(sub[1])] {
		return false
	}
	// "<-" arrows, "< 5 ms" comparisons: not words in brackets.
	r, _ := utf8.DecodeRuneInString(inner)
	return r == '…' || r == '.' || r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
}

// fieldPos returns the file position of the col-th character of a
// scalar's value: inside a literal block, after the quote of a quoted
// scalar, at the scalar itself when it is folded or spans lines.
func fieldPos(text []byte, n *yaml.Node, col int) (line, column int) {
	switch {
	case n.Style&yaml.LiteralStyle != 0:
		return literalPos(text, n, col)
	case n.Style&yaml.FoldedStyle == 0 && !strings.Contains(n.Value, "\n"):
		return n.Line, n.Column + col - 1 + quoteOffset(n)
	}
	return n.Line, n.Column
}

// literalPos returns the file position of the col-th character of a
// literal block scalar (|): each line of its value is a file line after the
// indicator, less the block's indentation. It falls back to the indicator.
func literalPos(text []byte, n *yaml.Node, col int) (line, column int) {
	before := string([]rune(n.Value)[:col-1])
	i := strings.Count(before, "\n")
	start := strings.LastIndexByte(before, '\n') + 1
	valueLine, _, _ := strings.Cut(n.Value[start:], "\n")
	fileLines := strings.Split(string(text), "\n")
	if idx := n.Line + i; idx < len(fileLines) && strings.HasSuffix(fileLines[idx], valueLine) {
		indent := utf8.RuneCountInString(fileLines[idx]) - utf8.RuneCountInString(valueLine)
		return idx + 1, indent + utf8.RuneCountInString(before[start:]) + 1
	}
	return n.Line, n.Column
}

// quoteOffset is 1 for a quoted scalar, whose column is that of the quote.
func quoteOffset(n *yaml.Node) int {
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		return 1
	}
	return 0
}

// walkScalars calls fn for every scalar value (not key) under n.
func walkScalars(n *yaml.Node, fn func(*yaml.Node)) {
	switch n.Kind {
	case yaml.ScalarNode:
		fn(n)
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			walkScalars(n.Content[i], fn)
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		for _, c := range n.Content {
			walkScalars(c, fn)
		}
	}
}
