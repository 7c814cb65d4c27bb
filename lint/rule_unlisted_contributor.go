package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/handover-dev/handover/lint/history"
	"github.com/handover-dev/handover/lint/result"
)

var (
	contributorCommits = &IntOption{Name: "commits", Default: 3, Doc: "how many commits make an author a contributor"}
	contributorDays    = &IntOption{Name: "days", Default: 180, Doc: "how many days back from --now commits count"}
	contributorIgnore  = &ListOption{Name: "ignore", Doc: `authors who are not people to introduce, by name or email, or a glob of either such as "*bot*" or "*@ci.example.com"`}
)

func init() { register(ruleUnlistedContributor) }

var ruleUnlistedContributor = &Rule{
	ID:       result.RuleUnlistedContributor,
	Severity: Warning,
	Summary:  "a recent frequent committer is not in the team document",
	Explain: `The team document should list the people who actually change the code. An
author with at least 3 commits (option commits) in the last 180 days (option
days, counted back from --now) who matches no member is someone the successor
has never heard of. An author matches a member by email, by GitHub noreply
address (12345+login@users.noreply.github.com or login@users.noreply.github.com),
or by a name equal to the member's name or GitHub login, all case-insensitive.
The repository's .mailmap is applied first, as git shortlog does (the working
tree's, so an edit counts before it is committed), so one person committing
from several addresses counts once. Bots (names ending in [bot], Dependabot,
Renovate, GitHub Actions) are not people and are skipped, and so is every
author the option ignore lists by name, email or glob (a release bot with an
ordinary name, such as hugoreleaser). Members who have left still match:
they are listed. There is one finding per person, on the team document's
members key. Skipped when there is no team document.

Fix: add the person to members with their email or github login. If they are
already listed under another address, map that address to them in .mailmap.
If they are not a person to introduce, add them to the rule's ignore list:
rules: {unlisted-contributor: {ignore: [hugoreleaser]}}.`,
	Options: []Option{contributorCommits, contributorDays, contributorIgnore},
	History: true,
	Run: func(p *Pass) error {
		team := p.Folder.Team
		if team == nil {
			return nil
		}
		mailmap, err := p.Source.ReadFile(".mailmap")
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot read .mailmap: %w", err)
		}
		days := p.Int(contributorDays)
		authors, err := p.Repo.Authors(p.Head, p.Now.Add(-time.Duration(days)*24*time.Hour), mailmap)
		if err != nil {
			return fmt.Errorf("cannot read who committed in the last %d days: %w", days, err)
		}
		ignore := p.List(contributorIgnore)
		line, col := team.KeyPos("/members")
		for _, a := range authors {
			if a.Commits < p.Int(contributorCommits) || isBot(a) || matchAny(ignore, a.Name, a.Email) || team.Committer(a.Name, a.Email) != nil {
				continue
			}
			who := fmt.Sprintf("%s <%s>", a.Name, a.Email)
			f := At(team.Path, line, col, "%s made %d commits in the last %d days but is not in the team document: add them to members with their email or github login, or map the address to a member in .mailmap (a bot goes into the rule's ignore list)",
				who, a.Commits, days)
			f.Subject = who
			p.Report(f)
		}
		return nil
	},
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
