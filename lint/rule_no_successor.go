package lint

func init() { register(ruleNoSuccessor) }

var ruleNoSuccessor = &Rule{
	ID:       "no-successor",
	Severity: Warning,
	Summary:  "the transition document names no successor",
	Explain: `Ramping down to an advisory role needs someone to hand over to. Fires
when the transition document has no successor.name.

Fix: name the successor (an incoming CTO, or the engineer who takes over
the technical lead), with role and start date.`,
	Run: func(p *Pass) error {
		if t := p.Folder.Transition; t != nil && t.Successor.Name == "" {
			p.Report(t.At("/successor", "no successor named: set successor.name (and role, start) to the person taking over"))
		}
		return nil
	},
}
