package lint

func init() { register(ruleDepartedOwner) }

var ruleDepartedOwner = &Rule{
	ID:       "departed-owner",
	Severity: Warning,
	Summary:  "an owner or account owner is a member who has left",
	Explain: `The owner of a document, and the account owner of a vendor, must be someone
the successor can still ask. This rule fires when that person is a member of
the team document whose status is left, or leaving once --now is past the
transition's handover_date (after that day, "leaving" has happened). Owners
that name nobody in the team are the unknown-owner rule's business.

Fix: hand the document or the vendor account to a current member and put
their name in owner or account_owner; then set the departed member's status
to left.`,
	Run: func(p *Pass) error {
		team := p.Folder.Team
		for _, d := range p.Docs() {
			if m := team.Member(d.Fields.Owner); m != nil && departed(p, m) {
				p.Report(d.At("/owner", "owner %s %s: hand the %s document to a current member and name them as owner", m.Name, gone(p, m), d.Kind))
			}
		}
		if vendors := p.Folder.Vendors; vendors != nil {
			for _, v := range vendors.Vendors {
				if m := team.Member(v.AccountOwner); m != nil && departed(p, m) {
					p.Report(vendors.At(v.Pointer+"/account_owner", "account owner of %s, %s, %s: move the account to a current member and name them as account_owner", v.Name, m.Name, gone(p, m)))
				}
			}
		}
		return nil
	},
}

// handoverDate is the transition's handover date, "" without one.
func handoverDate(p *Pass) string {
	if t := p.Folder.Transition; t != nil {
		return t.HandoverDate
	}
	return ""
}

// departed reports whether a member is no longer there to ask: status
// left, or leaving and the handover date is past.
func departed(p *Pass, m *Member) bool {
	switch m.Status {
	case "left":
		return true
	case "leaving":
		date, ok := parseDate(handoverDate(p))
		return ok && p.Today().After(date)
	}
	return false
}

// gone says how a departed member left, for messages.
func gone(p *Pass, m *Member) string {
	if m.Status == "left" {
		return "has left the team"
	}
	return "was leaving and the handover date " + handoverDate(p) + " has passed"
}
