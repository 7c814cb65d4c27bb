package lint

import (
	"time"

	"github.com/handover-dev/handover/schemas"
)

// Version is the tool version, set at build time with -ldflags.
var Version = "v0.1.0"

// Result is everything one check produced: the JSON output, version 1.
type Result struct {
	Version   int       `json:"version"`
	Tool      Tool      `json:"tool"`
	Repo      RepoInfo  `json:"repo"`
	Docs      []DocInfo `json:"docs"`
	Findings  []Finding `json:"findings"`
	Readiness Readiness `json:"readiness"`
	Summary   Summary   `json:"summary"`
	Dir       string    `json:"-"`
	// Changed lists the files the change since --base touches.
	Changed  []string   `json:"-"`
	Team     []Member   `json:"-"`
	Vendors  []Vendor   `json:"-"`
	Handover Transition `json:"-"`
	Product  string     `json:"-"` // the product's name, for report titles
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
	Commits int         `json:"commits"`
	Paths   []PathDelta `json:"paths"`
}

// PathDelta is one changed path with lines added and removed.
type PathDelta struct {
	Path    string `json:"path"`
	Added   int    `json:"added"`
	Removed int    `json:"removed"`
}

// Summary counts findings per severity.
type Summary struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// Vendor is a vendor of the vendors document, for reports.
type Vendor struct {
	Name, Service, AccountOwner, Renewal, Introduced string
	Critical                                         bool
}

// Transition is the transition document's plan, for reports.
type Transition struct {
	Outgoing, OutgoingRole, Successor, SuccessorRole, SuccessorStart string
	HandoverDate, AdvisoryUntil, Cadence, Scope                      string
}

func newResult(ws *Workspace, p *Pass, findings []Finding) *Result {
	if findings == nil {
		findings = []Finding{}
	}
	res := &Result{
		Version:  1,
		Tool:     Tool{Name: "handover", Version: Version},
		Repo:     RepoInfo{Name: ws.Name(), Root: ws.Root, URL: ws.URL, Head: ws.Head, Shallow: ws.Shallow, Now: p.Now.UTC().Format(time.DateOnly)},
		Findings: findings,
		Dir:      p.Config.Dir,
		Changed:  p.Changed,
		Team:     p.Team,
	}
	for _, f := range findings {
		switch f.Severity {
		case Error:
			res.Summary.Error++
		case Warning:
			res.Summary.Warning++
		case Info:
			res.Summary.Info++
		}
	}
	for _, kind := range schemas.Kinds {
		info := DocInfo{Kind: kind, Path: docPath(p.Config.Dir, kind), Covers: []string{}}
		if d := p.Doc(kind); d != nil {
			info.Path, info.Present = d.Path, true
			info.Owner, info.Reviewed = d.String("owner"), d.String("reviewed")
			info.ReviewEveryDays = p.reviewEvery(d)
			if c := d.Strings("covers"); c != nil {
				info.Covers = c
			}
			if d.LastChange != nil {
				info.LastChange = &CommitRef{Commit: d.LastChange.Hash, Date: d.LastChange.Time.UTC().Format(time.RFC3339)}
			}
			if d.Drift != nil {
				info.Drift = &DriftInfo{Commits: d.Drift.Commits, Paths: []PathDelta{}}
				for _, ps := range d.Drift.Paths {
					info.Drift.Paths = append(info.Drift.Paths, PathDelta{Path: ps.Path, Added: ps.Added, Removed: ps.Removed})
				}
			}
		} else if c := p.Folder.Candidates[kind]; len(c) > 0 {
			info.Path, info.Present = c[0], true
		}
		res.Docs = append(res.Docs, info)
	}
	res.Product = p.Doc("product").String("name")
	if v := p.Doc("vendors"); v != nil {
		for _, it := range v.Items("vendors") {
			critical, _ := it.Fields["critical"].(bool)
			res.Vendors = append(res.Vendors, Vendor{
				Name: it.String("name"), Service: it.String("service"), AccountOwner: it.String("account_owner"),
				Renewal: it.String("renewal"), Introduced: it.String("introduced"), Critical: critical,
			})
		}
	}
	if t := p.Doc("transition"); t != nil && t.Data != nil {
		field := func(obj, key string) string {
			m, _ := t.Data[obj].(map[string]any)
			s, _ := m[key].(string)
			return s
		}
		res.Handover = Transition{
			Outgoing: field("outgoing", "name"), OutgoingRole: field("outgoing", "role"),
			Successor: field("successor", "name"), SuccessorRole: field("successor", "role"), SuccessorStart: field("successor", "start"),
			HandoverDate: t.String("handover_date"), AdvisoryUntil: field("advisory", "until"),
			Cadence: field("advisory", "cadence"), Scope: field("advisory", "scope"),
		}
	}
	res.Readiness = readiness(p, res)
	return res
}
