// Package gitattributes reads gitattributes files and looks attributes up
// for a path as git does (gitattributes(5)): patterns matched as git
// matches them (wildmatch), the files of deeper folders and later lines
// first, macros such as the built-in "binary" expanded. It imports nothing
// of the module; the history package asks it for the diff attribute, which
// decides whether git counts a file's lines.
package gitattributes

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/handover-dev/handover/lint/history/wildmatch"
)

// Kind is how a line sets an attribute.
type Kind uint8

const (
	// Unspecified: no line says anything, or one says "!name".
	Unspecified Kind = iota
	// Set: "name".
	Set
	// Unset: "-name".
	Unset
	// Value: "name=value".
	Value
)

// State is an attribute's state for a path.
type State struct {
	Kind  Kind
	Value string
}

type assignment struct {
	name  string
	state State
}

// rule is a line that gives a pattern's paths attributes.
type rule struct {
	pattern string // without the trailing '/' and the leading one
	// literal is the length of pattern's leading part without wildcards;
	// anchored patterns start with '/', which literal counts.
	literal           int
	basename, dirOnly bool
	attrs             []assignment
}

// File is one gitattributes file, read for the folder it sits in.
type File struct {
	dir    string // the file's folder, "" for the top
	rules  []rule
	macros map[string][]assignment
}

// Git's limits: longer lines and bigger files are ignored, with a
// warning.
const (
	maxLineLength = 2048
	maxFileSize   = 100 << 20
)

const blank = " \t\r\n"

// Parse reads a gitattributes file that applies to the folder dir ("" for
// the top of the repository or for $GIT_DIR/info/attributes, "a/b" for
// a/b/.gitattributes). Macros ("[attr]name …") count only in top-level
// files, as in git. Lines git ignores with a warning are ignored too.
func Parse(data []byte, dir string) *File {
	f := &File{dir: dir}
	if len(data) > maxFileSize {
		return f
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for line := range bytes.Lines(data) {
		line = bytes.TrimSuffix(line, []byte("\n"))
		if i := bytes.IndexByte(line, 0); i >= 0 {
			// git reads each line as a C string.
			line = line[:i]
		}
		if len(line) < maxLineLength {
			f.parseLine(string(line))
		}
	}
	return f
}

func (f *File) parseLine(line string) {
	line = strings.TrimLeft(line, blank)
	if line == "" || line[0] == '#' {
		return
	}
	var name, rest string
	if unquoted, after, ok := unquote(line); ok {
		name, rest = unquoted, after
	} else {
		n := strcspn(line, blank)
		name, rest = line[:n], line[n:]
	}
	macro := ""
	if len(name) > len("[attr]") && strings.HasPrefix(name, "[attr]") {
		if f.dir != "" {
			return // git: "[attr]… not allowed"
		}
		macro = strings.TrimLeft(name[len("[attr]"):], blank)
		macro = macro[:strcspn(macro, blank)]
		if !validName(macro) {
			return
		}
	}
	attrs, ok := parseAttrs(strings.TrimLeft(rest, blank))
	if !ok {
		return
	}
	if macro != "" {
		if f.macros == nil {
			f.macros = map[string][]assignment{}
		}
		f.macros[macro] = attrs
		return
	}
	if strings.HasPrefix(name, "!") {
		return // git: "Negative patterns are ignored in git attributes"
	}
	r := rule{attrs: attrs}
	if strings.HasSuffix(name, "/") {
		name = name[:len(name)-1]
		r.dirOnly = true
	}
	r.basename = !strings.Contains(name, "/")
	r.literal = wildmatch.LiteralLen(name)
	r.pattern = name
	f.rules = append(f.rules, r)
}

// parseAttrs reads a line's attributes; ok is false when one of them has
// a name git refuses, which makes git ignore the whole line.
func parseAttrs(s string) (attrs []assignment, ok bool) {
	for s != "" {
		n := strcspn(s, blank)
		word := s[:n]
		s = strings.TrimLeft(s[n:], blank)
		a := assignment{state: State{Kind: Set}}
		switch {
		case word[0] == '-':
			a.state.Kind, word = Unset, word[1:]
		case word[0] == '!':
			a.state.Kind, word = Unspecified, word[1:]
		}
		if i := strings.IndexByte(word, '='); i >= 0 {
			if a.state.Kind == Set {
				a.state = State{Kind: Value, Value: word[i+1:]}
			}
			word = word[:i]
		}
		if !validName(word) {
			return nil, false
		}
		a.name = word
		attrs = append(attrs, a)
	}
	return attrs, true
}

// validName is git's attr_name_valid: [-._0-9A-Za-z], not starting with '-'.
func validName(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '-' || c == '.' || c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// unquote reads a C-quoted pattern ("a\tb" …) at the start of line, as
// git's unquote_c_style; ok is false when line does not start with a
// well-formed one, and git then reads the line unquoted.
func unquote(line string) (s, rest string, ok bool) {
	if line == "" || line[0] != '"' {
		return "", "", false
	}
	var b strings.Builder
	for i := 1; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"':
			return b.String(), line[i+1:], true
		case c != '\\':
			b.WriteByte(c)
			continue
		}
		if i++; i >= len(line) {
			return "", "", false
		}
		switch c = line[i]; c {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '\\', '"':
			b.WriteByte(c)
		case '0', '1', '2', '3':
			if i+2 >= len(line) {
				return "", "", false
			}
			n, err := strconv.ParseUint(line[i:i+3], 8, 8)
			if err != nil {
				return "", "", false
			}
			b.WriteByte(byte(n))
			i += 2
		default:
			return "", "", false
		}
	}
	return "", "", false
}

