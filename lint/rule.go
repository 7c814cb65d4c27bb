package lint

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/handover-dev/handover/lint/history"
	"github.com/handover-dev/handover/lint/yamldoc"
)

// Rule is one check: its documentation is data beside the code, so that
// `handover rules`, `handover explain`, SARIF rule descriptors and
// docs/rules.md all come from one place.
type Rule struct {
	ID       string
	Severity Severity
	// Summary is one line: what fires the rule.
	Summary string
	// Explain says what the rule checks, why it matters and how to fix it.
	Explain string
	// Options are the rule's integer settings in .handover.yml.
	Options []Option
	// History marks rules that need git history; they are skipped (and
	// say so once) when there is none.
	History bool
	Check   func(*Pass)
}

// Option is an integer setting of a rule.
type Option struct {
	Name    string
	Default int
	Doc     string
}

func (r *Rule) hasOption(name string) bool {
	return slices.ContainsFunc(r.Options, func(o Option) bool { return o.Name == name })
}

func (r *Rule) optionHint() string {
	if len(r.Options) == 0 {
		return "; it takes only severity"
	}
	var names []string
	for _, o := range r.Options {
		names = append(names, o.Name)
	}
	return "; it takes severity and " + strings.Join(names, ", ")
}

// Rules returns every rule, in the order of DESIGN.md's table.
func Rules() []*Rule {
	return []*Rule{
		ruleMissingDoc, ruleDuplicateDoc, ruleParse, ruleSchema, ruleMissingSection,
		ruleEmptySection, rulePlaceholder, ruleStaleReview, ruleFutureDate, ruleDrift,
		rulePRDrift, ruleNotIntroduced, ruleUnknownOwner, ruleRenewalDue, ruleBrokenLink,
		ruleDeadCover, ruleNoSuccessor, ruleSecret, ruleShallowHistory, ruleNoHistory,
		ruleUnlistedContributor, ruleDepartedOwner, ruleCodeowners, ruleUndocumentedVendor,
	}
}

// RuleByID returns the rule with that id, or nil.
func RuleByID(id string) *Rule {
	for _, r := range Rules() {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Pass is what a rule sees while it runs.
type Pass struct {
	Folder *Folder
	Config *Config
	// Now is the time the check runs at (--now).
	Now time.Time
	// Source reads repository files (the working tree or a commit).
	Source Source
	// Repo is the git repository, nil when there is none.
	Repo *history.Repo
	// Head is the commit checked, "" without history.
	Head string
	// Base is --base resolved to a commit, "" when not given.
	Base string
	// Changed lists the files changed between the merge base of Base and
	// Head and Head; changedErr says why they could not be listed.
	Changed    []string
	changedErr error
	// HistoryOK reports that history rules can run (a full, non-shallow repository).
	HistoryOK bool
	// Shallow reports a shallow clone.
	Shallow bool
	// NotComputed names the history a partial clone lacks the objects for
	// ("the line counts of drift"), for shallow-history.
	NotComputed []string
	// Team is the team document's members (nil without a valid team doc).
	Team []Member

	rule     *Rule
	findings *[]Finding
}

// Option returns the configured value of one of the rule's options.
func (p *Pass) Option(name string) int {
	if v, ok := p.Config.Rules[p.rule.ID].Options[name]; ok {
		return v
	}
	for _, o := range p.rule.Options {
		if o.Name == name {
			return o.Default
		}
	}
	panic("rule " + p.rule.ID + " reads undeclared option " + name)
}

// Reportf records a finding at a path and position.
func (p *Pass) Reportf(path string, line, col int, format string, args ...any) {
	*p.findings = append(*p.findings, Finding{
		Rule: p.rule.ID, Path: path, Line: line, Column: col, Message: fmt.Sprintf(format, args...),
	})
}

// ReportAbout records a finding about a named subject (a person, a vendor)
// that readiness and reports list.
func (p *Pass) ReportAbout(subject, path string, line, col int, format string, args ...any) {
	p.Reportf(path, line, col, format, args...)
	(*p.findings)[len(*p.findings)-1].Subject = subject
}

// ReportAt records a finding on a document, at the node its pointer names
// (the node itself when n is given).
func (p *Pass) ReportAt(d *Doc, ptr string, format string, args ...any) {
	line, col := d.Pos(ptr)
	*p.findings = append(*p.findings, Finding{
		Rule: p.rule.ID, Path: d.Path, Line: line, Column: col, Doc: d.Kind,
		Message: fmt.Sprintf(format, args...),
	})
}

// Doc returns the document of a kind, or nil.
func (p *Pass) Doc(kind string) *Doc { return p.Folder.Docs[kind] }

// Pos returns the line and column of the value a pointer names, or the
// document's first line when it has no fields.
func (d *Doc) Pos(ptr string) (line, col int) {
	if d.Root == nil {
		return 1, 1
	}
	n := yamldoc.Locate(d.Root, ptr)
	return n.Line, n.Column
}

// parentPointer drops the last token of a JSON pointer.
func parentPointer(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		return ptr[:i]
	}
	return ""
}

// String returns a top-level string field, "" when absent or not a string.
func (d *Doc) String(key string) string {
	if d == nil || d.Data == nil {
		return ""
	}
	s, _ := d.Data[key].(string)
	return s
}

// Items returns a top-level list of mappings, skipping items that are not mappings.
func (d *Doc) Items(key string) []Item {
	if d == nil || d.Data == nil {
		return nil
	}
	list, _ := d.Data[key].([]any)
	var out []Item
	for i, v := range list {
		if m, ok := v.(map[string]any); ok {
			out = append(out, Item{Index: i, Pointer: fmt.Sprintf("/%s/%d", key, i), Fields: m})
		}
	}
	return out
}

// Item is one mapping of a list field, such as a team member.
type Item struct {
	Index   int
	Pointer string
	Fields  map[string]any
}

// String returns a string field of the item.
func (it Item) String(key string) string {
	s, _ := it.Fields[key].(string)
	return s
}

// Strings returns a top-level list of strings.
func (d *Doc) Strings(key string) []string {
	if d == nil || d.Data == nil {
		return nil
	}
	list, _ := d.Data[key].([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
