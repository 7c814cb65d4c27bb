package lint

import (
	"strings"
	"testing"

	"github.com/handover-dev/handover/lint/result"
	"github.com/handover-dev/handover/lint/secret"
	"github.com/handover-dev/handover/lint/yamldoc"
)

func TestSanitize(t *testing.T) {
	password := "Zq8vN3kL0p"
	// The files as loadFolder leaves them: text scanned for credentials,
	// and a document's decoded strings.
	textFile := func(path, text string) *File {
		return &File{Path: path, Text: []byte(text), Secrets: secret.Scan([]byte(text))}
	}
	yml := "owner: a\ncredentials: \"password: Kw4\\\n  rT8yU2iO\"\n"
	root, perr := yamldoc.Parse([]byte(yml), 1)
	if perr != nil {
		t.Fatal(perr)
	}
	doc := textFile("handover/vendors.yml", yml)
	doc.Secrets = append(doc.Secrets, quotedSecrets(doc.Text, root, doc.Secrets)...)
	folder := &Folder{Files: []*File{
		textFile("handover/a.md", "deploy token: "+fakeToken+"\n"),
		textFile("handover/b.md", "postgres://app:"+password+"@db.internal/app\n"),
		doc,
		{Path: "handover/c.png"},
	}}
	// A token that is not in the folder, as a commit author might carry.
	elsewhere := "gl" + "pat-" + strings.Repeat("Kx9_", 5)
	tests := []struct{ in, want string }{
		{`github "` + fakeToken + `" is not a login`, `github "ghp_…" is not a login`},
		{`"` + fakeToken[:12] + `…" is not a login`, `"ghp_……" is not a login`},
		{"middle " + fakeToken[10:30] + " end", "middle … end"},
		{"password " + password + " quoted", "password … quoted"},
		{"decoded Kw4rT8yU2iO alone", "decoded … alone"},
		{"author " + elsewhere, "author glpa…"},
		// A drift message quotes the subject of the newest commit.
		{`3 files changed; newest 1a2b3c4 2026-11-02 "rotate db password=hunter2xyzQ"`, `3 files changed; newest 1a2b3c4 2026-11-02 "rotate db password=…"`},
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

// TestRedact checks the line the CLI prints for an error: a credential in
// a URL that the clone's redaction missed, in a flag or in a configured
// schema path is hidden, and terminal escapes are escaped.
func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{`clone https://127.0.0.1:1/x.git?***: Get "https://127.0.0.1:1/x.git?t=Zx9Qw8Er7Ty6/info/refs?service=git-upload-pack": connection refused`,
			`clone https://127.0.0.1:1/x.git?***: Get "https://127.0.0.1:1/x.git?t=…?service=git-upload-pack": connection refused`},
		{`--ref password=hunter2xyzQ: resolve "password=hunter2xyzQ": reference not found`, `--ref password=…: resolve "password=…": reference not found`},
		{`.handover.yml: schema for team: cannot read schema https:/ana:Zx9Qw8Er7Ty6@example.invalid/a b.json`, `.handover.yml: schema for team: cannot read schema https:/ana:…@example.invalid/a b.json`},
		{"bad \x1b[31mref\x1b[0m " + fakeToken, `bad \x1b[31mref\x1b[0m ghp_…`},
	}
	for _, tc := range tests {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
