package lint

var ruleNotIntroduced = &Rule{
	ID:       "not-introduced",
	Severity: Warning,
	Summary:  "an active team member or a vendor has no introduced date",
	Explain: `Introducing the team and the vendors to the successor is part of the
handover. Each active (or leaving) member of the team document and each
vendor of the vendors document records the day of that introduction in
introduced: YYYY-MM-DD; null or no field means it has not happened.
Members with status left are not checked.

Fix: hold the introduction and write its date.`,
	Check: func(p *Pass) {
		if team := p.Doc("team"); team != nil {
			for _, m := range p.Team {
				if m.Status != "left" && m.Introduced == "" && m.Name != "" {
					p.ReportAt(team, m.Pointer, "%s (%s) has not been introduced to the successor: set introduced: YYYY-MM-DD once they have met", m.Name, m.Role)
				}
			}
		}
		if vendors := p.Doc("vendors"); vendors != nil {
			for _, v := range vendors.Items("vendors") {
				if v.String("introduced") == "" && v.String("name") != "" {
					p.ReportAt(vendors, v.Pointer, "vendor %s has not been introduced to the successor: set introduced: YYYY-MM-DD after the call with the account owner", v.String("name"))
				}
			}
		}
	},
}
