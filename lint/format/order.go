package format

import (
	"cmp"
	"slices"

	"github.com/handover-dev/handover/lint/result"
)

// MostUsefulFirst returns the findings in the order every output that
// GitHub caps keeps them (github annotations, the markdown step summary,
// SARIF results), so that what is cut is the least useful: errors first,
// then findings on the files the change touches (changed, the result's
// Changed), then the rest; warnings before infos within each group, and
// otherwise the findings' own order (path, line, column). fs is not
// modified.
func MostUsefulFirst(fs []result.Finding, changed []string) []result.Finding {
	touched := make(map[string]bool, len(changed))
	for _, p := range changed {
		touched[p] = true
	}
	ordered := slices.Clone(fs)
	slices.SortStableFunc(ordered, func(a, b result.Finding) int {
		return cmp.Or(
			firstIf(a.Severity == result.Error, b.Severity == result.Error),
			firstIf(touched[a.Path], touched[b.Path]),
			cmp.Compare(b.Severity, a.Severity),
		)
	})
	return ordered
}

// firstIf orders what has a property before what has not.
func firstIf(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}
