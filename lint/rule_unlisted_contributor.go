package lint

import (
	"fmt"
	"strings"
	"time"

	"github.com/handover-dev/handover/lint/history"
)

var ruleUnlistedContributor = &Rule{
	ID:       "unlisted-contributor",
	Severity: Warning,
	Summary:  "a recent frequent committer is not in the team document",
	Explain: `The team document should list the people who actually change the code. An
author with at least 3 commits (option commits) in the last 180 days (option
days, counted back from --now) who matches no member is someone the successor
has never heard of. An author matches a member by email, by GitHub noreply
address (12345+login@users.noreply.github.com or login@users.noreply.github.com),
or by a name equal to the member's name or GitHub login, all case-insensitive.
The repository's .mailmap is applied first, as git shortlog does, so one person
committing from several addresses counts once. Bots (names ending in [bot],
Dependabot, Renovate, GitHub Actions) are not people and are skipped. Members
who have left still match: they are listed. Skipped when there is no team
document.

Fix: add the person to members with their email or github login. If they are
already listed under another address, map that address to them in .mailmap.`,
	Options: []Option{
		{Name: "commits", Default: 3, Doc: "how many commits make an author a contributor"},
		{Name: "days", Default: 180, Doc: "how many days back from --now commits count"},
	},
	History: true,
	Check: func(p *Pass) {
		team := p.Doc("team")
		if team == nil {
			return
		}
		days := p.Option("days")
		authors, err := p.Repo.Authors(p.Head, p.Now.Add(-time.Duration(days)*24*time.Hour))
		if err != nil {
			p.ReportAt(team, "/members", "cannot read who committed in the last %d days: %v", days, err)
			return
		}
		for _, a := range authors {
			if a.Commits < p.Option("commits") || isBot(a) || p.committer(a) != nil {
				continue
			}
			line, col := team.Pos("/members")
			who := fmt.Sprintf("%s <%s>", a.Name, a.Email)
			p.ReportAbout(who, team.Path, line, col, "%s made %d commits in the last %d days but is not in the team document: add them to members with their email or github login, or map the address to a member in .mailmap",
				who, a.Commits, days)
		}
	},
}

// unlistedContributors returns the "Name <email>" of each unlisted-contributor
// finding (one per person).
func unlistedContributors(fs []Finding) []string {
	var people []string
	for _, f := range fs {
		if f.Rule == ruleUnlistedContributor.ID {
			people = append(people, f.Subject)
		}
	}
	return people
}

// committer returns the member who made a commit, or nil.
func (p *Pass) committer(a history.Author) *Member {
	email := strings.ToLower(a.Email)
	login := noreplyLogin(email)
	for i := range p.Team {
		m := &p.Team[i]
		if (m.Email != "" && strings.EqualFold(m.Email, email)) ||
			(m.GitHub != "" && (strings.EqualFold(m.GitHub, login) || strings.EqualFold(m.GitHub, a.Name))) ||
			(m.Name != "" && strings.EqualFold(m.Name, a.Name)) {
			return m
		}
	}
	return nil
}

// noreplyLogin returns the GitHub login of a noreply address
// (12345+login@users.noreply.github.com, or the older
// login@users.noreply.github.com), or "".
func noreplyLogin(email string) string {
	local, ok := strings.CutSuffix(strings.ToLower(email), "@users.noreply.github.com")
	if !ok {
		return ""
	}
	if _, login, ok := strings.Cut(local, "+"); ok {
		return login
	}
	return local
}

// isBot reports automation accounts, which commit often and are nobody to
// introduce.
func isBot(a history.Author) bool {
	name, email := strings.ToLower(a.Name), strings.ToLower(a.Email)
	if strings.HasSuffix(name, "[bot]") {
		return true
	}
	for _, bot := range []string{"dependabot", "renovate", "github-actions"} {
		if strings.Contains(name, bot) || strings.Contains(email, bot) {
			return true
		}
	}
	return false
}
