package lint

import (
	"strings"
	"testing"

	"github.com/handover-dev/handover/lint/history"
)

func TestUnlistedContributor(t *testing.T) { testRule(t, "unlisted-contributor") }

func TestCommitterMatching(t *testing.T) {
	team := &Team{Members: []Member{
		{Name: "Ana Lima", Email: "ana@acme.example", GitHub: "analima"},
		{Name: "Bo Reyes", GitHub: "Bo-Dev"},
	}}
	for _, tc := range []struct {
		author history.Author
		want   string
	}{
		{history.Author{Name: "someone", Email: "ANA@acme.example"}, "Ana Lima"},
		{history.Author{Name: "x", Email: "12345+bo-dev@users.noreply.github.com"}, "Bo Reyes"},
		{history.Author{Name: "x", Email: "bo-dev@users.noreply.github.com"}, "Bo Reyes"},
		{history.Author{Name: "AnaLima", Email: "a@home.example"}, "Ana Lima"},
		{history.Author{Name: "ana lima", Email: "a@home.example"}, "Ana Lima"},
		{history.Author{Name: "Bo", Email: "bo-dev@example.com"}, ""},
		{history.Author{Name: "x", Email: "12345+someone@users.noreply.github.com"}, ""},
		{history.Author{Name: "", Email: ""}, ""},
	} {
		got := ""
		if m := team.Committer(tc.author.Name, tc.author.Email); m != nil {
			got = m.Name
		}
		if got != tc.want {
			t.Errorf("committer(%q <%s>) = %q, want %q", tc.author.Name, tc.author.Email, got, tc.want)
		}
	}
}

func TestIsBot(t *testing.T) {
	for _, tc := range []struct {
		name, email string
		want        bool
	}{
		{"dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", true},
		{"github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com", true},
		{"Renovate Bot", "bot@renovateapp.com", true},
		{"some-ci[BOT]", "ci@example.com", true},
		{"GitHub", "noreply@github.com", false},
		{"Bo Reyes", "bo@acme.example", false},
	} {
		if got := isBot(history.Author{Name: tc.name, Email: tc.email}); got != tc.want {
			t.Errorf("isBot(%q <%s>) = %v, want %v", tc.name, tc.email, got, tc.want)
		}
	}
}

// TestUnlistedContributorIgnoreAndMailmap: the ignore option skips authors
// by name, email or glob; an edit of .mailmap counts before it is
// committed, as git shortlog reads the working tree's; and each person not
// listed is one finding on the members key.
func TestUnlistedContributorIgnoreAndMailmap(t *testing.T) {
	res := checkArchive(t, `-- .handover.yml --
require: [team]
rules:
  unlisted-contributor: {ignore: [hugoreleaser, "*@ci.example.com"]}
-- handover/team.md --
---
owner: Ana Lima
reviewed: 2026-11-01
members:
  - {name: Ana Lima, role: CTO, email: ana@acme.example, introduced: 2026-10-01}
---
-- .commit 2026-09-01 hugoreleaser <releaser@acme.example> --
-- .commit 2026-09-02 hugoreleaser <releaser@acme.example> --
-- .commit 2026-09-03 hugoreleaser <releaser@acme.example> --
-- .commit 2026-09-04 Build Box <box@ci.example.com> --
-- .commit 2026-09-05 Build Box <box@ci.example.com> --
-- .commit 2026-09-06 Build Box <box@ci.example.com> --
-- .commit 2026-09-07 ana <ana@home.example> --
-- .commit 2026-09-08 ana <ana@home.example> --
-- .commit 2026-09-09 ana <ana@home.example> --
-- .commit 2026-09-10 Mia Chen <mia@acme.example> --
-- .commit 2026-09-11 Mia Chen <mia@acme.example> --
-- .commit 2026-09-12 Mia Chen <mia@acme.example> --
-- .commit 2026-09-13 Sam Ortiz <sam@acme.example> --
-- .commit 2026-09-14 Sam Ortiz <sam@acme.example> --
-- .commit 2026-09-15 Sam Ortiz <sam@acme.example> --
-- .mailmap --
Ana Lima <ana@acme.example> <ana@home.example>
`)
	got := ruleLines(res, "unlisted-contributor")
	for _, who := range []string{"Mia Chen <mia@acme.example>", "Sam Ortiz <sam@acme.example>"} {
		if !strings.Contains(got, "handover/team.md:4:1: warning: "+who+" made 3 commits") {
			t.Errorf("no finding for %s on the members key:\n%s", who, got)
		}
	}
	for _, quiet := range []string{"hugoreleaser", "Build Box", "ana <ana@home.example>"} {
		if strings.Contains(got, quiet) {
			t.Errorf("%s is reported:\n%s", quiet, got)
		}
	}
	if n := strings.Count(got, "\n"); n != 2 {
		t.Errorf("%d findings, want 2:\n%s", n, got)
	}
}
