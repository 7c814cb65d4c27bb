package lint

func init() { register(ruleMissingOwnerGitHub) }

var ruleMissingOwnerGitHub = &Rule{
	ID:       "missing-owner-github",
	Severity: Warning,
	Summary:  "a document's owner is a team member without a github login",
	Explain: `After the handover nobody runs handover by hand: the dashboard issue and the
pull-request comment tell each document's owner what needs them, by
@-mentioning the github login the team document gives them. An owner who is
a member without a github login is written plainly and is never notified.
Owners that name nobody in the team are the unknown-owner rule's business,
and owners who have left the departed-owner rule's.

Fix: add the member's github login to their entry in the team document.`,
	Run: func(p *Pass) error {
		for _, d := range p.Docs() {
			if m := p.Folder.Team.Member(d.Fields.Owner); m != nil && m.GitHub == "" && !departed(p, m) {
				p.Report(d.At("/owner", "owner %s has no github login in the team document, so the dashboard cannot @-mention them: add github: LOGIN to their member entry", m.Name))
			}
		}
		return nil
	},
}
