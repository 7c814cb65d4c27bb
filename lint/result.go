package lint

import (
	"time"

	"github.com/handover-dev/handover/lint/result"
	"github.com/handover-dev/handover/schemas"
)

// The result of a check is defined in lint/result, a leaf package that the
// output formats import without the linter's core; as os.FileMode names
// fs.FileMode, these names let the core say Finding rather than
// result.Finding.
type (
	// Result is everything one check produced: the JSON document.
	Result = result.Result
	// Finding is one problem a rule found.
	Finding = result.Finding
	// Severity orders findings.
	Severity = result.Severity
)

// Severities.
const (
	Info    = result.Info
	Warning = result.Warning
	Error   = result.Error
)

// Version is the tool version the result names: "devel" in the library;
// the handover command sets the release or the commit it was built from.
var Version = "devel"

func newResult(ws *Workspace, p *Pass, findings []Finding) *Result {
	if findings == nil {
		findings = []Finding{}
	}
	f := p.Folder
	res := &Result{
		Version: result.Version,
		Tool:    result.Tool{Name: "handover", Version: Version},
		Repo: result.RepoInfo{
			Name: ws.Name(), Root: ws.Root, URL: ws.URL, Head: ws.Head, Shallow: ws.Shallow,
			Now: p.Now.UTC().Format(time.DateOnly), Dir: p.Config.Dir, Base: p.Base, Changed: nonNil(p.Changed),
		},
		Findings: findings,
		Summary:  result.Count(findings),
		Team:     []result.Member{},
		Vendors:  []result.Vendor{},
	}
	for _, kind := range schemas.Kinds {
		res.Docs = append(res.Docs, docInfo(p, kind))
	}
	if f.Product != nil {
		res.Product = f.Product.Name
	}
	if f.Team != nil {
		for _, m := range f.Team.Members {
			res.Team = append(res.Team, result.Member{Name: m.Name, Role: m.Role, Email: m.Email, GitHub: m.GitHub, Status: m.Status, Introduced: m.Introduced})
		}
	}
	if f.Vendors != nil {
		for _, v := range f.Vendors.Vendors {
			res.Vendors = append(res.Vendors, result.Vendor{
				Name: v.Name, Service: v.Service, AccountOwner: v.AccountOwner,
				Renewal: v.Renewal, Introduced: v.Introduced, Critical: v.Critical,
			})
		}
	}
	if t := f.Transition; t != nil {
		res.Handover = result.Transition{
			Outgoing: t.Outgoing.Name, OutgoingRole: t.Outgoing.Role,
			Successor: t.Successor.Name, SuccessorRole: t.Successor.Role, SuccessorStart: t.Successor.Start,
			HandoverDate: t.HandoverDate, AdvisoryUntil: t.Advisory.Until, Cadence: t.Advisory.Cadence, Scope: t.Advisory.Scope,
		}
	}
	res.Readiness = readiness(p, res)
	return res
}

// docInfo is the state of a kind's document for the result.
func docInfo(p *Pass, kind string) result.DocInfo {
	info := result.DocInfo{Kind: kind, Path: docPath(p.Config.Dir, kind), Covers: []string{}}
	d := p.Folder.Doc(kind)
	if d == nil {
		if c := p.Folder.Candidates[kind]; len(c) > 0 {
			info.Path, info.Present = c[0], true
		}
		return info
	}
	info.Path, info.Present = d.Path, true
	info.Owner, info.Reviewed = d.Fields.Owner, d.Fields.Reviewed
	info.ReviewEveryDays = p.ReviewEvery(d)
	info.Covers = nonNil(d.Fields.Covers)
	if d.LastChange != nil {
		info.LastChange = &result.CommitRef{Commit: d.LastChange.Hash, Date: d.LastChange.Time.UTC().Format(time.RFC3339)}
	}
	if d.Drift != nil {
		info.Drift = &result.DriftInfo{Commits: d.Drift.Commits, Paths: []result.PathDelta{}}
		if n := d.Drift.Newest; n != nil {
			info.Drift.Newest = &result.CommitRef{Commit: n.Hash, Date: n.Time.UTC().Format(time.RFC3339)}
		}
		for _, ps := range d.Drift.Paths {
			info.Drift.Paths = append(info.Drift.Paths, result.PathDelta{Path: ps.Path, Added: ps.Added, Removed: ps.Removed, Binary: ps.Binary})
		}
	}
	return info
}

// nonNil makes an absent list an empty one, which JSON writes as [].
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
