package portfolio

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/handover-dev/handover/lint"
	"github.com/handover-dev/handover/lint/yamldoc"
)

func TestParseList(t *testing.T) {
	src := `# the clients of 2026
- path: ../acme/api
- {url: https://github.com/globex/platform.git, name: Globex, ref: v2, dir: docs/handover}
- url: file:///srv/git/initech
`
	got, err := ParseList("clients.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Path: "../acme/api", Line: 2, Column: 3},
		{Name: "Globex", URL: "https://github.com/globex/platform.git", Ref: "v2", Dir: "docs/handover", Line: 3, Column: 3},
		{URL: "file:///srv/git/initech", Line: 4, Column: 3},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseList:\n got %+v\nwant %+v", got, want)
	}
	for i, title := range []string{"api", "Globex", "initech"} {
		if got[i].Title() != title {
			t.Errorf("entry %d: Title() = %q, want %q", i, got[i].Title(), title)
		}
	}
}

// TestParseListErrors: every mistake is one error at the line and column
// where it is fixed, as .handover.yml's are, and none repeats a credential.
func TestParseListErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"misspelt key", "- path: a\n- {pth: b}\n", "list.yml:2:4: /1: unknown field \"pth\""},
		{"unknown key after a good one", "- path: a\n  branch: main\n", "list.yml:2:3: /0: unknown field \"branch\""},
		{"neither path nor url", "- name: api\n", "list.yml:1:3: /0: needs a path (a local repository) or a url (one to clone)"},
		{"both", "- path: a\n  url: file:///a\n", "list.yml:2:3: /0: give path or url, not both"},
		{"ssh", "- url: git@github.com:acme/api.git\n", "list.yml:1:8: /0/url: \"git@github.com:acme/api.git\" does not match the pattern ^(https|file)://"},
		{"credentials", "- url: https://ana:s3cretpass@github.com/acme/api\n", "list.yml:1:3: /0: url contains credentials: remove them and set HANDOVER_TOKEN or GITHUB_TOKEN instead"},
		{"no host", "- url: https:///acme\n", "list.yml:1:3: /0: url has no host"},
		{"empty value", "- path: \"\"\n", "list.yml:1:9: /0/path: is 0 characters long, at least 1 are needed"},
		{"blank name", "- {path: a, name: \"  \"}\n", "list.yml:1:19: /0/name: must not be blank"},
		{"a number", "- path: a\n  ref: 3\n", "list.yml:2:8: /0/ref: got number, want string"},
		{"not a list", "path: a\n", "list.yml:1:1: got object, want array"},
		{"an entry that is not a mapping", "- path: a\n- 7\n", "list.yml:2:3: /1: got number, want object"},
		{"empty file", "", "list.yml:1:1: the list is empty: add an entry per repository, such as - {url: https://github.com/acme/api}"},
		{"empty list", "[]\n", "list.yml:1:1: has 0 items, at least 1 are needed"},
		{"duplicate key", "- path: a\n  path: b\n", "list.yml:2:3: duplicate key \"path\" (first defined at line 1): keep one of them"},
		{"invalid UTF-8", "- path: \xff\n", "list.yml:1:9: invalid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseList("list.yml", []byte(tc.src))
			var ce *lint.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *lint.ConfigError", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error:\n got %q\nwant %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "s3cretpass") {
				t.Errorf("the error repeats the password: %q", err)
			}
		})
	}
}

// TestReadList: relative paths are relative to the list's folder, so the
// list means the same from any working directory; absolute paths and URLs
// are kept.
func TestReadList(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "lists", "clients.yml")
	if err := os.MkdirAll(filepath.Dir(list), 0o755); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "elsewhere")
	src := "- path: ../acme\n- path: " + abs + "\n- url: file:///srv/git/x\n"
	if err := os.WriteFile(list, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadList(list)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{filepath.Join(dir, "acme"), abs, "file:///srv/git/x"} {
		if got[i].Target() != want {
			t.Errorf("entry %d: target %q, want %q", i, got[i].Target(), want)
		}
	}
	if _, err := ReadList(filepath.Join(dir, "missing.yml")); err == nil || !strings.Contains(err.Error(), "cannot read the portfolio list") {
		t.Errorf("a missing list: err = %v", err)
	}
}

// FuzzParseList: whatever the list holds, ParseList returns entries with a
// path or a url and positions, or one *lint.ConfigError inside the text;
// never a panic.
func FuzzParseList(f *testing.F) {
	for _, s := range []string{
		"- path: a\n- {url: https://github.com/a/b, name: b, ref: main, dir: docs}\n",
		"- &e {path: a}\n- *e\n",
		"- {path: a, url: file:///b}\n",
		"[{pth: 1}, 2, [3]]",
		"- url: https://u:p@h/x\n",
		"a: [&a [*a]]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		entries, err := ParseList("list.yml", src)
		if err != nil {
			var ce *lint.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *lint.ConfigError", err)
			}
			// Lines are counted as the linter counts them, CR and other
			// line ends included.
			lines := strings.Count(string(yamldoc.Normalize(src)), "\n") + 1
			if ce.Line < 1 || ce.Line > lines+1 || ce.Column < 1 {
				t.Fatalf("error at %d:%d, outside the %d lines of the list: %v", ce.Line, ce.Column, lines, err)
			}
			if !utf8.ValidString(ce.Message) {
				t.Fatalf("error message is not valid UTF-8: %q", ce.Message)
			}
			return
		}
		if len(entries) == 0 {
			t.Fatal("no error and no entry")
		}
		for _, e := range entries {
			if (e.Path == "") == (e.URL == "") || e.Line < 1 || e.Column < 1 {
				t.Fatalf("entry %+v: want exactly one of path and url, and a position", e)
			}
		}
	})
}
