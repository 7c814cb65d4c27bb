package lint

import (
	"fmt"
	"strings"
)

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

func readiness(p *Pass, res *Result) Readiness {
	acts := []Activity{
		documented(p, res, "document-product", "product"),
		documented(p, res, "document-tech", "tech"),
		documented(p, res, "document-team", "team"),
		introduced(res, "introduce-team"),
		introduced(res, "introduce-vendors"),
		rampDown(p, res),
	}
	var sum float64
	for i := range acts {
		acts[i].Completion = round2(acts[i].Completion)
		acts[i].Done = acts[i].Completion >= 1
		sum += acts[i].Completion
	}
	return Readiness{Score: round2(sum / float64(len(acts))), Activities: acts}
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// documented scores a document activity: a quarter each for the document
// being present, valid (no error findings), reviewed on time and free of drift.
func documented(p *Pass, res *Result, id, kind string) Activity {
	d := p.Doc(kind)
	if d == nil {
		return Activity{ID: id, Detail: kind + " document missing"}
	}
	errs, unfinished, stale, drift := 0, 0, false, false
	for _, f := range res.Findings {
		if f.Path != d.Path {
			continue
		}
		switch {
		case f.Rule == "stale-review":
			stale = true
		case f.Rule == "drift":
			drift = true
		case f.Severity == Error:
			errs++
		case f.Rule == "placeholder" || f.Rule == "empty-section":
			unfinished++
		}
	}
	// A quarter each: present, complete (valid, no placeholder or empty
	// section left), reviewed on time, and free of drift.
	score := 0.25
	var notes []string
	switch {
	case errs > 0 || !d.Valid:
		n := max(errs, 1)
		notes = append(notes, fmt.Sprintf("%d %s", n, plural(n, "error", "errors")))
	case unfinished > 0:
		notes = append(notes, fmt.Sprintf("unfinished (%d %s)", unfinished, plural(unfinished, "placeholder or empty section", "placeholders or empty sections")))
	default:
		score += 0.25
	}
	if !stale {
		score += 0.25
	} else {
		notes = append(notes, "review overdue")
	}
	if !drift {
		score += 0.25
	} else {
		notes = append(notes, fmt.Sprintf("code changed since (%d commits)", d.Drift.Commits))
	}
	if len(notes) == 0 {
		return Activity{ID: id, Completion: score, Detail: fmt.Sprintf("%s valid, reviewed %s, no drift", d.Path, d.String("reviewed"))}
	}
	return Activity{ID: id, Completion: score, Detail: d.Path + ": " + strings.Join(notes, ", ")}
}

// introduced scores the share of active members, or of vendors, that have
// been introduced to the successor. People committing who are not in the
// team document, and vendors the code uses that the vendors document
// lacks, count as not introduced: the successor has not met them either.
func introduced(res *Result, id string) Activity {
	total, done := 0, 0
	var missing []string
	count := func(name, date string) {
		total++
		if date != "" {
			done++
		} else {
			missing = append(missing, name)
		}
	}
	what, unlisted, where := "people", 0, "team"
	if id == "introduce-team" {
		for _, m := range res.Team {
			if m.Status != "left" {
				count(m.Name, m.Introduced)
			}
		}
		unlisted = len(unlistedContributors(res.Findings))
		if unlisted > 0 {
			missing = append(missing, fmt.Sprintf("%d recent %s", unlisted, plural(unlisted, "committer", "committers")))
		}
	} else {
		what, where = "vendors", "vendors"
		for _, v := range res.Vendors {
			count(v.Name, v.Introduced)
		}
		unlisted = len(undocumentedVendors(res.Findings))
		if unlisted > 0 {
			missing = append(missing, fmt.Sprintf("%d %s the code uses", unlisted, plural(unlisted, "vendor", "vendors")))
		}
	}
	total += unlisted
	if total == 0 {
		return Activity{ID: id, Detail: "no " + what + " listed"}
	}
	detail := fmt.Sprintf("%d of %d %s introduced", done, total, what)
	if len(missing) > 0 {
		detail += "; still to introduce: " + strings.Join(missing, ", ")
	}
	if unlisted > 0 {
		detail += fmt.Sprintf(" (not in the %s document yet)", where)
	}
	return Activity{ID: id, Completion: float64(done) / float64(total), Detail: detail}
}

// Unlisted returns what the reality rules found missing from the documents:
// the people committing who are not in the team document ("Name <email>")
// and the vendors the code uses that the vendors document lacks.
func (r *Result) Unlisted() (people, vendors []string) {
	return unlistedContributors(r.Findings), undocumentedVendors(r.Findings)
}

// rampDown scores the transition plan: a third each for a successor, a
// handover date and an advisory period.
func rampDown(p *Pass, res *Result) Activity {
	if p.Doc("transition") == nil {
		return Activity{ID: "ramp-down", Detail: "transition document missing"}
	}
	t := res.Handover
	score := 0.0
	var have, lack []string
	for _, part := range []struct {
		ok         bool
		what, miss string
	}{
		{t.Successor != "" && !isPlaceholder(t.Successor), "successor " + t.Successor, "no successor"},
		{t.HandoverDate != "", "handover on " + t.HandoverDate, "no handover date"},
		{t.AdvisoryUntil != "", "advisory until " + t.AdvisoryUntil, "no advisory period"},
	} {
		if part.ok {
			score += 1.0 / 3
			have = append(have, part.what)
		} else {
			lack = append(lack, part.miss)
		}
	}
	return Activity{ID: "ramp-down", Completion: score, Detail: strings.Join(append(have, lack...), ", ")}
}
