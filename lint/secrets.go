package lint

import (
	"bytes"
	"slices"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/lint/secret"
)

// quotedSecrets returns the credentials that only the decoded values of a
// document's double-quoted strings show: a token split by a backslash
// line continuation or written with escapes ("\x67hp_…"), which the scan
// of the file's text (found, sorted by offset) cannot see. Each is placed
// at its string. A kind that the scan found in the string's text, such as
// a password with an escaped quote in it, is not reported twice. The
// strings do not overlap, so the work is linear in the size of the text.
func quotedSecrets(text []byte, root *yaml.Node, found []secret.Match) []secret.Match {
	if root == nil || bytes.IndexByte(text, '\\') < 0 {
		return nil
	}
	lineStarts := []int{0}
	for i, c := range text {
		if c == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	var decoded []secret.Match
	var walk func(key, n *yaml.Node)
	walk = func(key, n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i], n.Content[i+1])
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(nil, c)
			}
		case yaml.ScalarNode:
			if n.Style&yaml.DoubleQuotedStyle == 0 || n.Line < 1 || n.Line > len(lineStarts) {
				return
			}
			start, end := quotedSpan(text, lineStarts[n.Line-1], n.Column)
			if bytes.IndexByte(text[start:end], '\\') < 0 {
				return
			}
			var k []byte
			if key != nil {
				k = []byte(key.Value)
			}
			seen := kindsIn(found, start, end)
			for _, m := range secret.ScanDecoded(k, []byte(n.Value), n.Line, n.Column) {
				if !seen[m.Kind] {
					decoded = append(decoded, m)
				}
			}
		}
	}
	walk(nil, root)
	return decoded
}

// quotedSpan returns the byte range of the double-quoted string whose
// opening quote is at column col of the line that starts at offset
// lineStart, quotes included; it is empty when no quote is there.
func quotedSpan(text []byte, lineStart, col int) (start, end int) {
	start = lineStart
	for i := 1; i < col && start < len(text) && text[start] != '\n'; i++ {
		_, size := utf8.DecodeRune(text[start:])
		start += size
	}
	if start >= len(text) || text[start] != '"' {
		return start, start
	}
	for end = start + 1; end < len(text); end++ {
		switch text[end] {
		case '\\':
			end++
		case '"':
			return start, end + 1
		}
	}
	return start, len(text)
}

// kindsIn returns the kinds of the matches that start between the byte
// offsets start and end.
func kindsIn(found []secret.Match, start, end int) map[string]bool {
	i, _ := slices.BinarySearchFunc(found, start, func(m secret.Match, off int) int { return m.Start - off })
	kinds := map[string]bool{}
	for ; i < len(found) && found[i].Start < end; i++ {
		kinds[found[i].Kind] = true
	}
	return kinds
}
