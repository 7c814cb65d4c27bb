package lint

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/handover-dev/handover/lint/history"
	"github.com/handover-dev/handover/lint/result"
)

// Rule is one check, in the spirit of go/analysis: it declares its id, its
// documentation, its options and whether it needs git history, and its Run
// reports findings through the Pass. The documentation is data beside the
// code, so `handover rules`, `handover explain`, SARIF rule descriptors and
// docs/rules.md all come from one place.
//
// Run returns an error when it could not do its job (history it could not
// read, say); the core decides once what that becomes: a finding of the
// rule saying it could not run, beside whatever it reported before.
type Rule struct {
	ID       string
	Severity Severity
	// Summary is one line: what fires the rule.
	Summary string
	// Explain says what the rule checks, why it matters and how to fix it.
	Explain string
	// Options are the rule's settings in .handover.yml.
	Options []Option
	// History marks rules that need git history; they are skipped when
	// there is none (shallow-history and no-history say so once).
	History bool
	Run     func(*Pass) error
}

// Info returns the rule's documentation.
func (r *Rule) Info() result.RuleInfo {
	info := result.RuleInfo{ID: r.ID, Severity: r.Severity, Summary: r.Summary, Explain: r.Explain}
	for _, o := range r.Options {
		info.Options = append(info.Options, o.info())
	}
	return info
}

func (r *Rule) option(name string) Option {
	for _, o := range r.Options {
		if o.info().Name == name {
			return o
		}
	}
	return nil
}

func (r *Rule) optionHint() string {
	if len(r.Options) == 0 {
		return "; it takes only severity"
	}
	var names []string
	for _, o := range r.Options {
		names = append(names, o.info().Name)
	}
	return "; it takes severity and " + strings.Join(names, ", ")
}

// registry holds every rule, in the order their files register them (by
// file name). A rule registers itself from its own file's init, so adding
// one touches that file, its test and fixtures, and the docs.
var registry []*Rule

// register adds a rule to the registry when the package loads, after
// checking its declaration against the others: a malformed rule is a
// defect that every test and every run catches at once, never a panic
// halfway through a check.
func register(r *Rule) {
	if err := validate(append(slices.Clone(registry), r)); err != nil {
		panic(err)
	}
	registry = append(registry, r)
}

var (
	ruleID     = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	optionName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// validate checks the declarations of rs: unique kebab-case ids, a
// severity, documentation that says how to fix, a Run, and options with
// unique names and valid defaults.
func validate(rs []*Rule) error {
	seen := map[string]bool{}
	for _, r := range rs {
		switch {
		case !ruleID.MatchString(r.ID):
			return fmt.Errorf("rule %q: the id must be kebab-case", r.ID)
		case seen[r.ID]:
			return fmt.Errorf("rule %s is registered twice", r.ID)
		case r.Severity < Info || r.Severity > Error:
			return fmt.Errorf("rule %s: no default severity", r.ID)
		case len(r.Summary) < 10 || !strings.Contains(r.Explain, "Fix"):
			return fmt.Errorf("rule %s: a summary and an explanation that says how to fix are required", r.ID)
		case r.Run == nil:
			return fmt.Errorf("rule %s: no Run", r.ID)
		}
		seen[r.ID] = true
		names := map[string]bool{}
		for _, o := range r.Options {
			info := o.info()
			if !optionName.MatchString(info.Name) || info.Name == "severity" || names[info.Name] {
				return fmt.Errorf("rule %s: option %q: names are lower-case, unique and not severity", r.ID, info.Name)
			}
			if err := o.check(); err != nil {
				return fmt.Errorf("rule %s: option %s: %v", r.ID, info.Name, err)
			}
			names[info.Name] = true
		}
	}
	return nil
}

// Rules returns every rule, by id.
func Rules() []*Rule { return slices.Clone(registry) }

// RuleByID returns the rule with that id, or nil.
func RuleByID(id string) *Rule {
	for _, r := range registry {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Descriptors documents every rule, for the SARIF rule descriptors.
func Descriptors() []result.RuleInfo {
	out := make([]result.RuleInfo, len(registry))
	for i, r := range registry {
		out[i] = r.Info()
	}
	return out
}

// Pass is what a rule sees while it runs. Rules read it; they report only
// through Report.
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
	// Head and Head, sorted.
	Changed []string
	// Shallow reports a shallow clone.
	Shallow bool
	// NotComputed names the history a partial clone lacks the objects for
	// ("the line counts of drift"), for shallow-history.
	NotComputed []string

	rule     *Rule
	findings []Finding
}

// Report records a finding of the running rule. Its severity is the
// configured one; the core fills it in.
func (p *Pass) Report(f Finding) {
	f.Rule = p.rule.ID
	p.findings = append(p.findings, f)
}

// At is a finding at a position of a repository file.
func At(path string, line, col int, format string, args ...any) Finding {
	return Finding{Path: path, Line: line, Column: col, Message: fmt.Sprintf(format, args...)}
}

// Today is the calendar day of Now, as midnight UTC.
func (p *Pass) Today() time.Time {
	y, m, d := p.Now.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Docs returns the documents of the folder in kind order.
func (p *Pass) Docs() []*Doc { return p.Folder.Docs }

// ReviewEvery is a document's review period in days: its own
// review_every, else the config's default.
func (p *Pass) ReviewEvery(d *Doc) int {
	if n, err := ParsePeriod(d.Fields.ReviewEvery); err == nil {
		return n
	}
	return p.Config.ReviewEvery
}
