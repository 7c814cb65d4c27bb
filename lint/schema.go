package lint

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/handover-dev/handover/lint/yamldoc"
	"github.com/handover-dev/handover/schemas"
)

// repoURL is the base under which local schema files are compiled. It is
// never fetched: the loader maps it onto the repository, and refuses a
// $ref that resolves anywhere else (the network, a file outside the tree).
const repoURL = "file:///handover-repository/"

// validator is a compiled schema and the sections its document must have.
type validator struct {
	schema   *jsonschema.Schema
	sections []string
}

// SchemaError is one violation of a schema, located in the document.
type SchemaError struct {
	Pointer      string
	Line, Column int
	Message      string
}

var (
	embeddedOnce sync.Once
	embedded     map[string]*validator
	embeddedErr  error
)

// embeddedValidators compiles the embedded schemas once per process.
func embeddedValidators() (map[string]*validator, error) {
	embeddedOnce.Do(func() {
		embedded = map[string]*validator{}
		for _, name := range append(slices.Clone(schemas.Kinds), "config", "portfolio") {
			v, err := compile(schemas.URL(name), nil)
			if err != nil {
				embeddedErr = err
				return
			}
			embedded[name] = v
		}
	})
	return embedded, embeddedErr
}

// embeddedSchema returns the validator of an embedded schema that is not a
// kind's (config, portfolio).
func embeddedSchema(name string) *validator {
	vs, err := embeddedValidators()
	if err != nil {
		panic("embedded schemas do not compile: " + err.Error()) // a build defect, caught by every test
	}
	return vs[name]
}

// loadValidators returns the validator of every kind: the embedded schema,
// or the repository's own file where the config names one.
func loadValidators(cfg *Config, src Source) (map[string]*validator, error) {
	base, err := embeddedValidators()
	if err != nil {
		return nil, err
	}
	out := make(map[string]*validator, len(schemas.Kinds))
	for _, k := range schemas.Kinds {
		out[k] = base[k]
		file, ok := cfg.Schemas[k]
		if !ok {
			continue
		}
		clean := path.Clean(strings.TrimPrefix(file, "./"))
		if path.IsAbs(clean) || strings.HasPrefix(clean, "../") || clean == ".." {
			return nil, fmt.Errorf("%s: schema for %s, %q, leaves the repository: give a repository-relative path", cfg.Path, k, file)
		}
		v, err := compile(repoURL+clean, src)
		if err != nil {
			return nil, fmt.Errorf("%s: schema for %s: %v", cfg.Path, k, err)
		}
		out[k] = v
	}
	return out, nil
}

func compile(loc string, src Source) (*validator, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.UseLoader(loader{src: src})
	s, err := c.Compile(loc)
	if le := (*jsonschema.LoadURLError)(nil); errors.As(err, &le) {
		// The loader's errors name the file already.
		return nil, le.Err
	}
	if err != nil {
		return nil, err
	}
	doc, err := loader{src: src}.read(loc)
	if err != nil {
		return nil, err
	}
	sections, err := schemas.Sections(doc)
	if err != nil {
		return nil, err
	}
	return &validator{schema: s, sections: sections}, nil
}

// loader serves the embedded schemas by their $id and repository files
// under repoURL, and nothing else.
type loader struct{ src Source }

func (l loader) Load(u string) (any, error) {
	b, err := l.read(u)
	if err != nil {
		return nil, err
	}
	if line, col, deep := tooDeep(b, maxSchemaDepth); deep {
		return nil, fmt.Errorf("%s:%d:%d: the schema nests deeper than %d levels; a document is not that deep, so flatten it with $defs and $ref",
			strings.TrimPrefix(u, repoURL), line, col, maxSchemaDepth)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s is not valid JSON: %v", strings.TrimPrefix(u, repoURL), err)
	}
	return v, nil
}

// maxSchemaDepth bounds the nesting of a schema file: the compiler's time
// grows much faster than the depth (2,000 levels took 8 s, 9,000 over a
// minute), and handover's own schemas nest 8 levels.
const maxSchemaDepth = 128

