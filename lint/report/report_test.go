package report

import (
	"bytes"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	goldenfile "github.com/handover-dev/handover/internal/golden"
	"github.com/handover-dev/handover/lint/result"
)

// fixtureResult is a handover three weeks before the meeting: most docs
// in shape, one stale and drifting, people and vendors half introduced.
func fixtureResult() *result.Result {
	return &result.Result{
		Version: 1,
		Tool:    result.Tool{Name: "handover", Version: "v0.1.0"},
		Repo:    result.RepoInfo{Name: "acme-shop", Root: ".", Head: "3f9c2a17b0e4d5c6a7b8c9d0e1f2a3b4c5d6e7f8", Now: "2026-11-25"},
		Product: "Acme Shop",
		Docs: []result.DocInfo{
			{Kind: "product", Path: "handover/product.md", Present: true, Owner: "Ana Lima", Reviewed: "2026-11-01", ReviewEveryDays: 90,
				LastChange: &result.CommitRef{Commit: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", Date: "2026-11-01T10:00:00Z"}, Drift: &result.DriftInfo{}},
			{Kind: "tech", Path: "handover/tech.md", Present: true, Owner: "Dee Olsen", Reviewed: "2026-06-02", ReviewEveryDays: 90,
				LastChange: &result.CommitRef{Commit: "b2c3d4e5f60718293a4b5c6d7e8f901234567890", Date: "2026-06-02T09:30:00Z"},
				Drift: &result.DriftInfo{Commits: 7, Paths: []result.PathDelta{
					{Path: "services/billing/internal/adapters/stripe/webhooks/invoice_payment_succeeded_handler.go", Added: 42, Removed: 8},
					{Path: "infra/main.tf", Added: 5, Removed: 1}, {Path: "infra/db.tf", Added: 2, Removed: 2}, {Path: "infra/dns.tf", Added: 1}}}},
			{Kind: "team", Path: "handover/team.md", Present: true, Owner: "Ana Lima", Reviewed: "2026-11-10", ReviewEveryDays: 90,
				LastChange: &result.CommitRef{Commit: "c3d4e5f60718293a4b5c6d7e8f90123456789012", Date: "2026-11-10T16:05:00Z"}, Drift: &result.DriftInfo{}},
			{Kind: "vendors", Path: "handover/vendors.md", Present: true, Owner: "Ana Lima", Reviewed: "2026-10-20", ReviewEveryDays: 90,
				LastChange: &result.CommitRef{Commit: "d4e5f60718293a4b5c6d7e8f9012345678901234", Date: "2026-10-20T11:00:00Z"}, Drift: &result.DriftInfo{}},
			{Kind: "transition", Path: "handover/transition.md", Present: true, Owner: "Dee Olsen", Reviewed: "2026-11-12", ReviewEveryDays: 30,
				Drift: &result.DriftInfo{}},
		},
		Findings: []result.Finding{
			{Rule: "undocumented-vendor", Severity: result.Warning, Subject: "Sentry", Path: "go.mod", Line: 7, Column: 2, Message: "Sentry is a hosted service this code depends on (github.com/getsentry/sentry-go in go.mod) but the vendors document does not list it: add it to handover/vendors.md with its account owner"},
			{Rule: "schema", Severity: result.Error, Path: "handover/tech.md", Line: 9, Column: 12, Doc: "tech", Pointer: "/environments/0/url", Message: `/environments/0/url: "prod | eu" is not a valid uri`},
			{Rule: "stale-review", Severity: result.Warning, Path: "handover/tech.md", Line: 3, Column: 11, Doc: "tech", Message: "reviewed 2026-06-02, 176 days ago; reviews are due every 90 days: review the document and update reviewed"},
			{Rule: "drift", Severity: result.Warning, Path: "handover/tech.md", Line: 1, Column: 1, Doc: "tech", Message: "7 commits changed covered code since this document last changed"},
			{Rule: "unlisted-contributor", Severity: result.Warning, Subject: "Mia Chen <mia@acme.example>", Path: "handover/team.md", Line: 5, Column: 3, Doc: "team", Message: "Mia Chen <mia@acme.example> made 14 commits in the last 180 days but is not in the team document: add them to members with their email or github login, or map the address to a member in .mailmap"},
			{Rule: "no-history", Severity: result.Info, Path: "handover", Message: "an <example> of an info finding without a position"},
		},
		Readiness: result.Readiness{Score: 0.61, Activities: []result.Activity{
			{ID: "document-product", Done: true, Completion: 1, Detail: "handover/product.md valid, reviewed 2026-11-01, no drift"},
			{ID: "document-tech", Completion: 0.25, Detail: "handover/tech.md: 1 error, review overdue, code changed since (7 commits)"},
			{ID: "document-team", Done: true, Completion: 1, Detail: "handover/team.md valid, reviewed 2026-11-10, no drift"},
			{ID: "introduce-team", Completion: 0.5, Detail: "2 of 4 people introduced; still to introduce: Bo Reyes, 1 recent committer (not in the team document yet)"},
			{ID: "introduce-vendors", Completion: 0.25, Detail: "1 of 4 vendors introduced; still to introduce: Stripe, AWS, 1 vendor the code uses (not in the vendors document yet)"},
			{ID: "ramp-down", Completion: 0.67, Detail: "handover on 2026-12-15, advisory until 2027-03-15, no successor"},
		}},
		Summary: result.Summary{Error: 1, Warning: 4, Info: 1},
		Team: []result.Member{
			{Name: "Ana Lima", Role: "Incoming CTO", Introduced: "2026-10-01", Status: "active"},
			{Name: "Dee Olsen", Role: "CTO", Introduced: "2026-10-01", Status: "leaving"},
			{Name: "Bo Reyes", Role: "Backend engineer", Status: "active"},
			{Name: "Cy Park", Role: "Frontend engineer", Status: "left"},
		},
		Vendors: []result.Vendor{
			{Name: "Stripe", Service: "payments", AccountOwner: "Ana Lima", Renewal: "2026-12-10", Critical: true},
			{Name: "AWS", Service: "hosting", AccountOwner: "Dee Olsen", Renewal: "2027-06-01"},
			{Name: "Postmark", Service: "email", AccountOwner: "Ana Lima", Renewal: "2026-11-20", Introduced: "2026-10-15"},
		},
		Handover: result.Transition{
			Outgoing: "Dee Olsen", OutgoingRole: "CTO", HandoverDate: "2026-12-15",
			AdvisoryUntil: "2027-03-15", Cadence: "weekly call", Scope: "architecture questions",
		},
	}
}

// writers are the report's formats.
var writers = map[string]func(io.Writer, *result.Result) error{"markdown": Markdown, "html": HTML}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file  string
		write func(io.Writer, *result.Result) error
	}{{"report.md", Markdown}, {"report.html", HTML}} {
		t.Run(tc.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b, fixtureResult()); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", tc.file), b.String())
		})
	}
}

