package result

import (
	"cmp"
	"fmt"
	"slices"
)

// Finding is one problem a rule found, at a repository-relative path and,
// where it has one, a 1-based line and column (0 when not applicable).
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Message  string   `json:"message"`
	// Doc is the kind of the document the finding is about, "" if none.
	Doc string `json:"doc"`
	// Pointer is the JSON pointer of the offending value, "" if none.
	Pointer string `json:"pointer"`
	// Subject names what the finding is about where readiness and the
	// report count it: "Name <email>" of an unlisted contributor, the name
	// of an undocumented vendor; "" otherwise.
	Subject string `json:"subject"`
}

// String formats the finding as a compiler would: path:line:col: severity:
// message [rule], or path: severity: message [rule] when it has no line.
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", f.Where(), f.Severity, f.Message, f.Rule)
}

// Where is path:line:col, or the path alone when the finding has no line.
func (f Finding) Where() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column)
	}
	return f.Path
}

// SortFindings orders findings by path, line, column, rule, then message.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}
