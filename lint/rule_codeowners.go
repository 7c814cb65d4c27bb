package lint

import (
	"errors"
	"io/fs"

	"github.com/handover-dev/handover/lint/codeowners"
)

func init() { register(ruleCodeowners) }

var ruleCodeowners = &Rule{
	ID:       "codeowners",
	Severity: Warning,
	Summary:  "CODEOWNERS names a login no current member has",
	Explain: `CODEOWNERS decides who must review a change. Every @login it names should be
a current member of the team document (matched against github, ignoring
case), and every email owner a member's email; otherwise reviews wait on a
stranger, or on someone who has left (status left, or leaving past the
transition's handover_date). The file read is the one GitHub uses: the first
of .github/CODEOWNERS, CODEOWNERS and docs/CODEOWNERS that exists. Team
owners (@org/team) are not checked: their members live on GitHub and cannot
be resolved offline. Skipped when there is no team document.

Fix: add the person's github login to their member entry, or replace the
owner in CODEOWNERS with a current member.`,
	Run: func(p *Pass) error {
		team := p.Folder.Team
		if team == nil {
			return nil
		}
		path, text, err := readCodeowners(p.Source)
		if path == "" || err != nil {
			return err
		}
		for _, o := range codeowners.Parse(text) {
			if o.Team {
				continue
			}
			owner, kind := "@"+o.Login, "github login"
			if o.Email != "" {
				owner, kind = o.Email, "email"
			}
			switch m := team.Member(owner); {
			case m == nil:
				p.Report(At(path, o.Line, o.Column, "%s, an owner of %s, is not in the team document: add them to members with this %s, or replace them in %s",
					owner, o.Pattern, kind, path))
			case departed(p, m):
				p.Report(At(path, o.Line, o.Column, "%s, an owner of %s, is %s, who %s: replace them with a current member", owner, o.Pattern, m.Name, gone(p, m)))
			}
		}
		return nil
	},
}

// readCodeowners returns the CODEOWNERS file GitHub would use, or "" when
// there is none.
func readCodeowners(src Source) (string, []byte, error) {
	for _, path := range codeowners.Locations {
		text, err := src.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", nil, err
		}
		return path, text, nil
	}
	return "", nil, nil
}
