// Package yamldoc reads the data part of a handover document: it splits
// Markdown front matter from the body, parses YAML or JSON into a yaml.Node
// tree that keeps every line and column, converts that tree into the plain
// JSON value a JSON Schema validator wants, and maps a JSON pointer from a
// validation error back to the node it names.
//
// Everything here is hostile-input safe: duplicate keys, alias bombs, deep
// nesting, tabs used as indentation and several documents in one file are
// reported as an *Error with a position instead of being accepted, expanded
// without bound or crashing.
package yamldoc

import (
	"bytes"
	"fmt"
	"strings"
)

// MaxDepth is the deepest nesting of mappings and sequences accepted.
const MaxDepth = 64

// MaxValues bounds how many values alias expansion may produce, so that a
// "billion laughs" document fails fast instead of eating memory.
const MaxValues = 100_000

// Error is a problem at a 1-based line and column of the file.
type Error struct {
	Line, Column int
	Message      string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Message) }

func errorf(line, col int, format string, args ...any) *Error {
	return &Error{Line: line, Column: col, Message: fmt.Sprintf(format, args...)}
}

// Normalize strips a UTF-8 byte order mark and turns every other line end
// YAML knows (CRLF, lone CR, NEL, LS, PS) into LF, so that every later line
// count (the YAML parser's, the Markdown parser's, ours) agrees.
func Normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') < 0 && !bytes.Contains(src, []byte("\u0085")) &&
		!bytes.Contains(src, []byte("\u2028")) && !bytes.Contains(src, []byte("\u2029")) {
		return src
	}
	return []byte(lineEnds.Replace(string(src)))
}

var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n")
