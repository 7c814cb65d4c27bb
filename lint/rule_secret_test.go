package lint

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/handover-dev/handover/lint/result"
	"github.com/handover-dev/handover/lint/secret"
)

func TestSecret(t *testing.T) { testRule(t, "secret") }

// fakeToken is a GitHub token shape with an obviously made-up body,
// assembled at run time so that no scanner flags this file.
var fakeToken = "gh" + "p_" + strings.Repeat("Q7r8W3x", 6)[:36]

// TestSecretNeverInResult checks that the token of the fail fixture, which
// the schema rule also quotes and the team facts hold, appears nowhere in
// the result, in whole or in part.
func TestSecretNeverInResult(t *testing.T) {
	archive := filepath.Join("testdata", "rules", "secret", "fail.txtar")
	b, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	token := regexp.MustCompile(`ghp_[A-Za-z0-9]{36}`).FindString(string(b))
	if token == "" {
		t.Fatalf("%s holds no GitHub token", archive)
	}
	res := loadFixture(t, archive).check(t)
	js, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	all := string(js) + fmt.Sprintf("%+v", *res)
	for i := len("ghp_"); i+8 <= len(token); i++ {
		if strings.Contains(all, token[i:i+8]) {
			t.Fatalf("the result holds %q, a piece of the token:\n%s", token[i:i+8], all)
		}
	}
	if len(res.Team) != 1 || res.Team[0].GitHub != "ghp_…" {
		t.Errorf("team facts = %+v, want the member's github redacted to ghp_…", res.Team)
	}
}

func TestSanitize(t *testing.T) {
	password := "Zq8vN3kL0p"
	// The files as loadFolder leaves them: text scanned for credentials.
	textFile := func(path, text string) *File {
		return &File{Path: path, Text: []byte(text), Secrets: secret.Scan([]byte(text))}
	}
	folder := &Folder{Files: []*File{
		textFile("handover/a.md", "deploy token: "+fakeToken+"\n"),
		textFile("handover/b.md", "postgres://app:"+password+"@db.internal/app\n"),
		{Path: "handover/c.png"},
	}}
	// A token that is not in the folder, as a commit author might carry.
	elsewhere := "gl" + "pat-" + strings.Repeat("Kx9_", 5)
	tests := []struct{ in, want string }{
		{`github "` + fakeToken + `" is not a login`, `github "ghp_…" is not a login`},
		{`"` + fakeToken[:12] + `…" is not a login`, `"ghp_……" is not a login`},
		{"middle " + fakeToken[10:30] + " end", "middle … end"},
		{"password " + password + " quoted", "password … quoted"},
		{"author " + elsewhere, "author glpa…"},
		{"see https://example.com/docs and " + fakeToken[:11], "see https://example.com/docs and " + fakeToken[:11]},
		{"title \x1b]0;pwned\x07 \u009b[2J\nnext\tline", `title \x1b]0;pwned\a \u009b[2J` + "\nnext\tline"},
	}
	for _, tc := range tests {
		res := &Result{
			Findings: []Finding{{Message: tc.in}},
			Team:     []result.Member{{GitHub: tc.in, Role: tc.in}},
			Docs:     []result.DocInfo{{Owner: tc.in, LastChange: &result.CommitRef{Commit: tc.in}}},
		}
		sanitize(res, folder)
		for _, got := range []string{res.Findings[0].Message, res.Team[0].GitHub, res.Team[0].Role, res.Docs[0].Owner, res.Docs[0].LastChange.Commit} {
			if got != tc.want {
				t.Errorf("sanitize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		}
	}
}
