package lint

import "strings"

func init() { register(ruleShallowHistory) }

var ruleShallowHistory = &Rule{
	ID:       "shallow-history",
	Severity: Warning,
	Summary:  "the repository is a shallow clone: history rules were skipped",
	Explain: `A shallow clone (git clone --depth, or actions/checkout's default
fetch-depth: 1) lacks the commits that drift, pr-drift and
unlisted-contributor read, so they are skipped rather than guessed.

A partial clone (git clone --filter=blob:none or --filter=tree:0, or
actions/checkout with filter:) has every commit but lacks file contents
or trees, which git fetches when it needs them and handover, reading
without a network, does not. handover computes what the objects present
allow (a blobless clone still gives last changes and drift counts) and
this finding names what it could not compute, such as the line counts of
drift.

Fix: fetch the full history. In GitHub Actions, give actions/checkout
"fetch-depth: 0" (and no filter:); locally, run "git fetch --unshallow",
or "git fetch --refetch --no-filter" in a partial clone.`,
	Run: func(p *Pass) error {
		if p.Repo != nil && p.Shallow {
			p.Report(At(p.Config.Dir, 0, 0, "the repository is a shallow clone, so drift, pr-drift and unlisted-contributor were skipped: fetch full history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)"))
		}
		if len(p.NotComputed) > 0 {
			filter := ""
			if f := p.Repo.PartialFilter(); f != "" {
				filter = " (--filter=" + f + ")"
			}
			p.Report(At(p.Config.Dir, 0, 0, "the repository is a partial clone%s that lacks objects, so %s could not be computed: fetch them with git fetch --refetch --no-filter, or clone without --filter (actions/checkout without filter:)",
				filter, strings.Join(p.NotComputed, " and ")))
		}
		return nil
	},
}
