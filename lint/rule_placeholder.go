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
of the handover folder. Code blocks, inline code and HTML comments are not
prose and are skipped; real HTML tags (<br>, <details>) and autolinks
(<https://…>) are not template text.

Fix: write the real content. "handover init" marks its templates this way
so that an unfinished document cannot pass unnoticed.`,
	Run: func(p *Pass) error {
		for _, f := range p.Folder.Files {
			if f.Doc != nil && f.Doc.Root != nil {
				walkScalars(f.Doc.Root, func(n *yaml.Node) {
					m, col := findPlaceholder(n.Value)
					if m == "" {
						return
					}
					line, at := n.Line, n.Column
					switch {
					case n.Style&yaml.LiteralStyle != 0:
						line, at = literalPos(f.Text, n, col)
					case n.Style&yaml.FoldedStyle == 0 && !strings.Contains(n.Value, "\n"):
						at += col - 1 + quoteOffset(n)
					}
					p.Report(At(f.Path, line, at, "placeholder %q in a field: replace it with the real value", m))
				})
			}
			if f.Markdown == nil {
				continue
			}
			f.Markdown.ProseLines(func(line int, text string) {
				rest, offset := text, 0
				for {
					m, col := findPlaceholder(rest)
					if m == "" {
						return
					}
					p.Report(At(f.Path, line, offset+col, "placeholder %q in the text: write the real content", m))
					cut := strings.Index(rest, m) + len(m)
					offset += utf8.RuneCountInString(rest[:cut])
					rest = rest[cut:]
				}
			})
		}
		return nil
	},
}

var (
	placeholderRE = regexp.MustCompile(`\b(?:TODO|TBD|FIXME|XXX)\b|(?i:lorem ipsum)|\?\?\?|<[^<>\n]{1,80}>`)
	htmlTagRE     = regexp.MustCompile(`^</?([a-zA-Z][a-zA-Z0-9]*)(\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?)*\s*/?>$`)
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

// findPlaceholder returns the first placeholder in s and its 1-based
// character column, or "".
func findPlaceholder(s string) (string, int) {
	if !mayHavePlaceholder(s) {
		return "", 0
	}
	for _, loc := range placeholderRE.FindAllStringIndex(s, -1) {
		m := s[loc[0]:loc[1]]
		if strings.HasPrefix(m, "<") && !isTemplateText(m) {
			continue
		}
		return m, utf8.RuneCountInString(s[:loc[0]]) + 1
	}
	return "", 0
}

// mayHavePlaceholder is a cheap filter that skips the regular expression
// on the many lines that cannot match it.
func mayHavePlaceholder(s string) bool {
	return strings.ContainsAny(s, "<?") || strings.Contains(s, "TODO") || strings.Contains(s, "TBD") ||
		strings.Contains(s, "FIXME") || strings.Contains(s, "XXX") || strings.Contains(s, "orem") || strings.Contains(s, "OREM")
}

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
