package lint

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestStartup checks a realistic repository: every planted defect is found,
// at its line, and nothing else is.
func TestStartup(t *testing.T) {
	res := loadFixture(t, filepath.Join("testdata", "startup", "acme.txtar")).check(t)
	got := findingLines(res.Findings)
	golden(t, filepath.Join("testdata", "startup", "acme.want"), got)
	planted := []string{
		"handover/product.md:5:10: error: /summary: is 218 characters long, at most 200 are allowed", // 1: summary over 200 characters
		`handover/product.md:25:1: error: missing section "## Roadmap"`,                              // 2
		`handover/product.md:29:1: warning: section "## Known issues" is`,                            // 3
		`handover/tech.md:27:1: warning: placeholder "TBD"`,                                          // 4
		"handover/tech.md:12:3: warning: covered code changed in 2 commits",                          // 5: drift
		`handover/tech.md:13:5: warning: covers glob "infra/legacy/**"`,                              // 6: dead-cover
		"handover/team.md:18:12: error: /members/2/email: ",                                          // 7
		"handover/team.md:20:5: warning: Priya Shah (Frontend engineer)",                             // 8: not-introduced
		"handover/team.md:29:18: error: link to ../docs/onboarding.md#first-week",                    // 9: broken-link
		`handover/vendors.md:14:20: warning: account owner "Bob"`,                                    // 10: unknown-owner
		"handover/vendors.md:17:14: warning: Fly.io renews on 2026-12-20",                            // 11: renewal-due
		"handover/vendors.md:3:11: warning: review overdue",                                          // 12: stale-review
		"handover/transition.md:2:1: warning: no successor named",                                    // 13: no-successor
	}
	for i, p := range planted {
		if !strings.Contains(got, p) {
			t.Errorf("defect %d not found: %q", i+1, p)
		}
	}
	if n := strings.Count(got, "\n"); n != len(planted) {
		t.Errorf("%d findings, want exactly the %d planted ones:\n%s", n, len(planted), got)
	}
}
