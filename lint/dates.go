package lint

import (
	"time"
)

// parseDate reads a YYYY-MM-DD date as midnight UTC.
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// days is the whole number of days from a to b.
func days(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }
