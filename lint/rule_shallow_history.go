package lint

var ruleShallowHistory = register(&Rule{
	ID:       "shallow-history",
	Severity: Warning,
	Summary:  "the repository is a shallow clone: history rules were skipped",
	Explain: `A shallow clone (git clone --depth, or actions/checkout's default
fetch-depth: 1) lacks the commits that drift, pr-drift and
unlisted-contributor read, so they are skipped rather than guessed.

Fix: fetch the full history. In GitHub Actions, give actions/checkout
"fetch-depth: 0"; locally, run "git fetch --unshallow".`,
	Run: func(p *Pass) error {
		if p.Repo != nil && p.Shallow {
			p.Report(At(p.Config.Dir, 0, 0, "the repository is a shallow clone, so drift, pr-drift and unlisted-contributor were skipped: fetch full history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)"))
		}
		return nil
	},
})
