package report

import "github.com/handover-dev/handover/lint/result"

// The sections the report gives in both formats, in the same words: the
// markup around them is each format's.

// listMarkup is a format's markup for the people and vendors still to
// introduce.
type listMarkup struct {
	start, end, item, itemEnd string
	vendor, critical          string
	notInTeam, notInVendors   string
	everyone                  string
}

var htmlIntroductions = listMarkup{
	start: "<ul>\n", end: "</ul>\n", item: "<li>", itemEnd: "</li>\n",
	vendor: "Vendor ", critical: ", <strong>critical</strong>",
	notInTeam: "<strong>not in the team document</strong>", notInVendors: "<strong>not in the vendors document</strong>",
	everyone: "<p>Everyone and every vendor has been introduced.</p>\n",
}

var mdIntroductions = listMarkup{
	item: "- ", itemEnd: "\n",
	vendor: "vendor ", critical: ", critical",
	notInTeam: "not in the team document", notInVendors: "not in the vendors document",
	everyone: "Everyone and every vendor has been introduced.\n",
}

// introductions writes the members, committers and vendors nobody has
// introduced to the successor yet.
func introductions(p *page, r *Report, m listMarkup) {
	if len(r.People)+len(r.Vendors)+len(r.Committers)+len(r.UsedVendors) == 0 {
		p.put(m.everyone)
		return
	}
	p.put(m.start)
	for _, who := range r.People {
		p.put(m.item, value(who.Name), ", ", value(who.Role))
		p.put(when(who.Status == "leaving", " (leaving)")...)
		p.put(m.itemEnd)
	}
	for _, c := range r.Committers {
		p.put(m.item, value(c.Who))
		if c.Commits != 0 {
			p.put(" (", plural(c.Commits, "commit"), " in ", c.Days, " days): ", m.notInTeam, m.itemEnd)
		} else {
			p.put(": commits, ", m.notInTeam, m.itemEnd)
		}
	}
	for _, v := range r.Vendors {
		p.put(m.item, m.vendor, value(v.Name), " (", value(v.Service), "), account owner ", value(v.AccountOwner))
		p.put(when(v.Critical, m.critical)...)
		p.put(m.itemEnd)
	}
	for _, v := range r.UsedVendors {
		p.put(m.item, m.vendor, value(v), ": the code uses it, ", m.notInVendors, m.itemEnd)
	}
	p.put(m.end)
}

// renewal writes a vendor's renewal; past marks one whose date is gone.
func renewal(p *page, rn Renewal, past string) {
	if rn.Past {
		p.put(past, value(rn.Vendor), ": renewal date ", value(rn.Date), " ", rn.When)
	} else {
		p.put(value(rn.Vendor), ": renews ", value(rn.Date), ", ", rn.When)
	}
	p.put("; account owner ", value(rn.AccountOwner))
}

// transitionMarkup is a format's markup for the transition plan.
type transitionMarkup struct {
	outgoing, handover, successor, noSuccessor, advisory, end, none string
}

var htmlTransition = transitionMarkup{
	outgoing: "<dl>\n<dt>Outgoing</dt><dd>", handover: "</dd>\n<dt>Handover</dt><dd>", successor: "</dd>\n<dt>Successor</dt><dd>",
	noSuccessor: `<span class="missing">✖ none named yet</span>`, advisory: "</dd>\n<dt>Advisory</dt><dd>until ", end: "</dd>\n</dl>",
	none: `<p class="missing">✖ No transition document.</p>`,
}

var mdTransition = transitionMarkup{
	outgoing: "- Outgoing: ", handover: "; handover on ", successor: "\n- Successor: ",
	noSuccessor: "**none named yet**", advisory: "\n- Advisory until ", end: "\n",
	none: "No transition document.\n",
}

// transition writes the transition plan: who leaves, when, who takes
// over, and the advisory period.
func transition(p *page, t *result.Transition, m transitionMarkup) {
	if t == nil {
		p.put(m.none)
		return
	}
	p.put(m.outgoing, value(t.Outgoing), ", ", value(t.OutgoingRole), m.handover, value(t.HandoverDate), m.successor)
	if t.Successor == "" {
		p.put(m.noSuccessor)
	} else {
		p.put(value(t.Successor))
		p.put(when(t.SuccessorRole != "", ", ", value(t.SuccessorRole))...)
		p.put(when(t.SuccessorStart != "", ", starts ", value(t.SuccessorStart))...)
	}
	p.put(m.advisory, value(t.AdvisoryUntil), ": ", value(t.Cadence))
	p.put(when(t.Scope != "", "; scope: ", value(t.Scope))...)
	p.put(m.end)
}
