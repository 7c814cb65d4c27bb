package yamldoc

import (
	"bytes"
	"strings"
	"testing"
)

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nbody", "---\r\na: 1\r\n...\r\n", "---", "# x\n---\n", "---\n---\n", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		src = Normalize(src)
		fm, err := SplitFrontMatter(src)
		if err != nil {
			if err.Line != 1 || err.Column != 1 {
				t.Fatalf("error position %d:%d", err.Line, err.Column)
			}
			return
		}
		if !bytes.HasSuffix(src, fm.Body) || fm.BodyLine < 1 {
			t.Fatalf("body %q is not the tail of the file (line %d)", fm.Body, fm.BodyLine)
		}
		if fm.Present && !bytes.Contains(src, fm.YAML) {
			t.Fatalf("yaml %q not in the file", fm.YAML)
		}
		if got := bytes.Count(src[:len(src)-len(fm.Body)], []byte("\n")) + 1; len(fm.Body) > 0 && got != fm.BodyLine {
			t.Fatalf("BodyLine = %d, counted %d", fm.BodyLine, got)
		}
	})
}

// FuzzToValue checks that parsing and conversion never panic, never exceed
// their budgets, and that every error has a position inside the input.
func FuzzToValue(f *testing.F) {
	for _, s := range []string{
		"owner: Ana\nreviewed: 2026-01-01\n", "a: &a [1, 2]\nb: *a\n", "m:\n  <<: [*x]\n", "{\"a\": [1, {\"b\": null}]}",
		"a: 1\na: 2\n", "a:\n\tb: 1\n", "- - - - x\n", "? a\n: b\n", "<<: {a: 1}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		src = Normalize(src)
		lines := bytes.Count(src, []byte("\n")) + 1
		root, err := Parse(src, 5)
		if err != nil {
			if err.Line < 5 || err.Line > lines+5 || err.Column < 1 {
				t.Fatalf("error %v outside the input (%d lines)", err, lines)
			}
			return
		}
		if root == nil {
			return
		}
		if _, err := ToValue(root); err != nil && (err.Line < 5 || err.Line > lines+5) {
			t.Fatalf("conversion error %v outside the input", err)
		}
	})
}

func FuzzLocate(f *testing.F) {
	f.Add([]byte("members:\n  - name: a\n    email: b\n"), "/members/0/email")
	f.Add([]byte("a: &x {b: [1, 2]}\nc:\n  <<: *x\n"), "/c/b/1")
	f.Add([]byte("[1, [2, [3]]]"), "/1/1/0")
	f.Fuzz(func(t *testing.T, src []byte, ptr string) {
		src = Normalize(src)
		root, err := Parse(src, 1)
		if err != nil || root == nil {
			return
		}
		n := Locate(root, ptr)
		if n == nil {
			t.Fatal("Locate on a non-nil root returned nil")
		}
		if n.Line < 1 || n.Line > strings.Count(string(src), "\n")+1 {
			t.Fatalf("Locate(%q) line %d outside the input", ptr, n.Line)
		}
	})
}
