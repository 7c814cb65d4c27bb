package wildmatch

import (
	"strings"
	"testing"
)

// TestMatch: cases of git's wildmatch tests (t/t3070-wildmatch.sh) for
// what the callers use; the gitattributes and pathspec oracle tests hold
// Match to git itself on many more.
func TestMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, text  string
		pathname, want bool
	}{
		{"foo", "foo", true, true},
		{"*", "a/b", true, false},
		{"*", "a/b", false, true},
		{"**", "a/b", true, true},
		{"a/**/b", "a/b", true, true},
		{"a/**/b", "a/x/y/b", true, true},
		{"a**b", "a/b", true, false},
		{"**/b", "b", true, true},
		{"a/**", "a", true, false},
		{"[a-c]x", "bx", true, true},
		{"[!a-c]x", "bx", true, false},
		{"[^a-c]x", "dx", true, true},
		{"[]]", "]", true, true},
		{"[[:digit:]x]", "x", true, true},
		{"[[:nope:]]", "x", true, false},
		{"[a", "a", true, false},
		{"\\*", "*", true, true},
		{"\\*", "a", true, false},
		{"a\\", "a", true, false},
		{"?", "/", true, false},
		{"*/x", "a/x", true, true},
		{"*/x", "a/b/x", true, false},
		{"a**", "a/b", false, true},
	} {
		if got, _ := Match(c.pattern, c.text, c.pathname, MaxSteps); got != c.want {
			t.Errorf("Match(%q, %q, pathname %v) = %v, want %v", c.pattern, c.text, c.pathname, got, c.want)
		}
	}
}

// TestMatchIsBounded: git backtracks without end on 30 "**/" against a
// deep path; Match gives up after the steps it is given, and says it
// spent them all.
func TestMatchIsBounded(t *testing.T) {
	hostile := strings.Repeat("**/", 30) + "b"
	deep := strings.Repeat("a/", 200) + "c"
	matched, spent := Match(hostile, deep, true, MaxSteps)
	if matched || spent != MaxSteps {
		t.Errorf("Match(30 **/, a deep path) = %v after %d steps, want false after %d", matched, spent, MaxSteps)
	}
	if matched, spent := Match("a/*/c", "a/b/c", true, MaxSteps); !matched || spent <= 0 || spent > 20 {
		t.Errorf("Match(a/*/c, a/b/c) = %v after %d steps", matched, spent)
	}
}

func FuzzMatch(f *testing.F) {
	f.Add("a/**/[!x]*.go", "a/b/c.go")
	f.Add("[[:alpha:]-z]\\ *", "q")
	f.Fuzz(func(t *testing.T, pattern, text string) {
		for _, pathname := range []bool{true, false} {
			if _, spent := Match(pattern, text, pathname, MaxSteps); spent < 0 || spent > MaxSteps {
				t.Fatalf("spent %d steps of %d", spent, MaxSteps)
			}
		}
	})
}
