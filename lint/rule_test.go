package lint

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/handover-dev/handover/schemas"
)

// TestRegister: the registry refuses declarations that would fail at run
// time or confuse users, so that none can reach a check.
func TestRegister(t *testing.T) {
	ok := func() *Rule {
		return &Rule{ID: "a-rule", Severity: Warning, Summary: "fires when something", Explain: "Why. Fix: how.", Run: func(*Pass) error { return nil }}
	}
	if err := validate([]*Rule{ok()}); err != nil {
		t.Fatalf("a valid rule is refused: %v", err)
	}
	for name, mutate := range map[string]func(r *Rule){
		"id not kebab-case":  func(r *Rule) { r.ID = "A_Rule" },
		"no severity":        func(r *Rule) { r.Severity = 0 },
		"no fix":             func(r *Rule) { r.Explain = "Why only." },
		"no run":             func(r *Rule) { r.Run = nil },
		"option severity":    func(r *Rule) { r.Options = []Option{&IntOption{Name: "severity"}} },
		"option twice":       func(r *Rule) { r.Options = []Option{&IntOption{Name: "days"}, &ListOption{Name: "days"}} },
		"option bad name":    func(r *Rule) { r.Options = []Option{&IntOption{Name: "Days"}} },
		"option bad default": func(r *Rule) { r.Options = []Option{&IntOption{Name: "days", Default: -1}} },
	} {
		r := ok()
		mutate(r)
		if err := validate([]*Rule{r}); err == nil {
			t.Errorf("%s: registered", name)
		}
	}
	if err := validate([]*Rule{ok(), ok()}); err == nil {
		t.Error("a rule registered twice is accepted")
	}
}

// TestRuleErrorIsAFinding: a rule that cannot do its job says so in a
// finding of its own, and the check goes on.
func TestRuleErrorIsAFinding(t *testing.T) {
	failing := &Rule{ID: "codeowners", Severity: Warning, Run: func(p *Pass) error {
		p.Report(At("a.md", 1, 1, "found before failing"))
		return errors.New("cannot read CODEOWNERS: file is larger than 1 MiB")
	}}
	p := &Pass{Folder: &Folder{}, Config: DefaultConfig()}
	got := p.run(failing, Warning)
	if len(got) != 2 || got[0].Message != "found before failing" ||
		got[1].Message != "codeowners could not run: cannot read CODEOWNERS: file is larger than 1 MiB" ||
		got[1].Path != "handover" || got[1].Rule != "codeowners" || got[1].Severity != Warning {
		t.Errorf("findings of a failing rule = %+v", got)
	}
}

// TestTypedKinds: every kind of schemas.Kinds has a typed document, and a
// value of the wrong type leaves its field empty without hiding the rest.
func TestTypedKinds(t *testing.T) {
	for _, kind := range schemas.Kinds {
		f := &Folder{}
		d := &Doc{Kind: kind, Data: map[string]any{"owner": "Ana", "covers": []any{"a/**", 7}}}
		f.typed(d)
		typed := reflect.ValueOf(f).Elem().FieldByNameFunc(func(n string) bool { return strings.EqualFold(n, kind) })
		if !typed.IsValid() || typed.IsNil() {
			t.Errorf("kind %s: no typed document", kind)
		}
		if d.Fields.Owner != "Ana" || len(d.Fields.Covers) != 1 {
			t.Errorf("kind %s: common fields = %+v", kind, d.Fields)
		}
	}
	f := &Folder{}
	f.typed(&Doc{Kind: "team", Data: map[string]any{
		"owner":   42,
		"members": []any{"not a mapping", map[string]any{"name": "Bo", "github": []any{"x"}, "owns": []any{"api/**", 1}}},
	}})
	m := f.Team.Members
	if len(m) != 1 || m[0].Name != "Bo" || m[0].GitHub != "" || m[0].Status != "active" || m[0].Pointer != "/members/1" ||
		len(m[0].Owns) != 1 || m[0].Owns[0] != "api/**" || f.Team.Fields.Owner != "" {
		t.Errorf("lenient decode = %+v (fields %+v)", m, f.Team.Fields)
	}
}

// TestRulesUseTheContract: a rule reads the core through its exported
// API (the Pass, typed documents, Report), never an unexported field of
// the core's types, so that the core can change its insides without
// rules noticing. It collects the unexported field names of the structs
// declared outside rule files and fails on any selector of one of them in
// a rule file.
func TestRulesUseTheContract(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	core := map[string]string{} // unexported field name -> its struct
	var rules []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(name, "rule_") {
			rules = append(rules, f)
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			if st, ok := ts.Type.(*ast.StructType); ok {
				for _, field := range st.Fields.List {
					for _, id := range field.Names {
						if !id.IsExported() {
							core[id.Name] = ts.Name.Name
						}
					}
				}
			}
			return true
		})
	}
	if len(core) == 0 || len(rules) < 20 {
		t.Fatalf("found %d unexported core fields and %d rule files: is the test reading the package?", len(core), len(rules))
	}
	for _, f := range rules {
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if st, found := core[sel.Sel.Name]; found {
					t.Errorf("%s: a rule touches %s.%s, an unexported field of the core: use the Pass, the typed documents or Report",
						fset.Position(sel.Pos()), st, sel.Sel.Name)
				}
			}
			return true
		})
	}
}
