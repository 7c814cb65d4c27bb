// Package result is what a check produces and every output reads: findings
// with their severity and position, the state of each document, readiness,
// and the facts of the documents a report shows. A Result is exactly the
// JSON document of `handover check --format json` (version 1), so a page
// built from a Result made here and one built from JSON read back are the
// same.
//
// It is a leaf: it imports nothing that reads git or parses documents, so
// the output formats and the report compile without the linter's core.
package result

// Version is the version of the JSON document.
const Version = 1

// Result is everything one check produced.
type Result struct {
	Version   int       `json:"version"`
	Tool      Tool      `json:"tool"`
	Repo      RepoInfo  `json:"repo"`
	Docs      []DocInfo `json:"docs"`
	Findings  []Finding `json:"findings"`
	Readiness Readiness `json:"readiness"`
	Summary   Summary   `json:"summary"`
	// Product is the product document's name, "" without one.
	Product string `json:"product"`
	// Team lists the team document's members.
	Team []Member `json:"team"`
	// Vendors lists the vendors document's vendors.
	Vendors []Vendor `json:"vendors"`
	// Handover is the transition document's plan (empty without one).
	Handover Transition `json:"transition"`
}

// Tool names the program that produced a result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// RepoInfo describes the checked repository.
type RepoInfo struct {
	// Name is the repository's name: the last part of the origin remote's
	// URL (or of the URL checked), else the name of its folder.
	Name    string `json:"name"`
	Root    string `json:"root"`
	URL     string `json:"url"`
	Head    string `json:"head"`
	Shallow bool   `json:"shallow"`
	Now     string `json:"now"`
	// Dir is the handover folder, repository-relative.
	Dir string `json:"dir"`
	// Base is --base resolved to a commit, "" without it.
	Base string `json:"base"`
	// Changed lists the files the change since the merge base of Base
	// touches, sorted; empty without Base.
	Changed []string `json:"changed"`
}

// DocInfo is the state of one kind's document.
type DocInfo struct {
	Kind            string     `json:"kind"`
	Path            string     `json:"path"`
	Present         bool       `json:"present"`
	Owner           string     `json:"owner"`
	Reviewed        string     `json:"reviewed"`
	ReviewEveryDays int        `json:"review_every_days"`
	LastChange      *CommitRef `json:"last_change"`
	Covers          []string   `json:"covers"`
	Drift           *DriftInfo `json:"drift"`
}

// CommitRef is a commit and its committer date.
type CommitRef struct {
	Commit string `json:"commit"`
	Date   string `json:"date"`
}

// DriftInfo is the covered code changed since a document's last change.
type DriftInfo struct {
	Commits int `json:"commits"`
	// Newest is the newest of those commits, null when there is none.
	Newest *CommitRef  `json:"newest"`
	Paths  []PathDelta `json:"paths"`
}

// PathDelta is one changed path with lines added and removed; a binary
// file is counted, not diffed (added and removed are 0).
type PathDelta struct {
	Path    string `json:"path"`
	Added   int    `json:"added"`
	Removed int    `json:"removed"`
	Binary  bool   `json:"binary"`
}

// Summary counts findings per severity.
type Summary struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// Count returns the summary of findings.
func Count(fs []Finding) Summary {
	var s Summary
	for _, f := range fs {
		switch f.Severity {
		case Error:
			s.Error++
		case Warning:
			s.Warning++
		case Info:
			s.Info++
		}
	}
	return s
}

// Member is a person of the team document.
type Member struct {
	Name   string `json:"name"`
	Role   string `json:"role"`
	Email  string `json:"email"`
	GitHub string `json:"github"`
	// Status is active, leaving or left.
	Status string `json:"status"`
	// Introduced is the day the member met the successor, "" if not yet.
	Introduced string `json:"introduced"`
}

// Vendor is a vendor of the vendors document.
type Vendor struct {
	Name         string `json:"name"`
	Service      string `json:"service"`
	AccountOwner string `json:"account_owner"`
	Renewal      string `json:"renewal"`
	Introduced   string `json:"introduced"`
	Critical     bool   `json:"critical"`
}

// Transition is the transition document's plan.
type Transition struct {
	Outgoing       string `json:"outgoing"`
	OutgoingRole   string `json:"outgoing_role"`
	Successor      string `json:"successor"`
	SuccessorRole  string `json:"successor_role"`
	SuccessorStart string `json:"successor_start"`
	HandoverDate   string `json:"handover_date"`
	AdvisoryUntil  string `json:"advisory_until"`
	Cadence        string `json:"cadence"`
	Scope          string `json:"scope"`
}

// Readiness scores the six handover activities.
type Readiness struct {
	Score      float64    `json:"score"`
	Activities []Activity `json:"activities"`
}

// Activity is one handover activity and how complete it is.
type Activity struct {
	ID         string  `json:"id"`
	Done       bool    `json:"done"`
	Completion float64 `json:"completion"`
	Detail     string  `json:"detail"`
}

// Rule ids whose findings name a subject that readiness and the report
// count: people committing who are not in the team document, and vendors
// the code uses that the vendors document lacks.
const (
	RuleUnlistedContributor = "unlisted-contributor"
	RuleUndocumentedVendor  = "undocumented-vendor"
)

// Unlisted returns what the reality rules found missing from the
// documents: the people committing who are not in the team document
// ("Name <email>") and the vendors the code uses that the vendors document
// lacks, each once.
func (r *Result) Unlisted() (people, vendors []string) {
	return Subjects(r.Findings, RuleUnlistedContributor), Subjects(r.Findings, RuleUndocumentedVendor)
}

// Subjects returns the distinct subjects of a rule's findings, in order.
func Subjects(fs []Finding, rule string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Rule == rule && f.Subject != "" && !seen[f.Subject] {
			seen[f.Subject] = true
			out = append(out, f.Subject)
		}
	}
	return out
}

// RuleInfo documents a rule: what `handover rules` and `explain` print and
// what SARIF rule descriptors carry.
type RuleInfo struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	// Summary is one line: what fires the rule.
	Summary string `json:"summary"`
	// Explain says what the rule checks, why it matters and how to fix it.
	Explain string `json:"explain"`
	// Options documents the rule's settings in .handover.yml.
	Options []OptionInfo `json:"options,omitempty"`
}

// OptionInfo documents one setting of a rule.
type OptionInfo struct {
	Name string `json:"name"`
	// Default is the default value as written in .handover.yml.
	Default string `json:"default"`
	Doc     string `json:"doc"`
}
