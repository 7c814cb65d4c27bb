package result

// Portfolio is the JSON document of `handover portfolio --format json`
// (version 1): one row per repository of a portfolio, each that
// repository's own check result or the reason it has none.
type Portfolio struct {
	Version int `json:"version"`
	// Now is the day the repositories were checked against (YYYY-MM-DD);
	// for results merged from several checks, the latest of their days.
	Now          string       `json:"now"`
	Repositories []Repository `json:"repositories"`
}

// Repository is one repository of a portfolio.
type Repository struct {
	// Name is the name the page shows: the list's name for it, else the
	// result's repo.name.
	Name string `json:"name"`
	// Target is what was checked: a URL, or a local path.
	Target string `json:"target"`
	// Error is the one-line reason there is no result, "" when there is
	// one.
	Error string `json:"error"`
	// Result is the repository's `handover check --format json` document,
	// unchanged; null when Error says why there is none.
	Result *Result `json:"result"`
}