// tooDeep reports where JSON text first opens more than max objects and
// arrays at once, as a 1-based line and column (in bytes).
func tooDeep(b []byte, max int) (line, col int, deep bool) {
	depth, line, start := 0, 1, 0
	inString, escaped := false, false
	for i, c := range b {
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString:
			inString = c != '"'
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if depth++; depth > max {
				return line, i - start + 1, true
			}
		case c == '}' || c == ']':
			depth--
		case c == '\n':
			line, start = line+1, i+1
		}
	}
	return 0, 0, false
}

func (l loader) read(u string) ([]byte, error) {
	if name, ok := strings.CutPrefix(u, schemas.BaseURL); ok {
		return schemas.Get(strings.TrimSuffix(name, ".schema.json"))
	}
	if rel, ok := strings.CutPrefix(u, repoURL); ok && l.src != nil {
		if p, err := url.PathUnescape(rel); err == nil && p == path.Clean(p) && !strings.HasPrefix(p, "../") {
			b, err := l.src.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("cannot read schema %s: %v", p, unwrapPathError(err))
			}
			return b, nil
		}
	}
	shown := strings.TrimPrefix(u, repoURL)
	return nil, fmt.Errorf("refusing to load %q: schemas are read only from the repository or handover's embedded schemas, never the network", shown)
}

var printer = message.NewPrinter(language.English)

// validate returns the first violation, for the configuration file.
func (v *validator) validate(value any, root *yaml.Node) *SchemaError {
	errs := v.errors(value, root)
	if len(errs) == 0 {
		return nil
	}
	return &errs[0]
}

// errors validates value and locates each violation in the YAML tree.
func (v *validator) errors(value any, root *yaml.Node) []SchemaError {
	err := v.schema.Validate(value)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []SchemaError{{Line: root.Line, Column: root.Column, Message: err.Error()}}
	}
	var out []SchemaError
	collect(ve, func(ptr, msg string, atKey bool) {
		n := yamldoc.Locate(root, ptr)
		if k := yamldoc.KeyOf(yamldoc.Locate(root, parentPointer(ptr)), n); atKey && k != nil {
			n = k
		}
		out = append(out, SchemaError{Pointer: ptr, Line: n.Line, Column: n.Column, Message: msg})
	})
	slices.SortFunc(out, func(a, b SchemaError) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		if a.Column != b.Column {
			return a.Column - b.Column
		}
		return strings.Compare(a.Message, b.Message)
	})
	return slices.CompactFunc(out, func(a, b SchemaError) bool { return a == b })
}

// collect walks the error tree down to the violations a person fixes.
// atKey asks for the position of the key of the value ptr names (an
// unknown or misspelt field is fixed at its name).
func collect(e *jsonschema.ValidationError, emit func(ptr, msg string, atKey bool)) {
	ptr := pointer(e.InstanceLocation)
	switch k := e.ErrorKind.(type) {
	case *kind.AnyOf:
		if allRequired(e.Causes) {
			var names []string
			for _, c := range e.Causes {
				names = append(names, quoteAll(c.ErrorKind.(*kind.Required).Missing)...)
			}
			emit(ptr, located(ptr, "needs at least one of the fields "+strings.Join(names, " or ")), false)
			return
		}
		e.Causes = fitting(e.Causes, ptr)
	case *kind.OneOf:
		e.Causes = fitting(e.Causes, ptr)
	case *kind.AdditionalProperties:
		for _, p := range k.Properties {
			emit(ptr+pointer([]string{p}), located(ptr, "unknown field "+quoteAll([]string{p})[0]), true)
		}
		return
	case *kind.PropertyNames:
		msg := k.LocalizedString(printer)
		if len(e.Causes) == 1 && len(e.Causes[0].Causes) == 0 {
			msg = "key " + describe(e.Causes[0].ErrorKind, ptr)
		}
		emit(ptr+pointer([]string{k.Property}), located(ptr, msg), true)
		return
	}
	if len(e.Causes) == 0 {
		emit(ptr, located(ptr, describe(e.ErrorKind, ptr)), false)
		return
	}
	for _, c := range e.Causes {
		collect(c, emit)
	}
}

