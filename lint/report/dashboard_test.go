package report

import (
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/handover-dev/handover/internal/inertmd"
	"github.com/handover-dev/handover/lint/format"
	"github.com/handover-dev/handover/lint/result"
)

// dashboardResult is the report's fixture with the team's GitHub logins:
// Ana and Dee have one, Bo does not, Cy has left.
func dashboardResult() *result.Result {
	res := fixtureResult()
	for i, login := range []string{"ana-lima", "deeo", "", "cypark"} {
		res.Team[i].GitHub = login
	}
	return res
}

func TestDashboardGolden(t *testing.T) {
	d := NewDashboard(dashboardResult(), result.Warning)
	if !d.Open {
		t.Error("findings at or above warning, but the issue would not be open")
	}
	golden(t, filepath.Join("testdata", "dashboard.md"), d.Body)
	want := "All clear: handover finds nothing at or above warning at commit 3f9c2a1 on 2026-11-25. Closing this issue; a new one opens when something needs attention again."
	if d.Closing != want {
		t.Errorf("closing comment %q,\nwant %q", d.Closing, want)
	}
}

// TestDashboardOpensAtThreshold: the issue is open exactly when
// handover check --fail-on would fail.
func TestDashboardOpensAtThreshold(t *testing.T) {
	res := dashboardResult() // 1 error, 4 warnings, 1 info
	for sev, open := range map[result.Severity]bool{result.Info: true, result.Warning: true, result.Error: true, 0: false} {
		if d := NewDashboard(res, sev); d.Open != open {
			t.Errorf("--fail-on %v: open %v, want %v", sev, d.Open, open)
		}
	}
	res.Findings = slices.DeleteFunc(res.Findings, func(f result.Finding) bool { return f.Severity == result.Error })
	if d := NewDashboard(res, result.Error); d.Open || !strings.Contains(d.Body, "Nothing at or above error needs attention.") {
		t.Errorf("no error left, --fail-on error: open %v:\n%s", d.Open, d.Body)
	}
}

// TestDashboardMentions: an owner is @-mentioned by the login the team
// document gives them, however the document names them (name, login with
// or without @, email, any case); a member without a login, someone who
// is no member and a member who has left are written plainly.
func TestDashboardMentions(t *testing.T) {
	team := people{
		{Name: "Ana Lima", Email: "ana@acme.example", GitHub: "ana-lima", Status: "active"},
		{Name: "Bo Reyes", Email: "bo@acme.example"},
		{Name: "Cy Park", GitHub: "cypark", Status: "left"},
		{Name: "Eve", GitHub: "eve<script>"},
	}
	for ref, want := range map[string]string{
		"Ana Lima":         "@ana-lima (Ana Lima)",
		"ana lima":         "@ana-lima (Ana Lima)",
		"@ana-lima":        "@ana-lima (Ana Lima)",
		"ANA-LIMA":         "@ana-lima (Ana Lima)",
		"ana@acme.example": "@ana-lima (Ana Lima)",
		"Bo Reyes":         "Bo Reyes",
		"Cy Park":          "Cy Park (has left)",
		"Eve":              "Eve",
		"@someone":         "@\u200dsomeone",
		"":                 "nobody named",
	} {
		if got := team.mention(ref); got != want {
			t.Errorf("mention(%q) = %q, want %q", ref, got, want)
		}
	}
}

// TestDashboardSections: every finding lands in the section of the
// document whose owner acts on it: its own document, the vendors document
// for a vendor the code uses, the team document for CODEOWNERS; the rest
// under Other files. Sections with an error come first.
func TestDashboardSections(t *testing.T) {
	res := dashboardResult()
	res.Findings = append(res.Findings,
		result.Finding{Rule: "codeowners", Severity: result.Warning, Path: ".github/CODEOWNERS", Line: 3, Column: 9, Message: "@zed is not in the team document"},
		result.Finding{Rule: "missing-doc", Severity: result.Error, Path: "handover/product.md", Doc: "product", Message: "no product document"})
	res.Docs[0].Present = false
	var titles []string
	for _, s := range docSections(res) {
		var rules []string
		for _, f := range s.findings {
			rules = append(rules, f.Rule)
		}
		titles = append(titles, s.title()+": "+strings.Join(rules, " "))
	}
	want := []string{
		"handover/product.md (product, missing): missing-doc",
		"handover/tech.md (tech): schema stale-review drift",
		"handover/team.md (team): unlisted-contributor codeowners",
		"handover/vendors.md (vendors): undocumented-vendor",
		"Other files: no-history",
	}
	if !slices.Equal(titles, want) {
		t.Errorf("sections:\n%s\nwant:\n%s", strings.Join(titles, "\n"), strings.Join(want, "\n"))
	}
}

