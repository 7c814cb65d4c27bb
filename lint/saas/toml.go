package saas

import (
	"bytes"
	"strings"
)

// tomlEvent is what walkTOML reports: a table header, a key at the top of a
// table, or a string literal anywhere in a value.
type tomlEvent struct {
	kind  tomlKind
	table string // enclosing table, dotted, quotes removed: "target.cfg(unix).dependencies"
	key   string // the top-level key whose value this is (for kind tomlString)
	inner string // for a string inside an inline table: its key there
	text  string // header name, key or raw string content
	off   int    // byte offset of text
	last  int    // byte offset of the last dotted part of a header or key
	depth int    // nesting of arrays and inline tables around a string
}

type tomlKind int

const (
	tomlHeader tomlKind = iota
	tomlKey
	tomlString
)

// walkTOML is a small tolerant TOML reader: it knows enough of the syntax
// (comments, all four string forms, nested arrays and inline tables, dotted
// and quoted keys) to report where keys and strings are, without building
// values. It reports false for input that is not TOML, and the caller then
// ignores everything it was told.
func walkTOML(data []byte, fn func(tomlEvent)) bool {
	var stack []byte // open '[' and '{' of the current value
	table, key, inner := "", "", ""
	expectKey := true
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '\n':
			i++
			if len(stack) == 0 {
				expectKey = true
			}
		case c == '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case len(stack) == 0 && expectKey && c == '[':
			name, off, last, end, ok := readTOMLHeader(data, i)
			if !ok {
				return false
			}
			i = end
			table, expectKey = name, false
			fn(tomlEvent{kind: tomlHeader, table: table, text: name, off: off, last: last})
		case len(stack) == 0 && expectKey:
			name, off, last, end, ok := readTOMLKey(data, i, '=')
			if !ok {
				return false
			}
			i = end + 1
			key, expectKey = name, false
			fn(tomlEvent{kind: tomlKey, table: table, key: key, text: name, off: off, last: last})
		case len(stack) == 0 && !expectKey && c == '=':
			return false
		case c == '"' || c == '\'':
			text, off, end, ok := readTOMLString(data, i)
			if !ok {
				return false
			}
			i = end
			fn(tomlEvent{kind: tomlString, table: table, key: key, inner: inner, text: text, off: off, depth: len(stack)})
		case c == '[' || c == '{':
			stack = append(stack, c)
			inner = ""
			i++
		case c == ']' || c == '}':
			open := byte('[')
			if c == '}' {
				open = '{'
			}
			if len(stack) == 0 || stack[len(stack)-1] != open {
				return false
			}
			stack = stack[:len(stack)-1]
			inner = ""
			i++
		case c == ',':
			inner = ""
			i++
		case len(stack) > 0 && stack[len(stack)-1] == '{' && isBareKeyChar(c):
			var key string
			if key, i = readInlineKey(data, i); key != "" {
				inner = key
			}
		default:
			i++
		}
	}
	return len(stack) == 0
}

// readTOMLHeader reads the table header ([name] or [[name]]) whose first
// '[' is at i, as readTOMLKey reads a key, and returns the offset just past
// its last ']'.
func readTOMLHeader(data []byte, i int) (name string, off, last, end int, ok bool) {
	i++
	double := i < len(data) && data[i] == '['
	if double {
		i++
	}
	name, off, last, end, ok = readTOMLKey(data, i, ']')
	if !ok {
		return "", 0, 0, 0, false
	}
	end++
	if double {
		if end >= len(data) || data[end] != ']' {
			return "", 0, 0, 0, false
		}
		end++
	}
	return name, off, last, end, true
}

// readInlineKey reads the bare word at i inside an inline table: its key
// when an '=' follows (and the offset past the '='), or "" and the offset
// past the word when it is a bare value (true, 42).
func readInlineKey(data []byte, i int) (key string, end int) {
	j := i
	for j < len(data) && (isBareKeyChar(data[j]) || data[j] == '.') {
		j++
	}
	word := string(data[i:j])
	for j < len(data) && (data[j] == ' ' || data[j] == '\t') {
		j++
	}
	if j < len(data) && data[j] == '=' {
		return word, j + 1
	}
	return "", j
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// readTOMLKey reads a dotted key starting at i up to the stop byte ('=' for
// a key, ']' for a header) on the same line. It returns the key with quotes
// removed and the dots unspaced, the offsets of the first characters
// (inside a quote) of its first and last parts, and the offset of stop.
func readTOMLKey(data []byte, i int, stop byte) (name string, off, last, end int, ok bool) {
	var parts []string
	for i < len(data) {
		c := data[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == stop && len(parts) > 0:
			return strings.Join(parts, "."), off, last, i, true
		case c == '.' && len(parts) > 0:
			i++
		case c == '"' || c == '\'':
			text, textOff, next, ok := readTOMLString(data, i)
			if !ok || next-textOff > len(text)+1 { // no multi-line strings as keys
				return "", 0, 0, 0, false
			}
			if len(parts) == 0 {
				off = textOff
			}
			last = textOff
			parts = append(parts, text)
			i = next
		case isBareKeyChar(c):
			j := i
			for j < len(data) && isBareKeyChar(data[j]) {
				j++
			}
			if len(parts) == 0 {
				off = i
			}
			last = i
			parts = append(parts, string(data[i:j]))
			i = j
		default:
			return "", 0, 0, 0, false
		}
	}
	return "", 0, 0, 0, false
}

// readTOMLString reads the string literal whose opening quote is at i. It
// returns the raw content (escapes left as written, so offsets into it stay
// true), the offset of that content and the offset just past the closing
// quote.
func readTOMLString(data []byte, i int) (text string, off, end int, ok bool) {
	q := data[i]
	delim := []byte{q}
	if i+2 < len(data) && data[i+1] == q && data[i+2] == q {
		delim = []byte{q, q, q}
	}
	off = i + len(delim)
	for j := off; j < len(data); j++ {
		switch {
		case data[j] == '\n' && len(delim) == 1:
			return "", 0, 0, false
		case data[j] == '\\' && q == '"':
			j++ // skip the escaped character
		case bytes.HasPrefix(data[j:], delim):
			end = j + len(delim)
			// Up to two quotes right before a multi-line string's closing
			// delimiter belong to the content.
			for extra := 0; len(delim) == 3 && extra < 2 && end < len(data) && data[end] == q; extra++ {
				end++
			}
			return string(data[off : end-len(delim)]), off, end, true
		}
	}
	return "", 0, 0, false
}
