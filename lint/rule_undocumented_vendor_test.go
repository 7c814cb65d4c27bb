package lint

import (
	"strings"
	"testing"
)

func TestUndocumentedVendor(t *testing.T) { testRule(t, "undocumented-vendor") }

// TestUndocumentedVendorIgnore: a vendor the ignore option names, by name or
// glob, is not reported; the others still are.
func TestUndocumentedVendorIgnore(t *testing.T) {
	res := checkArchive(t, `-- .handover.yml --
require: [vendors]
rules:
  undocumented-vendor: {ignore: [sentry, "Post*", "legacy/**", "TWILIO_*"]}
-- go.mod --
module example.com/shop

require (
	github.com/getsentry/sentry-go v0.29.0
	github.com/stripe/stripe-go/v76 v76.25.0
	github.com/posthog/posthog-go v1.2.0
)
-- legacy/web/package.json --
{"dependencies": {"@slack/web-api": "7.0.0"}}
-- .env.example --
TWILIO_ACCOUNT_SID=
-- handover/vendors.md --
---
owner: Ana
reviewed: 2026-11-01
vendors:
  - {name: AWS, service: hosting, account_owner: Ana}
---
`)
	got := ruleLines(res, "undocumented-vendor")
	if !strings.Contains(got, "Stripe is a hosted service") || strings.Count(got, "\n") != 1 {
		t.Errorf("undocumented-vendor with ignore [sentry, Post*, legacy/**, TWILIO_*] = only Stripe, got:\n%s", got)
	}
}