// TestHTMLSelfContained checks that the page fetches nothing and runs
// nothing, and that repository text cannot inject markup.
func TestHTMLSelfContained(t *testing.T) {
	res := fixtureResult()
	res.Findings[0].Message = `<script>alert(1)</script><img src="https://example.com/x.png">`
	var b bytes.Buffer
	if err := HTML(&b, res); err != nil {
		t.Fatal(err)
	}
	checkPage(t, b.String(), "@page", "size: A4", "@media print", "✖ error", "▲ warning", "ℹ info")
}

func TestMarkdownCells(t *testing.T) {
	res := fixtureResult()
	res.Docs[0].Owner = "Ana | Bo\nLima"
	var b bytes.Buffer
	if err := Markdown(&b, res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `| Ana \| Bo Lima |`) {
		t.Errorf("a pipe or newline in a value breaks the table:\n%s", b.String())
	}
}

// TestEmptyResult renders a result with nothing in it: a plain directory
// without a handover folder.
func TestEmptyResult(t *testing.T) {
	res := &result.Result{Repo: result.RepoInfo{Name: "shop", Root: "/home/ana/shop", Now: "2026-11-25"}}
	for format, write := range writers {
		var b bytes.Buffer
		if err := write(&b, res); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Handover readiness: shop", "No findings.", "No transition document."} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("%s report lacks %q:\n%s", format, want, b.String())
			}
		}
	}
}

func golden(t *testing.T, file, got string) {
	t.Helper()
	goldenfile.Check(t, file, []byte(got))
}

// hostile holds, in one value, what a document or a file name can try on
// a reader of the report: a line break and a forged heading, HTML, a link
// to javascript:, mentions, a backtick and a pipe, workflow commands of
// both syntaxes, invalid UTF-8.
const hostile = "x\n# Forged <img src=x onerror=alert(1)> <script>alert(1)</script> [a](javascript:alert(1)) @everyone @org/team `tick` | \r\n::error file=x::pwned ##[add-mask]y \xff"

// setStrings sets every string reachable from v through structs, slices
// and pointers to s.
func setStrings(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Pointer:
		if !v.IsNil() {
			setStrings(v.Elem(), s)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				setStrings(v.Field(i), s)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			setStrings(v.Index(i), s)
		}
	}
}

// TestHostileValues puts hostile into every string of a result and checks
// that neither report lets it act: the Markdown has no raw HTML, link,
// image, mention or extra heading (goldmark parses it as GitHub does), no
// line of either report starts a workflow command, and both are valid
// UTF-8.
func TestHostileValues(t *testing.T) {
	res := fixtureResult()
	setStrings(reflect.ValueOf(res).Elem(), hostile)
	res.Findings = append(res.Findings,
		result.Finding{Rule: "unlisted-contributor", Severity: result.Warning, Subject: hostile, Path: hostile, Message: hostile + " made 14 commits in the last 180 days"},
		result.Finding{Rule: "undocumented-vendor", Severity: result.Warning, Subject: hostile, Path: hostile, Message: hostile})
	var clean bytes.Buffer
	if err := Markdown(&clean, fixtureResult()); err != nil {
		t.Fatal(err)
	}
	for format, write := range writers {
		var b bytes.Buffer
		if err := write(&b, res); err != nil {
			t.Fatal(err)
		}
		checkInert(t, format, b.Bytes(), clean.Bytes(), format == "markdown")
		if !strings.Contains(b.String(), "(14 commits in 180 days)") {
			t.Errorf("%s: no commit count for the unlisted committer", format)
		}
	}
}
