package yamldoc

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Parse parses one YAML (or JSON) document whose first line is line
// firstLine of the file, and returns its root node with every position
// shifted to file lines. An empty document returns nil and no error.
func Parse(text []byte, firstLine int) (root *yaml.Node, perr *Error) {
	defer func() {
		// yaml.v3 has panicked on hostile input in the past; a document
		// must never take the linter down with it.
		if r := recover(); r != nil {
			root, perr = nil, errorf(firstLine, 1, "YAML parser failed on this document: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(text))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, yamlError(text, firstLine, err)
	}
	var second yaml.Node
	if err := dec.Decode(&second); !errors.Is(err, io.EOF) {
		line := firstLine
		if err == nil {
			line += second.Line - 1
		}
		return nil, errorf(line, 1, "more than one YAML document: a handover document is a single mapping, remove the extra --- separator")
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root = doc.Content[0]
	if err := check(root, firstLine-1, bytes.Count(text, []byte("\n"))+1, 1); err != nil {
		return nil, err
	}
	return root, nil
}

// check shifts node positions by shift lines and rejects duplicate keys and
// nesting deeper than MaxDepth. Alias nodes are not followed: their targets
// are visited where they are defined. yaml.v3 places an implicit null (the
// value of a lone "---" or "? key") on the line after it, which may be past
// the last line of the text: such a node is moved to the last line.
func check(n *yaml.Node, shift, last, depth int) *Error {
	if n.Line > last {
		n.Line, n.Column = last, 1
	}
	n.Line += shift
	if depth > MaxDepth && (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) {
		return errorf(n.Line, n.Column, "nesting is deeper than %d levels", MaxDepth)
	}
	for _, c := range n.Content {
		if err := check(c, shift, last, depth+1); err != nil {
			return err
		}
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			return errorf(k.Line, k.Column, "a mapping key must be a plain value, not a list or a mapping")
		}
		if k.ShortTag() == "!!merge" {
			continue
		}
		if first, dup := seen[k.Value]; dup {
			return errorf(k.Line, k.Column, "duplicate key %q (first defined at line %d): keep one of them", k.Value, first.Line)
		}
		seen[k.Value] = k
	}
	return nil
}

var (
	lineRE   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	anchorRE = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// yamlError turns a yaml.v3 error, which carries at most a line, into an
// *Error with a line and column in the file and a message a person can act on.
func yamlError(text []byte, firstLine int, err error) *Error {
	msg := err.Error()
	if m := anchorRE.FindStringSubmatch(msg); m != nil {
		line, col := find(text, "*"+m[1])
		return errorf(firstLine+line-1, col, "alias *%s refers to no anchor &%s defined before it", m[1], m[1])
	}
	m := lineRE.FindStringSubmatch(msg)
	if m == nil {
		return errorf(firstLine, 1, "invalid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
	}
	line, _ := strconv.Atoi(m[1])
	if line < 1 {
		line = 1
	}
	// yaml.v3 may name the line before the tab, where the token it was
	// reading started.
	if strings.Contains(m[2], "tab character") {
		if l := nthLine(text, line); l != nil && !bytes.Contains(indentOf(l), []byte("\t")) {
			if next := nthLine(text, line+1); next != nil && bytes.Contains(indentOf(next), []byte("\t")) {
				line++
			}
		}
	}
	col := 1
	if l := nthLine(text, line); l != nil {
		indent := indentOf(l)
		if i := bytes.IndexByte(indent, '\t'); i >= 0 {
			return errorf(firstLine+line-1, i+1, "tab character used for indentation: YAML indents with spaces only")
		}
		col = len(indent) + 1
	}
	return errorf(firstLine+line-1, col, "invalid YAML: %s", m[2])
}

// indentOf returns the leading blanks of a line.
func indentOf(l []byte) []byte {
	return l[:len(l)-len(bytes.TrimLeft(l, " \t"))]
}

// nthLine returns line n (1-based) of text, or nil.
func nthLine(text []byte, n int) []byte {
	for i := 1; len(text) > 0; i++ {
		l, rest, _ := cutLine(text)
		if i == n {
			return l
		}
		text = rest
	}
	return nil
}

// find returns the 1-based line and column of the first occurrence of s.
func find(text []byte, s string) (line, col int) {
	i := bytes.Index(text, []byte(s))
	if i < 0 {
		return 1, 1
	}
	before := text[:i]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, len([]rune(string(before[start:]))) + 1
}
