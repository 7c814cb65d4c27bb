package main

import (
	"fmt"
	"slices"
	"strings"
)

// unknownName is the error for a name that is none of candidates: it
// suggests the closest candidate, or else lists them all when list is set.
// what says what the name is ("unknown command"), hint where to look.
func unknownName(what, name string, candidates []string, list bool, hint string) error {
	msg := fmt.Sprintf("%s %q", what, name)
	switch s := closest(name, candidates); {
	case s != "":
		msg += fmt.Sprintf(": did you mean %q?", s)
	case list:
		msg += ": want one of " + strings.Join(candidates, ", ")
	}
	if hint != "" {
		msg += " (" + hint + ")"
	}
	return usageError{msg}
}

// closest returns the candidate nearest to name: the only one that name
// begins, or else the one within a small edit distance (a letter missing,
// extra, wrong or two letters swapped per three letters of name), the one
// with name's first letter if several are. It returns "" when none is.
func closest(name string, candidates []string) string {
	name = strings.ToLower(name)
	var prefixed []string
	for _, c := range candidates {
		if len(name) >= 2 && strings.HasPrefix(c, name) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	var best []string
	bestDist := len(name)/3 + 1 // the distance must be below this
	for _, c := range candidates {
		switch d := editDistance(name, strings.ToLower(c)); {
		case d < bestDist:
			best, bestDist = []string{c}, d
		case d == bestDist && best != nil:
			best = append(best, c)
		}
	}
	// Of equally near candidates, people rarely mistype the first letter.
	if len(best) > 1 && name != "" {
		best = slices.DeleteFunc(best, func(c string) bool { return !strings.HasPrefix(strings.ToLower(c), name[:1]) })
	}
	if len(best) != 1 {
		return ""
	}
	return best[0]
}

// editDistance is the optimal string alignment distance between a and b:
// the number of single-letter insertions, deletions, substitutions and
// swaps of two neighbours that turn a into b.
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// d[i][j] is the distance between s[:i] and t[:j].
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}
