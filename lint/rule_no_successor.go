package lint

var ruleNoSuccessor = &Rule{
	ID:       "no-successor",
	Severity: Warning,
	Summary:  "the transition document names no successor",
	Explain: `Ramping down to an advisory role needs someone to hand over to. Fires
when the transition document has no successor.name.

Fix: name the successor (an incoming CTO, or the engineer who takes over
the technical lead), with role and start date.`,
	Check: func(p *Pass) {
		t := p.Doc("transition")
		if t == nil || t.Data == nil {
			return
		}
		s, _ := t.Data["successor"].(map[string]any)
		if name, _ := s["name"].(string); name == "" {
			p.ReportAt(t, "/successor", "no successor named: set successor.name (and role, start) to the person taking over")
		}
	},
}
