package secret

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestScanDecoded(t *testing.T) {
	tests := []struct {
		key, value string
		want       []want
	}{
		{"github", ghClassic, []want{{7, 13, "GitHub token", "ghp_…", ghClassic}}},
		{"credentials", "deploy token " + npmToken, []want{{7, 13, "npm token", "npm_…", npmToken}}},
		// The key gives the value its meaning.
		{"password", password, []want{{7, 13, "password assignment", "…", password}}},
		{"", password, nil},
		// A credential in the key is the text scan's to report.
		{ghClassic, "x", nil},
	}
	for _, tc := range tests {
		got := ScanDecoded([]byte(tc.key), []byte(tc.value), 7, 13)
		if len(got) != len(tc.want) {
			t.Fatalf("ScanDecoded(%q, %q) = %+v, want %d matches", tc.key, tc.value, got, len(tc.want))
		}
		for i, w := range tc.want {
			g := got[i]
			if g.Line != w.line || g.Column != w.col || g.Kind != w.kind || g.Redacted != w.redacted || tc.value[g.Start:g.End] != w.secret {
				t.Errorf("ScanDecoded(%q, …) = %d:%d %q %q %q, want %d:%d %q %q %q", tc.key,
					g.Line, g.Column, g.Kind, g.Redacted, tc.value[g.Start:g.End], w.line, w.col, w.kind, w.redacted, w.secret)
			}
		}
	}
}

// TestSecretNeverPrinted checks that the credential a Match carries shows
// as "…" however the match is printed or marshalled.
func TestSecretNeverPrinted(t *testing.T) {
	m := Scan([]byte("token: " + ghClassic))[0]
	js, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{fmt.Sprint(m), fmt.Sprintf("%+v", m), fmt.Sprintf("%#v", m), fmt.Sprintf("%s %q %x", m.Secret, m.Secret, m.Secret), string(js)} {
		if strings.Contains(out, ghClassic[4:12]) || !strings.Contains(out, "…") {
			t.Errorf("printed match %s shows the secret", out)
		}
	}
}

func TestRedactor(t *testing.T) {
	short := "Zq8vN3kL0p"
	var r Redactor
	// A credential with a character whose last byte, A9, ends another
	// character too: "é" is C3 A9, "ɩ" is C9 A9.
	accented := "Zq8vN3kL0pW6yT2ré" + "Xy7kQ2pL9vR3"
	for _, text := range []string{"deploy token: " + ghClassic, "postgres://app:" + short + "@db.internal/app", "password: " + accented} {
		for _, m := range Scan([]byte(text)) {
			r.Add(m)
		}
	}
	tests := []struct{ in, want string }{
		{`github "` + ghClassic + `" is not a login`, `github "ghp_…" is not a login`},
		{`"` + ghClassic[:12] + `…" is not a login`, `"ghp_……" is not a login`},
		{"middle " + ghClassic[10:30] + " end", "middle … end"},
		{"password " + short + " quoted", "password … quoted"},
		{"twice " + short + short + "!", "twice ……!"},
		{"café " + ghClassic[4:20] + "é", "café …é"},
		// A copy that starts within another character hides all of it.
		{"x ɩXy7kQ2pL9vR3 y", "x … y"},
		{accented + "!", "…!"},
		// Not in the folder, found by the scan of the string itself.
		{"author " + glToken, "author glpa…"},
		{"see https://example.com/docs and " + ghClassic[:11], "see https://example.com/docs and " + ghClassic[:11]},
	}
	for _, tc := range tests {
		if got := r.Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRedactMessages runs the redaction scan over error lines and commit
// subjects that quote a credential the secret rule would let pass in
// documentation: a URL in any case or cut by a path cleaner, a URL
// parameter, a password followed by more text.
func TestRedactMessages(t *testing.T) {
	tests := []struct{ in, want string }{
		{`clone https://127.0.0.1:1/x.git?***: Get "https://127.0.0.1:1/x.git?t=Zx9Qw8Er7Ty6/info/refs?service=git-upload-pack": connection refused`,
			`clone https://127.0.0.1:1/x.git?***: Get "https://127.0.0.1:1/x.git?t=…?service=git-upload-pack": connection refused`},
		{`Get "https://host/x.git#access_token=Zx9Qw8Er7Ty6/info/refs"`, `Get "https://host/x.git#access_token=…"`},
		{"check HTTPS://ana:Zx9Qw8Er7Ty6@example.com/a b.git?sig=Qm7Lp2Vx9Rk4", "check HTTPS://ana:…@example.com/a b.git?sig=…"},
		{`cannot read schema https:/ana:Zx9Qw8Er7Ty6@example.invalid/team.json`, `cannot read schema https:/ana:…@example.invalid/team.json`},
		{`failing loading "file:///repo/HTTPS:/example.invalid/team.json?token=Zx9Qw8Er7Ty6"`, `failing loading "file:///repo/HTTPS:/example.invalid/team.json?token=…"`},
		{`--ref password=hunter2xyzQ: resolve "password=hunter2xyzQ": reference not found`, `--ref password=…: resolve "password=…": reference not found`},
		{`newest 1a2b3c4 2026-11-02 "rotate db PASSWORD=hunter2xyzQ after the audit"`, `newest 1a2b3c4 2026-11-02 "rotate db PASSWORD=… after the audit"`},
		{"api_key: Summer24 was rotated", "api_key: … was rotated"},
		// Nothing that may be a credential.
		{"broken link https://example.com/a?page=2&sort=name#L40", "broken link https://example.com/a?page=2&sort=name#L40"},
		{"owner ana@acme.example is not a member; token: rotate it", "owner ana@acme.example is not a member; token: rotate it"},
		{"password: ${DB_PASSWORD} and https://user:@host/", "password: ${DB_PASSWORD} and https://user:@host/"},
	}
	for _, tc := range tests {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// manyShortSecrets is a text of n lines, each assigning a different
// short credential, the shape that made one pass per credential
// quadratic.
func manyShortSecrets(n int) (text string, secrets []string) {
	var b strings.Builder
	for i := range n {
		v := fake(alnum, 10, uint64(1000+i))
		secrets = append(secrets, v)
		fmt.Fprintf(&b, "k%05d_token: %s\n", i, v)
	}
	return b.String(), secrets
}

func TestRedactorManySecrets(t *testing.T) {
	text, secrets := manyShortSecrets(2000)
	var r Redactor
	found := Scan([]byte(text))
	for _, m := range found {
		r.Add(m)
	}
	// A few random values read as camelCase names, not secrets.
	if len(found) < len(secrets)*9/10 {
		t.Fatalf("Scan found %d of %d secrets", len(found), len(secrets))
	}
	// Each copy, in any order, is hidden.
	got := r.Redact(strings.Join(secrets, " "))
	for _, m := range found {
		if v := text[m.Start:m.End]; strings.Contains(got, v) {
			t.Fatalf("Redact left %q in the text", v)
		}
	}
}

// BenchmarkRedactor redacts a text holding n short credentials with a
// Redactor that knows all of them: the time per byte stays flat as n
// grows.
func BenchmarkRedactor(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			text, _ := manyShortSecrets(n)
			var r Redactor
			for _, m := range Scan([]byte(text)) {
				r.Add(m)
			}
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				r.Redact(text)
			}
		})
	}
}
