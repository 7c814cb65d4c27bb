package lint

import (
	"time"
)

// parseDate reads a YYYY-MM-DD date as midnight UTC.
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// today is the calendar day of now, as midnight UTC.
func (p *Pass) today() time.Time {
	y, m, d := p.Now.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// days is the whole number of days from a to b.
func days(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

// reviewEvery is a document's review period in days: its own
// review_every, else the config's default.
func (p *Pass) reviewEvery(d *Doc) int {
	if n, err := ParsePeriod(d.String("review_every")); err == nil {
		return n
	}
	return p.Config.ReviewEvery
}
