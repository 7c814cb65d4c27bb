package lint

import "time"

func init() { register(ruleStaleReview) }

var ruleStaleReview = &Rule{
	ID:       "stale-review",
	Severity: Warning,
	Summary:  "a document's reviewed date plus its review period is in the past",
	Explain: `Each document says when a person last confirmed it (reviewed) and how often
it must be confirmed (review_every, default 90d or the config's
review_every). When reviewed + review_every is before today (--now), the
document is overdue: a handover doc nobody re-read for a year is a guess.

Fix: read the document, correct what changed, and set reviewed to today's
date. If it changes rarely, give it a longer review_every (such as 1y).`,
	Run: func(p *Pass) error {
		for _, d := range p.Docs() {
			reviewed, ok := parseDate(d.Fields.Reviewed)
			if !ok {
				continue
			}
			every := p.ReviewEvery(d)
			due := reviewed.AddDate(0, 0, every)
			if p.Today().After(due) {
				p.Report(d.At("/reviewed", "review overdue: reviewed %s, %d days ago, and due every %d days (since %s); re-read the document and set reviewed to today",
					d.Fields.Reviewed, days(reviewed, p.Today()), every, due.Format(time.DateOnly)))
			}
		}
		return nil
	},
}
