package lint

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
	Check: func(p *Pass) {
		if p.Team == nil {
			return
		}
		for _, kind := range sortedKeys(p.Folder.Docs) {
			d := p.Folder.Docs[kind]
			if o := d.String("owner"); o != "" && p.member(o) == nil && !isPlaceholder(o) {
				p.ReportAt(d, "/owner", "owner %q is not in the team document: use a member's name or GitHub login, or add them to the team", o)
			}
		}
		if vendors := p.Doc("vendors"); vendors != nil {
			for _, v := range vendors.Items("vendors") {
				if o := v.String("account_owner"); o != "" && p.member(o) == nil && !isPlaceholder(o) {
					p.ReportAt(vendors, v.Pointer+"/account_owner", "account owner %q of %s is not in the team document: use a member's name or GitHub login, or add them to the team", o, v.String("name"))
				}
			}
		}
	},
}

// isPlaceholder reports template text, which the placeholder rule reports
// already: saying it is also an unknown person is noise.
func isPlaceholder(s string) bool {
	m, _ := findPlaceholder(s)
	return m != ""
}
