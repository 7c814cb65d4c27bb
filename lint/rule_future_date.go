package lint

import "time"

func init() { register(ruleFutureDate) }

var ruleFutureDate = &Rule{
	ID:       "future-date",
	Severity: Error,
	Summary:  "a document's reviewed date is later than tomorrow",
	Explain: `A reviewed date in the future (later than today + 1 day, to allow for time
zones) is a typo, or a way to silence stale-review. Either way the document
claims a review that has not happened.

Fix: set reviewed to the day the document was really last confirmed.`,
	Run: func(p *Pass) error {
		for _, d := range p.Docs() {
			reviewed, ok := parseDate(d.Fields.Reviewed)
			if ok && reviewed.After(p.Today().AddDate(0, 0, 1)) {
				p.Report(d.At("/reviewed", "reviewed %s is in the future (today is %s): set it to the day the document was last confirmed",
					d.Fields.Reviewed, p.Today().Format(time.DateOnly)))
			}
		}
		return nil
	},
}
