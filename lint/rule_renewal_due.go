package lint

var renewalDays = &IntOption{Name: "days", Default: 30, Doc: "how many days ahead a renewal is reported"}

func init() { register(ruleRenewalDue) }

var ruleRenewalDue = &Rule{
	ID:       "renewal-due",
	Severity: Warning,
	Summary:  "a vendor's renewal date is past or within 30 days",
	Explain: `A contract that renews during the handover is a decision nobody owns yet:
cancel, downgrade, or renew. Fires when a vendor's renewal date is in the
past (the record is stale) or within the next days (option days, default
30) of --now.

Fix: make the decision with the account owner and write the next renewal
date. Configure the window with rules: {renewal-due: {days: 45}}.`,
	Options: []Option{renewalDays},
	Run: func(p *Pass) error {
		vendors := p.Folder.Vendors
		if vendors == nil {
			return nil
		}
		window := p.Int(renewalDays)
		for _, v := range vendors.Vendors {
			date, ok := parseDate(v.Renewal)
			if !ok {
				continue
			}
			switch left := days(p.Today(), date); {
			case left < 0:
				p.Report(vendors.At(v.Pointer+"/renewal", "%s renewal date %s passed %d days ago: record the new renewal date", v.Name, v.Renewal, -left))
			case left <= window:
				p.Report(vendors.At(v.Pointer+"/renewal", "%s renews on %s, in %d days: decide with %s whether to renew before then", v.Name, v.Renewal, left, orSomeone(v.AccountOwner)))
			}
		}
		return nil
	},
}

func orSomeone(s string) string {
	if s == "" {
		return "the account owner"
	}
	return s
}
