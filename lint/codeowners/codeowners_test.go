package codeowners

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// githubExample follows the example file in GitHub's documentation
// ("About code owners"), trimmed, with a few additions for escapes.
const githubExample = `# This is a comment.
# Each line is a file pattern followed by one or more owners.

# These owners will be the default owners for everything in
# the repo. Unless a later match takes precedence,
# @global-owner1 and @global-owner2 will be requested for
# review when someone opens a pull request.
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most
# precedence.
*.js    @js-owner #This is an inline comment.

# You can also use email addresses if you prefer.
*.go docs@example.com

# Teams can be specified as code owners as well.
*.txt @octo-org/octocats

/build/logs/ @doctocat

# An empty owner list leaves the files unowned.
/apps/github

/docs/Release\ Notes/ @Dana-Lee
\#hash.md @octo-org/docs_team
`

func TestParseGitHubExample(t *testing.T) {
	want := []Owner{
		{Line: 8, Column: 9, Login: "global-owner1", Pattern: "*"},
		{Line: 8, Column: 24, Login: "global-owner2", Pattern: "*"},
		{Line: 12, Column: 9, Login: "js-owner", Pattern: "*.js"},
		{Line: 15, Column: 6, Email: "docs@example.com", Pattern: "*.go"},
		{Line: 18, Column: 7, Login: "octo-org/octocats", Team: true, Pattern: "*.txt"},
		{Line: 20, Column: 14, Login: "doctocat", Pattern: "/build/logs/"},
		{Line: 25, Column: 23, Login: "Dana-Lee", Pattern: "/docs/Release Notes/"},
		{Line: 26, Column: 11, Login: "octo-org/docs_team", Team: true, Pattern: "#hash.md"},
	}
	got := Parse([]byte(githubExample))
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse(GitHub example):\n got %+v\nwant %+v", got, want)
	}
}

func TestParseLines(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Owner
	}{
		{"empty", "", nil},
		{"only comments", "# owners\n   # indented comment\n", nil},
		{"tabs", "docs/\t@alice\t@bob", []Owner{
			{Line: 1, Column: 7, Login: "alice", Pattern: "docs/"},
			{Line: 1, Column: 14, Login: "bob", Pattern: "docs/"},
		}},
		{"crlf", "# x\r\n*.md @alice\r\n", []Owner{{Line: 2, Column: 6, Login: "alice", Pattern: "*.md"}}},
		{"bom", "\uFEFF* @alice", []Owner{{Line: 1, Column: 3, Login: "alice", Pattern: "*"}}},
		{"unicode pattern", "docs/café/ @alice", []Owner{{Line: 1, Column: 12, Login: "alice", Pattern: "docs/café/"}}},
		{"comment after owner", "* @alice # lead, @bob is backup", []Owner{{Line: 1, Column: 3, Login: "alice", Pattern: "*"}}},
		{"hash inside word is no comment", "* @alice x#y @bob", []Owner{
			{Line: 1, Column: 3, Login: "alice", Pattern: "*"},
			{Line: 1, Column: 14, Login: "bob", Pattern: "*"},
		}},
		{"glob escape kept", `\*.md @alice`, []Owner{{Line: 1, Column: 7, Login: "alice", Pattern: `\*.md`}}},
		{"escaped space counts two columns", `a\ b @alice`, []Owner{{Line: 1, Column: 6, Login: "alice", Pattern: "a b"}}},
		{"trailing backslash", `dir\ `, nil},
		{"invalid owners skipped", "* alice @ @-bad @bad- @a--b @org/ @/team @alice@x.io bob@ @ok", []Owner{
			{Line: 1, Column: 59, Login: "ok", Pattern: "*"},
		}},
		{"escapes belong to patterns", `docs @ali\ ce ops@\#x.io @bob`, []Owner{{Line: 1, Column: 26, Login: "bob", Pattern: "docs"}}},
		{"email with plus", "/infra/ ops+oncall@example.co.uk", []Owner{{Line: 1, Column: 9, Email: "ops+oncall@example.co.uk", Pattern: "/infra/"}}},
		{"gitlab section header is a pattern", "[Docs] @alice", []Owner{{Line: 1, Column: 8, Login: "alice", Pattern: "[Docs]"}}},
		{"pattern only", "/vendor/\n", nil},
		{"longest login", "* @" + strings.Repeat("a", 39) + " @" + strings.Repeat("a", 40) + " @" + strings.Repeat("a-", 20) + "a", []Owner{
			{Line: 1, Column: 3, Login: strings.Repeat("a", 39), Pattern: "*"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse([]byte(tc.text))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse(%q):\n got %+v\nwant %+v", tc.text, got, tc.want)
			}
		})
	}
}

func TestLocationsOrder(t *testing.T) {
	want := []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}
	if !reflect.DeepEqual(Locations, want) {
		t.Errorf("Locations = %v, want GitHub's lookup order %v", Locations, want)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(githubExample))
	f.Add([]byte("\uFEFF* @a\r\n\\#x\\ y @o/t e@x.io # c\n"))
	f.Add([]byte("\xff @a\n\t\\\n@@ @\xc3 @a/b/c"))
	f.Fuzz(func(t *testing.T, text []byte) {
		for _, o := range Parse(text) {
			line, ok := lineAt(text, o.Line)
			if !ok || o.Column < 1 {
				t.Fatalf("position %d:%d is outside the text", o.Line, o.Column)
			}
			rest := columnAt(line, o.Column)
			switch {
			case o.Login != "" && o.Email != "":
				t.Fatalf("owner %+v has both a login and an email", o)
			case o.Login != "":
				if !bytes.HasPrefix(rest, []byte("@"+o.Login)) {
					t.Fatalf("owner %q is not at %d:%d (%q)", o.Login, o.Line, o.Column, rest)
				}
				if o.Team != strings.Contains(o.Login, "/") {
					t.Fatalf("owner %q: Team = %v", o.Login, o.Team)
				}
			case o.Email != "":
				if !bytes.HasPrefix(rest, []byte(o.Email)) {
					t.Fatalf("email %q is not at %d:%d (%q)", o.Email, o.Line, o.Column, rest)
				}
			default:
				t.Fatalf("owner %+v has neither a login nor an email", o)
			}
			if o.Pattern == "" {
				t.Fatalf("owner %+v has no pattern", o)
			}
		}
	})
}

// lineAt returns the 1-based line n of text without its line ending and,
// on line 1, without a byte order mark.
func lineAt(text []byte, n int) ([]byte, bool) {
	lines := bytes.Split(bytes.TrimPrefix(text, []byte("\uFEFF")), []byte("\n"))
	if n < 1 || n > len(lines) {
		return nil, false
	}
	return bytes.TrimSuffix(lines[n-1], []byte("\r")), true
}

// columnAt returns line from the 1-based rune column col on.
func columnAt(line []byte, col int) []byte {
	for ; col > 1 && len(line) > 0; col-- {
		_, size := utf8.DecodeRune(line)
		line = line[size:]
	}
	return line
}
