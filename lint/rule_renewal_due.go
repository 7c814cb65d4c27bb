package lint

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
	Options: []Option{{Name: "days", Default: 30, Doc: "how many days ahead a renewal is reported"}},
	Check: func(p *Pass) {
		vendors := p.Doc("vendors")
		if vendors == nil {
			return
		}
		window := p.Option("days")
		for _, v := range vendors.Items("vendors") {
			date, ok := parseDate(v.String("renewal"))
			if !ok {
				continue
			}
			left := days(p.today(), date)
			switch {
			case left < 0:
				p.ReportAt(vendors, v.Pointer+"/renewal", "%s renewal date %s passed %d days ago: record the new renewal date", v.String("name"), v.String("renewal"), -left)
			case left <= window:
				p.ReportAt(vendors, v.Pointer+"/renewal", "%s renews on %s, in %d days: decide with %s whether to renew before then", v.String("name"), v.String("renewal"), left, orSomeone(v.String("account_owner")))
			}
		}
	},
}

func orSomeone(s string) string {
	if s == "" {
		return "the account owner"
	}
	return s
}
