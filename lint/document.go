package lint

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/lint/history"
	"github.com/handover-dev/handover/lint/markdown"
	"github.com/handover-dev/handover/lint/yamldoc"
)

// Doc is one handover document: the file of a kind.
type Doc struct {
	Kind string
	Path string
	// Format is "markdown", "yaml" or "json".
	Format string
	// Root is the mapping of fields (front matter or the whole data file),
	// nil when the document did not parse.
	Root *yaml.Node
	// Data is Root as plain JSON values, nil when the document did not parse.
	Data map[string]any
	// Fields are the fields every kind has, decoded from Data.
	Fields Fields
	// Body is the Markdown after the front matter, nil for data documents.
	Body *markdown.Doc
	// BodyLine is the file line the Markdown body starts on.
	BodyLine int
	// Sections are the ## sections the kind's schema requires.
	Sections []string
	// SchemaErrors are the violations of the kind's schema.
	SchemaErrors []SchemaError
	// Valid reports that the document parsed and matches its schema.
	Valid bool
	// LastChange is the newest commit that changed the file, nil when it
	// is not committed or history was skipped.
	LastChange *history.Commit
	// Drift is the covered code changed since LastChange, nil when history
	// was skipped.
	Drift *history.Drift
}

// Fields are the front matter fields of every kind.
type Fields struct {
	Owner       string   `json:"owner"`
	Reviewed    string   `json:"reviewed"`
	ReviewEvery string   `json:"review_every"`
	Covers      []string `json:"covers"`
}

// Pos returns the line and column of the value a JSON pointer names (the
// nearest existing parent's when it is absent), or the document's first
// line when it has no fields.
func (d *Doc) Pos(ptr string) (line, col int) {
	if d.Root == nil {
		return 1, 1
	}
	n := yamldoc.Locate(d.Root, ptr)
	return n.Line, n.Column
}

// KeyPos returns the position of the key whose value a pointer names, such
// as the "members:" of /members, or of the value when it has no key.
func (d *Doc) KeyPos(ptr string) (line, col int) {
	if d.Root == nil {
		return 1, 1
	}
	n := yamldoc.Locate(d.Root, ptr)
	if k := yamldoc.KeyOf(yamldoc.Locate(d.Root, parentPointer(ptr)), n); k != nil {
		return k.Line, k.Column
	}
	return n.Line, n.Column
}

// At is a finding on the document, at the value a JSON pointer names.
func (d *Doc) At(ptr, format string, args ...any) Finding {
	line, col := d.Pos(ptr)
	return Finding{Path: d.Path, Line: line, Column: col, Doc: d.Kind, Message: fmt.Sprintf(format, args...)}
}

// parentPointer drops the last token of a JSON pointer.
func parentPointer(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		return ptr[:i]
	}
	return ""
}

// The typed documents: each kind's fields, decoded after parsing. A field
// whose value has the wrong type is left empty (the schema rule reports
// it), so one bad value does not hide the rest from the other rules. The
// documents keep their Doc for positions: an item's Pointer names it.

// Product is the product document.
type Product struct {
	*Doc
	Name    string   `json:"name"`
	Summary string   `json:"summary"`
	URL     string   `json:"url"`
	Users   []string `json:"users"`
}

// Tech is the technology document.
type Tech struct {
	*Doc
	Repositories []Repository  `json:"repositories"`
	Stack        []string      `json:"stack"`
	Environments []Environment `json:"environments"`
}

// Repository is an entry of the tech document's repositories.
type Repository struct {
	Name    string `json:"name"`
	URL     string `json:"url"`
	Purpose string `json:"purpose"`
}

// Environment is an entry of the tech document's environments.
type Environment struct {
	Name    string `json:"name"`
	URL     string `json:"url"`
	Hosting string `json:"hosting"`
}

// Team is the team document.
type Team struct {
	*Doc
	Members []Member `json:"members"`
}

// Member is a person of the team document.
type Member struct {
	Name   string `json:"name"`
	Role   string `json:"role"`
	Email  string `json:"email"`
	GitHub string `json:"github"`
	Since  string `json:"since"`
	// Status is active, leaving or left (active when not set).
	Status string `json:"status"`
	// Introduced is the day the member met the successor, "" if not yet.
	Introduced string   `json:"introduced"`
	Owns       []string `json:"owns"`
	// Pointer locates the member in the document, e.g. /members/2.
	Pointer string `handover:"pointer"`
}

