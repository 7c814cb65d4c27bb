package lint

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/handover-dev/handover/lint/codeowners"
)

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
	Check: func(p *Pass) {
		if p.Team == nil {
			return
		}
		path, text := readCodeowners(p.Source)
		if path == "" {
			return
		}
		for _, o := range codeowners.Parse(text) {
			if o.Team {
				continue
			}
			owner, m := "@"+o.Login, p.memberByLogin(o.Login)
			if o.Email != "" {
				owner, m = o.Email, p.memberByEmail(o.Email)
			}
			switch {
			case m == nil:
				p.Reportf(path, o.Line, o.Column, "%s, an owner of %s, is not in the team document: add them to members with this %s, or replace them in %s",
					owner, o.Pattern, ownerKind(o), path)
			case p.departed(m):
				p.Reportf(path, o.Line, o.Column, "%s, an owner of %s, is %s, who %s: replace them with a current member", owner, o.Pattern, m.Name, p.gone(m))
			}
		}
	},
}

// readCodeowners returns the CODEOWNERS file GitHub would use, or "" when
// there is none (or it cannot be read: the other rules report nothing
// about files outside the handover folder).
func readCodeowners(src Source) (string, []byte) {
	for _, path := range codeowners.Locations {
		text, err := src.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", nil
		}
		return path, text
	}
	return "", nil
}

func ownerKind(o codeowners.Owner) string {
	if o.Email != "" {
		return "email"
	}
	return "github login"
}

func (p *Pass) memberByLogin(login string) *Member {
	for i := range p.Team {
		if p.Team[i].GitHub != "" && strings.EqualFold(p.Team[i].GitHub, login) {
			return &p.Team[i]
		}
	}
	return nil
}

func (p *Pass) memberByEmail(email string) *Member {
	for i := range p.Team {
		if p.Team[i].Email != "" && strings.EqualFold(p.Team[i].Email, email) {
			return &p.Team[i]
		}
	}
	return nil
}
