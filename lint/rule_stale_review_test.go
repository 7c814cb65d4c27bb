package lint

import "testing"

func TestStaleReview(t *testing.T) { testRule(t, "stale-review") }

// TestStaleReviewPeriods: each unit of review_every, the config default,
// and the boundary (due today is not overdue; due yesterday is), at the
// fixtures' now, 2026-11-25.
func TestStaleReviewPeriods(t *testing.T) {
	tests := []struct {
		reviewed, every, config string
		stale                   bool
	}{
		{"2026-08-27", "", "", false}, // 90 days by default
		{"2026-08-26", "", "", true},
		{"2026-11-25", "0d", "", false},
		{"2026-11-24", "1d", "", false},
		{"2026-11-23", "1d", "", true},
		{"2026-10-14", "6w", "", false},
		{"2026-10-13", "6w", "", true},
		{"2026-10-26", "1m", "", false}, // a month is 30 days
		{"2026-10-25", "1m", "", true},
		{"2025-11-25", "1y", "", false}, // a year is 365 days
		{"2025-11-24", "1y", "", true},
		{"2026-10-26", "", "30d", false},
		{"2026-10-25", "", "30d", true},
		{"2026-01-10", "1y", "30d", false}, // the document's own period wins
		{"2026-10-25", "monthly", "30d", true},
	}
	for _, tt := range tests {
		doc := "owner: Ana Lima\nreviewed: " + tt.reviewed + "\n"
		if tt.every != "" {
			doc += "review_every: " + tt.every + "\n"
		}
		doc += "vendors:\n  - {name: Fly.io, service: hosting, account_owner: Ana Lima, introduced: 2026-11-10}\n"
		config := "require: [vendors]\n"
		if tt.config != "" {
			config += "review_every: " + tt.config + "\n"
		}
		res := checkArchive(t, "nogit: true\n-- .handover.yml --\n"+config+"-- handover/vendors.yml --\n"+doc)
		got := ruleLines(res, "stale-review")
		if (got != "") != tt.stale {
			t.Errorf("reviewed %s, review_every %q, config %q: stale = %v, want %v\n%s", tt.reviewed, tt.every, tt.config, got != "", tt.stale, got)
		}
	}
}

func TestStaleReviewMessage(t *testing.T) {
	res := checkArchive(t, `nogit: true
-- .handover.yml --
require: [vendors]
review_every: 4w
-- handover/vendors.yml --
owner: Ana Lima
reviewed: 2026-10-01
vendors:
  - {name: Fly.io, service: hosting, account_owner: Ana Lima, introduced: 2026-11-10}
`)
	want := "handover/vendors.yml:2:11: warning: review overdue: reviewed 2026-10-01, 55 days ago, and due every 28 days (since 2026-10-29); re-read the document and set reviewed to today [stale-review]\n"
	if got := ruleLines(res, "stale-review"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
