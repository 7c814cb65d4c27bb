package lint

import (
	"fmt"
	"strings"

	"github.com/handover-dev/handover/lint/result"
)

// readiness scores the six handover activities. Unknown is not done: an
// untouched template scores nothing, and what history could not check
// (drift in a shallow clone, outside git) counts as not done, with
// "unknown" in the detail.
func readiness(p *Pass, res *Result) result.Readiness {
	f := p.Folder
	acts := []result.Activity{
		documented(p, res, "document-product", "product"),
		documented(p, res, "document-tech", "tech"),
		documented(p, res, "document-team", "team"),
		introduceTeam(f.Team, res),
		introduceVendors(f.Vendors, res),
		rampDown(p),
	}
	var sum float64
	for i := range acts {
		acts[i].Completion = round2(acts[i].Completion)
		acts[i].Done = acts[i].Completion >= 1
		sum += acts[i].Completion
	}
	return result.Readiness{Score: round2(sum / float64(len(acts))), Activities: acts}
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// isTemplate reports a document whose owner is still template text: the
// init template nobody has taken on yet.
func isTemplate(d *Doc) bool { return d.Data != nil && isPlaceholder(d.Fields.Owner) }

// documented scores a document activity, a quarter each: the document is
// present (and no longer the untouched template), complete (valid, no
// placeholder or empty section left), reviewed on time, and free of drift.
// The last two count only for a complete document: an unfinished one has
// not really been reviewed.
func documented(p *Pass, res *Result, id, kind string) result.Activity {
	d := p.Folder.Doc(kind)
	switch {
	case d == nil:
		return result.Activity{ID: id, Detail: kind + " document missing"}
	case isTemplate(d):
		return result.Activity{ID: id, Detail: d.Path + " is still the template: set its owner and replace the TODOs"}
	}
	errs, unfinished, stale, drift := 0, 0, false, false
	for _, f := range res.Findings {
		if f.Path != d.Path {
			continue
		}
		switch {
		case f.Rule == ruleStaleReview.ID:
			stale = true
		case f.Rule == ruleDrift.ID:
			drift = true
		case f.Severity == Error:
			errs++
		case f.Rule == rulePlaceholder.ID || f.Rule == ruleEmptySection.ID:
			unfinished++
		}
	}
	score := 0.25
	var notes []string
	switch {
	case errs > 0 || !d.Valid:
		n := max(errs, 1)
		notes = append(notes, countOf(n, "error", "errors"))
	case unfinished > 0:
		notes = append(notes, fmt.Sprintf("unfinished (%s)", countOf(unfinished, "placeholder or empty section", "placeholders or empty sections")))
	default:
		score += 0.25
	}
	complete := len(notes) == 0
	switch {
	case stale:
		notes = append(notes, "review overdue")
	case complete:
		score += 0.25
	}
	switch {
	case drift:
		notes = append(notes, fmt.Sprintf("code changed since (%s)", countOf(d.Drift.Commits, "commit", "commits")))
	case p.Config.Rules[ruleDrift.ID].Off:
		if complete {
			score += 0.25
		}
	case d.Drift == nil:
		notes = append(notes, "drift unknown ("+driftUnknown(p)+")")
	case complete:
		score += 0.25
	}
	if len(notes) == 0 {
		return result.Activity{ID: id, Completion: score, Detail: fmt.Sprintf("%s valid, reviewed %s, no drift", d.Path, d.Fields.Reviewed)}
	}
	return result.Activity{ID: id, Completion: score, Detail: d.Path + ": " + strings.Join(notes, ", ")}
}

// driftUnknown says why drift could not be checked.
func driftUnknown(p *Pass) string {
	switch {
	case p.Repo == nil:
		return "not a git repository"
	case p.Head == "":
		return "no commits yet"
	case p.Shallow:
		return "shallow clone"
	}
	return "history not read"
}

// introduceTeam scores the share of active members introduced to the
// successor. People committing who are not in the team document count as
// not introduced: the successor has not met them either. Members whose
// name is still template text are nobody yet.
func introduceTeam(team *Team, res *Result) result.Activity {
	var total, done int
	var missing []string
	if team != nil {
		for _, m := range team.Members {
			if m.Status == "left" || m.Name == "" || isPlaceholder(m.Name) {
				continue
			}
			total++
			if m.Introduced != "" {
				done++
			} else {
				missing = append(missing, m.Name)
			}
		}
	}
	people, _ := res.Unlisted()
	if len(people) > 0 {
		missing = append(missing, fmt.Sprintf("%d recent %s", len(people), plural(len(people), "committer", "committers")))
	}
	return introduction("introduce-team", "people", "team", total+len(people), done, len(people), missing)
}

// introduceVendors scores the share of vendors introduced to the
// successor, counting the vendors the code uses that the vendors document
// lacks as not introduced.
func introduceVendors(vendors *Vendors, res *Result) result.Activity {
	var total, done int
	var missing []string
	if vendors != nil {
		for _, v := range vendors.Vendors {
			if v.Name == "" || isPlaceholder(v.Name) {
				continue
			}
			total++
			if v.Introduced != "" {
				done++
			} else {
				missing = append(missing, v.Name)
			}
		}
	}
	_, used := res.Unlisted()
	if len(used) > 0 {
		missing = append(missing, fmt.Sprintf("%d %s the code uses", len(used), plural(len(used), "vendor", "vendors")))
	}
	return introduction("introduce-vendors", "vendors", "vendors", total+len(used), done, len(used), missing)
}

func introduction(id, what, doc string, total, done, unlisted int, missing []string) result.Activity {
	if total == 0 {
		return result.Activity{ID: id, Detail: "no " + what + " listed"}
	}
	detail := fmt.Sprintf("%d of %d %s introduced", done, total, what)
	if len(missing) > 0 {
		detail += "; still to introduce: " + strings.Join(missing, ", ")
	}
	if unlisted > 0 {
		detail += fmt.Sprintf(" (not in the %s document yet)", doc)
	}
	return result.Activity{ID: id, Completion: float64(done) / float64(total), Detail: detail}
}

// rampDown scores the transition plan: a third each for a successor, a
// handover date and an advisory period. An untouched template scores
// nothing: its dates are the day init ran, not a plan.
func rampDown(p *Pass) result.Activity {
	t := p.Folder.Transition
	switch {
	case t == nil && p.Folder.Doc("transition") != nil:
		return result.Activity{ID: "ramp-down", Detail: p.Folder.Doc("transition").Path + " does not parse"}
	case t == nil:
		return result.Activity{ID: "ramp-down", Detail: "transition document missing"}
	case isTemplate(t.Doc):
		return result.Activity{ID: "ramp-down", Detail: t.Path + " is still the template: name the successor and set the handover date and advisory period"}
	}
	score := 0.0
	var have, lack []string
	for _, part := range []struct {
		ok         bool
		what, miss string
	}{
		{t.Successor.Name != "" && !isPlaceholder(t.Successor.Name), "successor " + t.Successor.Name, "no successor"},
		{t.HandoverDate != "", "handover on " + t.HandoverDate, "no handover date"},
		{t.Advisory.Until != "", "advisory until " + t.Advisory.Until, "no advisory period"},
	} {
		if part.ok {
			score += 1.0 / 3
			have = append(have, part.what)
		} else {
			lack = append(lack, part.miss)
		}
	}
	return result.Activity{ID: "ramp-down", Completion: score, Detail: strings.Join(append(have, lack...), ", ")}
}
