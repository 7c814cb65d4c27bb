// Package report renders a check's result as the one-pager for the handover
// meeting: readiness per activity, the state of each document, the people
// and vendors still to introduce, renewals coming up, the transition plan
// and the findings by severity. It reads only the result.Result, so the
// figures are the ones the JSON output gives.
package report

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/handover-dev/handover/lint/result"
)

// RenewalWindow is how far ahead the report lists vendor renewals.
const RenewalWindow = 90

// Report is what the one-pager shows, computed from a result.
type Report struct {
	Title      string
	Repo       string // the repository's name
	Head       string // short commit, "" without history
	Now        string
	Score      int // percent
	Activities []Activity
	Docs       []Doc
	People     []Person // members not yet introduced
	Vendors    []Vendor // vendors not yet introduced
	// Committers commit but are not in the team document, and UsedVendors
	// are in the code but not in the vendors document: nobody has
	// introduced them either.
	Committers  []Committer
	UsedVendors []string
	Renewals    []Renewal
	Transition  *result.Transition // nil without a transition document
	Groups      []Group
	Summary     result.Summary
}

// Activity is one of the six handover activities.
type Activity struct {
	ID, Title, Detail string
	Percent           int
	Done              bool
}

// Doc is one kind's document.
type Doc struct {
	Kind, Path      string
	Present         bool
	Owner, Reviewed string
	// Age is the days since reviewed; Overdue when past review_every.
	Age        string
	Overdue    bool
	LastChange string
	// Drift is "none", "not checked" or the count of commits, and
	// DriftPaths the paths they changed most (at most driftPaths).
	Drift      string
	DriftPaths []result.PathDelta
}

// driftPaths is how many changed paths the report names per document.
const driftPaths = 3

// Person is a member still to introduce to the successor.
type Person struct{ Name, Role, Status string }

// Committer is someone who commits but is not in the team document.
type Committer struct {
	Who string // "Name <email>"
	// Commits is how many commits they made in the last Days days; both
	// are 0 when the finding does not say.
	Commits, Days int
}

// Vendor is a vendor still to introduce to the successor.
type Vendor struct {
	Name, Service, AccountOwner string
	Critical                    bool
}

// Renewal is a vendor contract renewing within RenewalWindow days (or
// already past its date).
type Renewal struct {
	Vendor, Date, AccountOwner, When string
	Past                             bool
}

// Group is the findings of one severity.
type Group struct {
	Severity result.Severity
	Label    string // symbol and word, so that it reads without colour
	Findings []result.Finding
}

var activityTitles = map[string]string{
	"document-product":  "Document the product",
	"document-tech":     "Document the technology",
	"document-team":     "Document the team",
	"introduce-team":    "Introduce team members",
	"introduce-vendors": "Introduce tech vendors",
	"ramp-down":         "Ramp down to advisory",
}

// Labels pair each severity with a symbol, for readers without colour
// and for black-and-white print.
var labels = map[result.Severity]string{result.Error: "✖ error", result.Warning: "▲ warning", result.Info: "ℹ info"}