// Vendors is the vendors document.
type Vendors struct {
	*Doc
	Vendors []Vendor `json:"vendors"`
}

// Vendor is an entry of the vendors document.
type Vendor struct {
	Name         string `json:"name"`
	Service      string `json:"service"`
	AccountOwner string `json:"account_owner"`
	Contact      string `json:"contact"`
	Plan         string `json:"plan"`
	Cost         string `json:"cost"`
	Renewal      string `json:"renewal"`
	Credentials  string `json:"credentials"`
	Critical     bool   `json:"critical"`
	Introduced   string `json:"introduced"`
	// Pointer locates the vendor in the document, e.g. /vendors/0.
	Pointer string `handover:"pointer"`
}

// Transition is the transition document: the plan of the ramp-down.
type Transition struct {
	*Doc
	Outgoing     Person    `json:"outgoing"`
	Successor    Successor `json:"successor"`
	HandoverDate string    `json:"handover_date"`
	Advisory     Advisory  `json:"advisory"`
}

// Person is the outgoing lead.
type Person struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

// Successor is who takes over.
type Successor struct {
	Name  string `json:"name"`
	Role  string `json:"role"`
	Start string `json:"start"`
}

// Advisory is the outgoing lead's advisory period.
type Advisory struct {
	Until   string `json:"until"`
	Cadence string `json:"cadence"`
	Scope   string `json:"scope"`
}

// typed decodes a parsed document into its kind's struct and records it on
// the folder. This switch and schemas.Kinds are the one list of kinds.
func (f *Folder) typed(d *Doc) {
	decode(d.Data, reflect.ValueOf(&d.Fields).Elem(), "")
	var typed any
	switch d.Kind {
	case "product":
		f.Product = &Product{Doc: d}
		typed = f.Product
	case "tech":
		f.Tech = &Tech{Doc: d}
		typed = f.Tech
	case "team":
		f.Team = &Team{Doc: d}
		typed = f.Team
	case "vendors":
		f.Vendors = &Vendors{Doc: d}
		typed = f.Vendors
	case "transition":
		f.Transition = &Transition{Doc: d}
		typed = f.Transition
	default:
		panic("no typed document for kind " + d.Kind) // schemas.Kinds and this switch disagree: TestTypedKinds catches it
	}
	decode(d.Data, reflect.ValueOf(typed).Elem(), "")
	if d.Kind == "team" {
		for i := range f.Team.Members {
			if f.Team.Members[i].Status == "" {
				f.Team.Members[i].Status = "active"
			}
		}
	}
}

// decode copies the JSON value v into out, which is a struct, string,
// bool or slice, through the struct fields' json tags. A value of another
// type leaves out as it is; a list keeps the items that fit. A string
// field tagged handover:"pointer" receives the JSON pointer of the value.
func decode(v any, out reflect.Value, ptr string) {
	switch out.Kind() {
	case reflect.String:
		if s, ok := v.(string); ok {
			out.SetString(s)
		}
	case reflect.Bool:
		if b, ok := v.(bool); ok {
			out.SetBool(b)
		}
	case reflect.Slice:
		items, ok := v.([]any)
		if !ok {
			return
		}
		out.Set(reflect.MakeSlice(out.Type(), 0, len(items)))
		for i, it := range items {
			elem := reflect.New(out.Type().Elem()).Elem()
			if !fits(it, elem.Kind()) {
				continue
			}
			decode(it, elem, fmt.Sprintf("%s/%d", ptr, i))
			out.Set(reflect.Append(out, elem))
		}
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		t := out.Type()
		for i := range t.NumField() {
			field := t.Field(i)
			if field.Tag.Get("handover") == "pointer" {
				out.Field(i).SetString(ptr)
				continue
			}
			key, _, _ := strings.Cut(field.Tag.Get("json"), ",")
			if key == "" || key == "-" {
				continue
			}
			if val, ok := m[key]; ok {
				decode(val, out.Field(i), ptr+pointer([]string{key}))
			}
		}
	}
}

// fits reports whether a JSON value can fill a Go value of kind k.
func fits(v any, k reflect.Kind) bool {
	switch v.(type) {
	case string:
		return k == reflect.String
	case bool:
		return k == reflect.Bool
	case []any:
		return k == reflect.Slice
	case map[string]any:
		return k == reflect.Struct
	}
	return false
}
