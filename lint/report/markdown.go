package report

import (
	"io"

	"github.com/handover-dev/handover/lint/result"
)

// Markdown writes the report as GitHub-flavoured Markdown, for a pull
// request comment, a wiki page or the meeting notes. Every value that
// comes from the repository goes through md (format.MarkdownText), so no
// value can add markup, a link or a mention, or leave its line.
func Markdown(w io.Writer, res *result.Result) error {
	r, p := New(res), mdPage()
	p.put("# Handover readiness: ", value(r.Title), "\n\nRepository ", value(r.Repo))
	p.put(when(r.Head != "", " at ", value(r.Head))...)
	p.put(", checked on ", value(r.Now), ".\n\n**Readiness ", r.Score, "%** · ", tally(r.Summary), "\n\n| Activity | Done | Detail |\n|---|---|---|\n")
	for _, a := range r.Activities {
		p.put("| ", value(a.Title), " | ", activityState(a.Done, a.Percent), " | ", value(a.Detail), " |\n")
	}
	p.put("\n## Documents\n\n| Document | Owner | Reviewed | Age | Last change | Drift |\n|---|---|---|---|---|---|\n")
	for _, d := range r.Docs {
		if !d.Present {
			p.put("| ", value(d.Kind), " | ✖ missing | | | | |\n")
			continue
		}
		p.put("| ", value(d.Kind), " (", value(d.Path), ") | ", value(d.Owner), " | ", value(d.Reviewed), " | ", d.Age)
		p.put(when(d.Overdue, " (overdue)")...)
		p.put(" | ", value(d.LastChange), " | ", d.Drift)
		for i, dp := range d.DriftPaths {
			sep := ","
			if i == 0 {
				sep = ":"
			}
			p.put(sep, " ", value(dp.Path), " +", dp.Added, " −", dp.Removed)
		}
		p.put(" |\n")
	}
	p.put("\n## Still to introduce\n\n")
	introductions(p, r, mdIntroductions)
	p.put("\n## Renewals in the next 90 days\n\n")
	for _, rn := range r.Renewals {
		p.put("- ")
		renewal(p, rn, "")
		p.put("\n")
	}
	p.put(when(len(r.Renewals) == 0, "None.\n")...)
	p.put("\n## Transition\n\n")
	transition(p, r.Transition, mdTransition)
	p.put("\n## Findings\n")
	for _, g := range r.Groups {
		p.put("\n### ", g.Label, " (", len(g.Findings), ")\n\n")
		for _, f := range g.Findings {
			p.put("- ", value(location(f)), " — ", value(f.Message), " [", value(f.Rule), "]\n")
		}
	}
	p.put(when(len(r.Groups) == 0, "\nNo findings.\n")...)
	return p.to(w)
}
