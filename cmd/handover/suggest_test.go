package main

import "testing"

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"check", "check", 0},
		{"chekc", "check", 1}, // two neighbours swapped
		{"chek", "check", 1},
		{"checkk", "check", 1},
		{"chock", "check", 1},
		{"report", "rules", 5},
		{"", "json", 4},
		{"größe", "grosse", 3}, // runes, not bytes
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	commands := commandNames()
	for _, tc := range []struct {
		name       string
		candidates []string
		want       string
	}{
		{"chekc", commands, "check"},
		{"CHECK", commands, "check"},
		{"expl", commands, "explain"}, // the only command it begins
		{"un", ruleIDs(), ""},         // unknown-owner and unlisted-contributor both begin with it
		{"frobnicate", commands, ""},
		{"x", commands, ""},
		{"stale-reviw", ruleIDs(), "stale-review"},
		{"secrets", ruleIDs(), "secret"},
		{"bsh", shells, "bash"}, // zsh is as near, but the first letter decides
		{"jsno", []string{"github", "json", "markdown", "sarif", "text"}, "json"},
		{"", []string{"a", "b"}, ""},
	} {
		if got := closest(tc.name, tc.candidates); got != tc.want {
			t.Errorf("closest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
