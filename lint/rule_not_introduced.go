package lint

func init() { register(ruleNotIntroduced) }

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
	Run: func(p *Pass) error {
		if team := p.Folder.Team; team != nil {
			for _, m := range team.Members {
				if m.Status != "left" && m.Introduced == "" && m.Name != "" {
					p.Report(team.At(m.Pointer, "%s (%s) has not been introduced to the successor: set introduced: YYYY-MM-DD once they have met", m.Name, m.Role))
				}
			}
		}
		if vendors := p.Folder.Vendors; vendors != nil {
			for _, v := range vendors.Vendors {
				if v.Introduced == "" && v.Name != "" {
					p.Report(vendors.At(v.Pointer, "vendor %s has not been introduced to the successor: set introduced: YYYY-MM-DD after the call with the account owner", v.Name))
				}
			}
		}
		return nil
	},
}