// fitting drops the alternatives of a oneOf or anyOf that want another
// type of value altogether ("warning" or {days: 45}): for {days: -1} the
// error to show is the one about days, not that it is not a string.
func fitting(causes []*jsonschema.ValidationError, ptr string) []*jsonschema.ValidationError {
	var out []*jsonschema.ValidationError
	for _, c := range causes {
		if !wrongType(c, ptr) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return causes
	}
	return out
}

// wrongType reports whether every violation under e is a type mismatch of
// the value at ptr itself.
func wrongType(e *jsonschema.ValidationError, ptr string) bool {
	if len(e.Causes) == 0 {
		_, ok := e.ErrorKind.(*kind.Type)
		return ok && pointer(e.InstanceLocation) == ptr
	}
	for _, c := range e.Causes {
		if !wrongType(c, ptr) {
			return false
		}
	}
	return true
}

func allRequired(cs []*jsonschema.ValidationError) bool {
	for _, c := range cs {
		if _, ok := c.ErrorKind.(*kind.Required); !ok {
			return false
		}
	}
	return len(cs) > 0
}

func describe(k jsonschema.ErrorKind, ptr string) string {
	switch k := k.(type) {
	case *kind.Required:
		if len(k.Missing) == 1 {
			return "missing required field " + quoteAll(k.Missing)[0]
		}
		return "missing required fields " + strings.Join(quoteAll(k.Missing), ", ")
	case *kind.Pattern:
		switch {
		case k.Want == `\S`:
			return "must not be blank"
		case strings.HasSuffix(ptr, "/review_every"):
			return fmt.Sprintf("%s is not a review period: want a number and a unit d, w, m or y, such as 90d", short(k.Got))
		case strings.HasSuffix(ptr, "/github"):
			return fmt.Sprintf("%s is not a GitHub login: letters, digits and single hyphens, without @", short(k.Got))
		}
		return fmt.Sprintf("%s does not match the pattern %s", short(k.Got), k.Want)
	case *kind.Format:
		return fmt.Sprintf("%s is not a valid %s%s", short(fmt.Sprint(k.Got)), k.Want, formatHint(k.Want))
	case *kind.Type:
		return fmt.Sprintf("got %s, want %s", k.Got, strings.Join(k.Want, " or "))
	case *kind.Minimum:
		return fmt.Sprintf("%s is less than %s", k.Got.RatString(), k.Want.RatString())
	case *kind.Enum:
		var want []string
		for _, w := range k.Want {
			want = append(want, fmt.Sprint(w))
		}
		return fmt.Sprintf("%s is not one of %s", short(fmt.Sprint(k.Got)), strings.Join(want, ", "))
	case *kind.MaxLength:
		return fmt.Sprintf("is %d characters long, at most %d are allowed: shorten it", k.Got, k.Want)
	case *kind.MinLength:
		return fmt.Sprintf("is %d characters long, at least %d are needed", k.Got, k.Want)
	case *kind.MinItems:
		return fmt.Sprintf("has %d items, at least %d are needed", k.Got, k.Want)
	case *kind.AdditionalProperties:
		return "unknown field " + strings.Join(quoteAll(k.Properties), ", ")
	}
	return k.LocalizedString(printer)
}

func formatHint(format string) string {
	switch format {
	case "date":
		return " (want YYYY-MM-DD)"
	case "email":
		return " address"
	case "uri":
		return " (want an absolute URL such as https://example.com)"
	}
	return ""
}

// short quotes a value from the document, cut to 40 characters so that a
// message never carries a long string whole; a credential is shown only by
// its short form, as the secret rule shows it.
func short(s string) string {
	s = redactCredentials(s)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:12]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

func located(ptr, msg string) string {
	if ptr == "" {
		return msg
	}
	return ptr + ": " + msg
}

func pointer(loc []string) string {
	var b strings.Builder
	for _, t := range loc {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1"))
	}
	return b.String()
}