// New computes the report of a result.
func New(res *result.Result) *Report {
	now, _ := time.Parse(time.DateOnly, res.Repo.Now)
	r := &Report{
		Title:   cmp.Or(res.Product, res.Repo.Name, "this repository"),
		Repo:    cmp.Or(res.Repo.Name, res.Repo.URL, res.Repo.Root),
		Now:     res.Repo.Now,
		Score:   percent(res.Readiness.Score),
		Summary: res.Summary,
	}
	if len(res.Repo.Head) >= 7 {
		r.Head = res.Repo.Head[:7]
	}
	for _, a := range res.Readiness.Activities {
		r.Activities = append(r.Activities, Activity{
			ID: a.ID, Title: cmp.Or(activityTitles[a.ID], a.ID), Detail: a.Detail,
			Percent: percent(a.Completion), Done: a.Done,
		})
	}
	for _, d := range res.Docs {
		r.Docs = append(r.Docs, newDoc(d, now))
		if d.Kind == "transition" && d.Present {
			r.Transition = &res.Handover
		}
	}
	for _, m := range res.Team {
		if m.Status != "left" && m.Introduced == "" {
			r.People = append(r.People, Person{Name: m.Name, Role: m.Role, Status: m.Status})
		}
	}
	var people []string
	people, r.UsedVendors = res.Unlisted()
	for _, who := range people {
		r.Committers = append(r.Committers, committer(who, res.Findings))
	}
	for _, v := range res.Vendors {
		if v.Introduced == "" {
			r.Vendors = append(r.Vendors, Vendor{Name: v.Name, Service: v.Service, AccountOwner: v.AccountOwner, Critical: v.Critical})
		}
		if date, err := time.Parse(time.DateOnly, v.Renewal); err == nil && !now.IsZero() {
			if days := int(date.Sub(now).Hours() / 24); days <= RenewalWindow {
				r.Renewals = append(r.Renewals, Renewal{
					Vendor: v.Name, Date: v.Renewal, AccountOwner: v.AccountOwner, When: relative(days), Past: days < 0,
				})
			}
		}
	}
	slices.SortStableFunc(r.Renewals, func(a, b Renewal) int { return cmp.Compare(a.Date, b.Date) })
	for _, sev := range []result.Severity{result.Error, result.Warning, result.Info} {
		g := Group{Severity: sev, Label: labels[sev]}
		for _, f := range res.Findings {
			if f.Severity == sev {
				g.Findings = append(g.Findings, f)
			}
		}
		if len(g.Findings) > 0 {
			r.Groups = append(r.Groups, g)
		}
	}
	return r
}

func newDoc(d result.DocInfo, now time.Time) Doc {
	doc := Doc{Kind: d.Kind, Path: d.Path, Present: d.Present, Owner: d.Owner, Reviewed: d.Reviewed}
	if reviewed, err := time.Parse(time.DateOnly, d.Reviewed); err == nil && !now.IsZero() {
		days := int(now.Sub(reviewed).Hours() / 24)
		doc.Age = plural(days, "day")
		doc.Overdue = d.ReviewEveryDays > 0 && days > d.ReviewEveryDays
	}
	switch {
	case d.LastChange != nil:
		doc.LastChange = fmt.Sprintf("%.10s (%.7s)", d.LastChange.Date, d.LastChange.Commit)
	case d.Present && d.Drift != nil:
		doc.LastChange = "not committed"
	}
	switch {
	case d.Drift == nil:
		doc.Drift = "not checked"
	case d.Drift.Commits == 0:
		doc.Drift = "none"
	default:
		doc.Drift = plural(d.Drift.Commits, "commit")
		doc.DriftPaths = d.Drift.Paths[:min(driftPaths, len(d.Drift.Paths))]
	}
	return doc
}

// commitCount reads the count out of an unlisted-contributor finding's
// message ("… made 14 commits in the last 180 days …"): the result has no
// field for it.
var commitCount = regexp.MustCompile(`\bmade ([0-9]+) commits? in the last ([0-9]+) days?\b`)

// committer is an unlisted committer with the commit count of their
// finding.
func committer(who string, fs []result.Finding) Committer {
	c := Committer{Who: who}
	for _, f := range fs {
		if f.Rule != "unlisted-contributor" || f.Subject != who {
			continue
		}
		if m := commitCount.FindStringSubmatch(f.Message); m != nil {
			c.Commits, _ = strconv.Atoi(m[1])
			c.Days, _ = strconv.Atoi(m[2])
		}
		break
	}
	return c
}

// location is where a finding points: path:line:col, or the path alone.
func location(f result.Finding) string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column)
	}
	return f.Path
}

func percent(f float64) int { return int(f*100 + 0.5) }

func plural(n int, unit string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func relative(days int) string {
	switch {
	case days < 0:
		return "passed " + plural(-days, "day") + " ago"
	case days == 0:
		return "today"
	}
	return "in " + plural(days, "day")
}
