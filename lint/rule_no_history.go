package lint

func init() { register(ruleNoHistory) }

var ruleNoHistory = &Rule{
	ID:       "no-history",
	Severity: Info,
	Summary:  "the path is not a git repository: history rules were skipped",
	Explain: `handover computes staleness from git history. Outside a git repository
(or in one without commits) it still checks the documents, but drift,
pr-drift and unlisted-contributor are skipped, and last_change is null.

Fix: run handover inside the repository (or pass its path or URL).`,
	Run: func(p *Pass) error {
		switch {
		case p.Repo == nil:
			p.Report(At(p.Config.Dir, 0, 0, "not a git repository: the documents were checked, but drift and other history rules were skipped"))
		case p.Head == "":
			p.Report(At(p.Config.Dir, 0, 0, "the repository has no commits yet: history rules were skipped until the first commit"))
		}
		return nil
	},
}
