package lint

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestSecret(t *testing.T) { testRule(t, "secret") }

// fakeToken is a GitHub token shape with an obviously made-up body,
// assembled at run time so that no scanner flags this file.
var fakeToken = "gh" + "p_" + strings.Repeat("Q7r8W3x", 6)[:36]

// TestSecretNeverInResult checks that the tokens of the fail fixture, which
// the schema rule also quotes and the team facts hold, appear nowhere in
// the result, in whole or in part; nor do the credentials that only the
// decoded YAML strings of its vendors document show.
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
	decoded := []string{
		"gh" + "p_R4t5Y6u7I8o9P0a1S2d3F4g5H6j7K8l9Z0x1C2v3",
		"np" + "m_W1e2R3t4Y5u6I7o8P9a0S1d2F3g4H5j6K7l8",
		"Vb7nM2qX9wE4rT",
	}
	res := loadFixture(t, archive).check(t)
	js, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	all := string(js) + fmt.Sprintf("%+v", *res)
	for _, s := range append(decoded, token) {
		for i := len("ghp_"); i+8 <= len(s); i++ {
			if strings.Contains(all, s[i:i+8]) {
				t.Fatalf("the result holds %q, a piece of a credential:\n%s", s[i:i+8], all)
			}
		}
	}
	if len(res.Team) != 1 || res.Team[0].GitHub != "ghp_…" {
		t.Errorf("team facts = %+v, want the member's github redacted to ghp_…", res.Team)
	}
}

// TestSecretInQuotedStrings checks where the credentials that only a
// double-quoted string's decoded value shows are reported: at the
// string's opening quote, in front matter, YAML and JSON documents, and
// once only when the text already shows them.
func TestSecretInQuotedStrings(t *testing.T) {
	res := checkArchive(t, `
-- .handover.yml --
require: [team, vendors, tech]
-- handover/team.md --
---
owner: Ana Lima
reviewed: 2026-11-01
members:
  - {name: "Zoë \u00c5sa", role: "Tech lead", github: "ana-lima", email: "ana@acme.example", introduced: 2026-10-01, note: "\x67hp_`+fakeToken[4:]+`"}
---
# Team
-- handover/vendors.yml --
owner: Ana Lima
reviewed: 2026-11-01
vendors:
  - name: Slack
    service: chat
    account_owner: Ana Lima
    credentials: "bot \"token\" `+"xo"+"xb-"+`1234567890-0987654321-`+strings.Repeat("Qw9", 8)+`"
    introduced: 2026-10-01
  - name: Hugging Face
    service: models
    account_owner: Ana Lima
    credentials: "hf_\
      `+strings.Repeat("AbCdEfGhIjKlMnOpQ", 2)+`"
    introduced: 2026-10-01
-- handover/tech.json --
{"owner": "Ana Lima", "reviewed": "2026-11-01",
 "repositories": [{"name": "api", "url": "https://git.example/api", "purpose": "\u0073k_live_`+strings.Repeat("Zx8", 8)+`"}],
 "stack": ["Go"], "environments": [{"name": "prod"}]}
`)
	got := ruleLines(res, "secret")
	want := []string{
		// The Slack token is in the text, escaped quotes before it.
		"handover/tech.json:2:80: error: Stripe secret key \"sk_l…\"",
		"handover/team.md:5:124: error: GitHub token \"ghp_…\"",
		"handover/vendors.yml:7:33: error: Slack token \"xoxb…\"",
		"handover/vendors.yml:12:18: error: Hugging Face token \"hf_…\"",
	}
	if n := strings.Count(got, "\n"); n != len(want) {
		t.Errorf("got %d secret findings, want %d:\n%s", n, len(want), got)
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("no finding %s; got:\n%s", w, got)
		}
	}
}
