package lint

var ruleFutureDate = &Rule{
	ID:       "future-date",
	Severity: Error,
	Summary:  "a document's reviewed date is later than tomorrow",
	Explain: `A reviewed date in the future (later than today + 1 day, to allow for time
zones) is a typo, or a way to silence stale-review. Either way the document
claims a review that has not happened.

Fix: set reviewed to the day the document was really last confirmed.`,
	Check: func(p *Pass) {
		for _, kind := range sortedKeys(p.Folder.Docs) {
			d := p.Folder.Docs[kind]
			reviewed, ok := parseDate(d.String("reviewed"))
			if ok && reviewed.After(p.today().AddDate(0, 0, 1)) {
				p.ReportAt(d, "/reviewed", "reviewed %s is in the future (today is %s): set it to the day the document was last confirmed",
					d.String("reviewed"), p.today().Format("2006-01-02"))
			}
		}
	},
}
