// Package lint checks a repository's handover folder: it reads the
// documents, validates them against their JSON Schemas, runs the rules and
// returns findings with positions, plus the per-document facts (history,
// drift) and the readiness score that the output formats render.
package lint

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Severity orders findings: Info < Warning < Error.
type Severity int

// Severities. The zero value means "not set".
const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a severity name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return err
	}
	v, err := ParseSeverity(name)
	*s = v
	return err
}

// Finding is one problem, at a repository-relative path and, where it has
// one, a 1-based line and column (0 when not applicable).
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Message  string   `json:"message"`
	// Doc is the kind of the document the finding is about, "" if none.
	Doc string `json:"doc"`
	// Pointer is the JSON pointer of the offending value, for schema findings.
	Pointer string `json:"pointer"`
	// Subject is what the finding is about when readiness and reports need
	// it by name: "Name <email>" of an unlisted contributor, a vendor's name.
	Subject string `json:"-"`
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