func strcspn(s, chars string) int {
	if i := strings.IndexAny(s, chars); i >= 0 {
		return i
	}
	return len(s)
}

// matches reports whether the rule applies to the file at path, which
// lies in the file's folder dir, as git's path_matches does for a file.
func (r *rule) matches(path, dir string, b *Budget) bool {
	if r.dirOnly {
		return false // a folder's attributes are not its files'
	}
	name := path
	if dir != "" {
		if !strings.HasPrefix(path, dir+"/") {
			return false
		}
		name = path[len(dir)+1:]
	}
	if r.basename {
		base := name[strings.LastIndexByte(name, '/')+1:]
		switch {
		case r.literal == len(r.pattern):
			return base == r.pattern
		case r.pattern[0] == '*' && wildmatch.LiteralLen(r.pattern[1:]) == len(r.pattern)-1:
			return strings.HasSuffix(base, r.pattern[1:])
		}
		return b.match(r.pattern, base, false)
	}
	pattern, literal := r.pattern, r.literal
	if pattern[0] == '/' {
		pattern, literal = pattern[1:], literal-1
	}
	if literal > len(name) || pattern[:literal] != name[:literal] {
		return false
	}
	if literal == len(pattern) {
		return literal == len(name)
	}
	return b.match(pattern[literal:], name[literal:], true)
}

// Budget bounds the matching work of many lookups: git backtracks
// without end on some patterns, and a hostile file of many of them must
// not hold a check up. A match gets at most wildmatch.MaxSteps steps and
// what is left; once the budget is spent, no pattern matches.
type Budget struct{ steps int }

// NewBudget allows steps steps of matching.
func NewBudget(steps int) *Budget { return &Budget{steps} }

func (b *Budget) match(pattern, text string, pathname bool) bool {
	if b.steps <= 0 {
		return false
	}
	matched, spent := wildmatch.Match(pattern, text, pathname, min(wildmatch.MaxSteps, b.steps))
	b.steps -= spent
	return matched
}

// builtin are git's built-in macros.
var builtin = map[string][]assignment{
	"binary": {{"diff", State{Kind: Unset}}, {"merge", State{Kind: Unset}}, {"text", State{Kind: Unset}}},
}

// Lookup gives the state of the attribute name for the file at path, from
// files in increasing priority: the top folder's first, then each folder
// down to the path's own, then $GIT_DIR/info/attributes. As in git, the
// last line that says anything about the attribute wins, with macros
// expanded where they are set. Matching spends b.
func Lookup(files []*File, path, name string, b *Budget) State {
	macros := map[string][]assignment{}
	for k, v := range builtin {
		macros[k] = v
	}
	for _, f := range files {
		for k, v := range f.macros {
			macros[k] = v
		}
	}
	known := map[string]State{}
	var fill func(attrs []assignment)
	fill = func(attrs []assignment) {
		for i := len(attrs) - 1; i >= 0; i-- {
			a := attrs[i]
			if _, ok := known[a.name]; ok {
				continue
			}
			known[a.name] = a.state
			if m, ok := macros[a.name]; ok && a.state.Kind == Set {
				fill(m)
			}
		}
	}
	for i := len(files) - 1; i >= 0; i-- {
		f := files[i]
		for j := len(f.rules) - 1; j >= 0; j-- {
			if r := &f.rules[j]; r.matches(path, f.dir, b) {
				fill(r.attrs)
			}
		}
	}
	return known[name]
}