// TestDashboardUpcoming: what falls due from today to 30 days ahead, by
// date; what is past is a finding, and what is later is not yet news.
func TestDashboardUpcoming(t *testing.T) {
	res := &result.Result{
		Repo: result.RepoInfo{Now: "2026-12-01"},
		Docs: []result.DocInfo{
			{Kind: "tech", Path: "handover/tech.md", Present: true, Owner: "Ana", Reviewed: "2026-09-02", ReviewEveryDays: 90},       // due 2026-12-01
			{Kind: "team", Path: "handover/team.md", Present: true, Owner: "Ana", Reviewed: "2026-09-01", ReviewEveryDays: 90},       // due 2026-11-30: past
			{Kind: "vendors", Path: "handover/vendors.md", Present: true, Owner: "Ana", Reviewed: "2026-12-01", ReviewEveryDays: 30}, // due 2026-12-31
			{Kind: "product", Path: "handover/product.md", Present: false, Reviewed: "2026-11-01", ReviewEveryDays: 30},
		},
		Vendors: []result.Vendor{
			{Name: "Stripe", AccountOwner: "Ana", Renewal: "2027-01-01"}, // 31 days: later
			{Name: "Fly.io", AccountOwner: "Bo", Renewal: "2026-12-20"},
			{Name: "AWS", Renewal: "2026-11-30"}, // past
			{Name: "Postmark", Renewal: "soon"},
		},
		Handover: result.Transition{Outgoing: "Dee", Successor: "Ana", HandoverDate: "2026-12-15", AdvisoryUntil: "2026-12-31"},
	}
	var got []string
	for _, it := range upcoming(res, nil, mustDate(t, "2026-12-01")) {
		got = append(got, it.text)
	}
	want := []string{
		"2026-12-01 (today): the review of handover/tech.md falls due (every 90 days); owner Ana",
		"2026-12-15 (in 14 days): handover day: Dee hands over to Ana",
		"2026-12-20 (in 19 days): Fly.io renews; account owner Bo",
		"2026-12-31 (in 30 days): the review of handover/vendors.md falls due (every 30 days); owner Ana",
		"2026-12-31 (in 30 days): the advisory period of Dee ends",
	}
	if !slices.Equal(got, want) {
		t.Errorf("upcoming:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDashboardHostile puts a hostile value into every string of the
// result: the body has no HTML but its marker, no link but the rules
// documentation, no mention (no login survives), no extra heading, and
// the marker stays the first line and nowhere else.
func TestDashboardHostile(t *testing.T) {
	res := dashboardResult()
	setStrings(reflect.ValueOf(res).Elem(), hostile+" "+DashboardMarker)
	for i := range res.Findings {
		res.Findings[i].Severity = result.Warning
	}
	for name, body := range map[string]string{
		"dashboard": NewDashboard(res, result.Warning).Body,
		"comment":   NewPullComment(res, res).Body,
	} {
		doc := inertmd.Parse([]byte(body), ownLink)
		want := []string{`raw HTML "<!-- handover:` + name + ` -->\n"`}
		if !slices.Equal(doc.Problems, want) {
			t.Errorf("%s: %q, want only the marker", name, doc.Problems)
		}
		// Ours: "Documents with findings", one per section, "Next 30 days".
		if want := 2 + len(docSections(res)); name == "dashboard" && len(doc.Headings) != want {
			t.Errorf("%s: headings %q, want %d", name, doc.Headings, want)
		}
		if strings.Count(body, "\n<!--") != 0 || !strings.HasPrefix(body, "<!-- handover:"+name+" -->\n") || !utf8.ValidString(body) {
			t.Errorf("%s: a value forged a marker or broke UTF-8:\n%s", name, body)
		}
	}
}

func ownLink(dest string) bool { return strings.HasPrefix(dest, format.RulesDocURL+"#") }

// TestDashboardCap: a folder full of findings still gives a body GitHub
// takes: every owner's section, each cut to its first findings, and when
// even that does not fit, a note on what was left out.
func TestDashboardCap(t *testing.T) {
	res := dashboardResult()
	for i := range 5000 {
		for _, kind := range []string{"tech", "team"} {
			res.Findings = append(res.Findings, result.Finding{Rule: "placeholder", Severity: result.Warning, Doc: kind,
				Path: "handover/" + kind + ".md", Line: i + 1, Column: 1, Message: "TODO in prose"})
		}
	}
	d := NewDashboard(res, result.Warning)
	for _, want := range []string{
		"- … and 4978 more findings in this document: `handover check` lists them all.", // tech: 3 + 5000, 25 shown
		"- … and 4976 more findings in this document: `handover check` lists them all.", // team: 1 + 5000
		"### handover/vendors.md (vendors)",
		"## Next 30 days",
	} {
		if !strings.Contains(d.Body, want) {
			t.Errorf("10,000 findings: the body lacks %q", want)
		}
	}
	if len(d.Body) > 16<<10 || strings.Contains(d.Body, "is not shown") {
		t.Errorf("10,000 short findings: %d bytes; want every section cut to its first findings, and nothing cut by size", len(d.Body))
	}

	// 400 documents with long findings: the byte cap itself.
	long := strings.Repeat("a placeholder in prose that nobody filled in ", 40)
	for i := range 400 {
		kind := fmt.Sprintf("k%d", i)
		res.Docs = append(res.Docs, result.DocInfo{Kind: kind, Path: "handover/" + kind + ".md", Present: true, Owner: "Ana Lima"})
		res.Findings = append(res.Findings, result.Finding{Rule: "placeholder", Severity: result.Warning, Doc: kind, Path: "handover/" + kind + ".md", Line: 1, Message: long})
	}
	d = NewDashboard(res, result.Warning)
	if len(d.Body) > BodyLimit || len(d.Body) < BodyLimit-2*bodyReserve {
		t.Errorf("body of %d bytes: want it filled to about %d", len(d.Body), BodyLimit)
	}
	notShown := regexp.MustCompile(`GitHub takes at most 65536 characters here: the rest of this text \(([0-9]+) findings\) is not shown\.`)
	if m := notShown.FindStringSubmatch(d.Body); m == nil || m[1] == "0" {
		t.Errorf("no note on what the cap left out:\n…%s", d.Body[len(d.Body)-600:])
	}
	if !strings.HasSuffix(d.Body, "`handover check` lists every finding.\n") {
		t.Errorf("the closing line was cut")
	}
}

func TestPullCommentGolden(t *testing.T) {
	base := dashboardResult()
	head := dashboardResult()
	head.Repo.Head = "9a8b7c6d5e4f30211f0e1d2c3b4a59687f6e5d4c"
	head.Repo.Changed = []string{"go.mod", "services/billing/api.go"}
	head.Findings = append(head.Findings, result.Finding{Rule: "pr-drift", Severity: result.Warning, Path: "services/billing/api.go",
		Message: "this change modifies services/billing/api.go that handover/tech.md describes (covers services/billing/**) but does not update it"})
	head.Summary = result.Count(head.Findings)
	head.Readiness.Score = 0.72
	head.Readiness.Activities[1] = result.Activity{ID: "document-tech", Done: true, Completion: 1, Detail: "handover/tech.md valid"}
	head.Readiness.Activities[4].Completion = 0.2
	pc := NewPullComment(head, base)
	if !pc.Noteworthy {
		t.Error("findings on the change and readiness moved, but not noteworthy")
	}
	golden(t, filepath.Join("testdata", "comment.md"), pc.Body)
}

// TestPullCommentNoteworthy: a comment is worth creating for findings on
// the changed files or readiness that moved, not otherwise.
func TestPullCommentNoteworthy(t *testing.T) {
	quiet := dashboardResult()
	quiet.Repo.Changed = []string{"README.md"}
	if pc := NewPullComment(quiet, dashboardResult()); pc.Noteworthy || !strings.Contains(pc.Body, "readiness stays at 61%") || !strings.Contains(pc.Body, "No findings on the files this pull request changes.") {
		t.Errorf("nothing moved, nothing on the change: noteworthy %v:\n%s", pc.Noteworthy, pc.Body)
	}
	moved := dashboardResult()
	moved.Readiness.Activities[5].Completion = 1
	if pc := NewPullComment(moved, dashboardResult()); !pc.Noteworthy {
		t.Errorf("an activity moved (the score did not): not noteworthy:\n%s", pc.Body)
	}
	touched := dashboardResult()
	touched.Repo.Changed = []string{"go.mod"}
	if pc := NewPullComment(touched, dashboardResult()); !pc.Noteworthy || !strings.Contains(pc.Body, "go.mod:7:2: Sentry") {
		t.Errorf("a finding on a changed file: noteworthy %v:\n%s", pc.Noteworthy, pc.Body)
	}
	lower := dashboardResult()
	lower.Readiness.Score = 0.5
	if pc := NewPullComment(lower, dashboardResult()); !strings.Contains(pc.Body, "### handover: this pull request lowers readiness from 61% to 50%") {
		t.Errorf("readiness went down:\n%s", pc.Body)
	}
	if pc := NewPullComment(quiet, nil); !strings.Contains(pc.Body, "readiness 61% (the base could not be checked)") || !strings.Contains(pc.Body, "| Document the product | — | ✔ done |") {
		t.Errorf("without the base:\n%s", pc.Body)
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// FuzzDashboard: whatever the documents say, the body starts with its
// marker and holds no other HTML, links only to the rules, mentions
// nobody unless the team gives the owner a valid login, and fits GitHub.
func FuzzDashboard(f *testing.F) {
	f.Add("Ana Lima", "ana-lima", "handover/tech.md", "TODO in prose", "2026-12-10")
	f.Add("@everyone", "-x-", "a|b\n# h", "<!-- handover:dashboard -->", "2026-11-30")
	f.Add("ana@acme.example", "x"+strings.Repeat("y", 40), "[a](javascript:x)", "`tick` @org/team www.x.io", "soon")
	f.Fuzz(func(t *testing.T, owner, login, path, message, date string) {
		res := &result.Result{
			Repo: result.RepoInfo{Now: "2026-11-25", Head: path},
			Docs: []result.DocInfo{{Kind: "tech", Path: path, Present: true, Owner: owner, Reviewed: date, ReviewEveryDays: 10}},
			Findings: []result.Finding{
				{Rule: message, Severity: result.Warning, Path: path, Line: 3, Message: message},
				{Rule: "x", Severity: result.Error, Path: message, Message: path},
			},
			Team:     []result.Member{{Name: owner, GitHub: login, Status: "active"}},
			Vendors:  []result.Vendor{{Name: message, AccountOwner: owner, Renewal: date}},
			Handover: result.Transition{Outgoing: owner, HandoverDate: date, AdvisoryUntil: date},
		}
		body := NewDashboard(res, result.Warning).Body
		if !strings.HasPrefix(body, DashboardMarker+"\n") || strings.Contains(body, "\n<!--") || len(body) > BodyLimit || !utf8.ValidString(body) {
			t.Fatalf("body:\n%s", body)
		}
		mentions := strings.TrimSpace(owner) != "" && len(login) <= 39 && login != "" && regexp.MustCompile(`^[A-Za-z0-9](-?[A-Za-z0-9])*$`).MatchString(login)
		// An e-mail address stays as written, and GitHub links it (goldmark
		// takes HTML's address syntax, whose local part may hold a slash:
		// 0/0@0.0).
		email := regexp.MustCompile(`^[^:]+@[^:/]+$`)
		link := func(dest string) bool { return ownLink(dest) || email.MatchString(dest) }
		for _, p := range inertmd.Parse([]byte(body), link).Problems {
			if p == `raw HTML "<!-- handover:dashboard -->\n"` || mentions && strings.HasPrefix(p, "mention ") {
				continue
			}
			t.Errorf("%s in:\n%s", p, body)
		}
	})
}
