package lint

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
	Check: func(p *Pass) {
		if p.Team == nil {
			return
		}
		for _, kind := range sortedKeys(p.Folder.Docs) {
			d := p.Folder.Docs[kind]
			if m := p.member(d.String("owner")); m != nil && p.departed(m) {
				p.ReportAt(d, "/owner", "owner %s %s: hand the %s document to a current member and name them as owner", m.Name, p.gone(m), kind)
			}
		}
		if vendors := p.Doc("vendors"); vendors != nil {
			for _, v := range vendors.Items("vendors") {
				if m := p.member(v.String("account_owner")); m != nil && p.departed(m) {
					p.ReportAt(vendors, v.Pointer+"/account_owner", "account owner of %s, %s, %s: move the account to a current member and name them as account_owner", v.String("name"), m.Name, p.gone(m))
				}
			}
		}
	},
}

// departed reports whether a member is no longer there to ask: status
// left, or leaving and the handover date is past.
func (p *Pass) departed(m *Member) bool {
	switch m.Status {
	case "left":
		return true
	case "leaving":
		date, ok := parseDate(p.Doc("transition").String("handover_date"))
		return ok && p.today().After(date)
	}
	return false
}

// gone says how a departed member left, for messages.
func (p *Pass) gone(m *Member) string {
	if m.Status == "left" {
		return "has left the team"
	}
	return "was leaving and the handover date " + p.Doc("transition").String("handover_date") + " has passed"
}
