package lint

func init() { register(ruleUnknownOwner) }

var ruleUnknownOwner = &Rule{
	ID:       "unknown-owner",
	Severity: Warning,
	Summary:  "an owner or a vendor's account_owner is not a member of the team document",
	Explain: `Every document names an owner, and every vendor an account_owner: the
person who keeps it true, or holds the account, after the handover. They
must be people the team document lists, by name (case-insensitive), GitHub
login (with or without @) or email; otherwise nobody can be asked. Skipped
when there is no team document.

Fix: use a member's name or login, or add the person to team.md.`,
	Run: func(p *Pass) error {
		team := p.Folder.Team
		if team == nil {
			return nil
		}
		for _, d := range p.Docs() {
			if o := d.Fields.Owner; o != "" && team.Member(o) == nil && !isPlaceholder(o) {
				p.Report(d.At("/owner", "owner %q is not in the team document: use a member's name or GitHub login, or add them to the team", o))
			}
		}
		if vendors := p.Folder.Vendors; vendors != nil {
			for _, v := range vendors.Vendors {
				if o := v.AccountOwner; o != "" && team.Member(o) == nil && !isPlaceholder(o) {
					p.Report(vendors.At(v.Pointer+"/account_owner", "account owner %q of %s is not in the team document: use a member's name or GitHub login, or add them to the team", o, v.Name))
				}
			}
		}
		return nil
	},
}

// isPlaceholder reports template text, which the placeholder rule reports
// already: saying it is also an unknown person is noise.
func isPlaceholder(s string) bool {
	m, _ := findPlaceholder(s)
	return m != ""
}
