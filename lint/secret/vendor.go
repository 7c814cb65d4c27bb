package secret

import (
	"bytes"
	"regexp"
)

// tokenFormat is a credential format with a fixed public prefix.
type tokenFormat struct {
	kind string
	anchoredPattern
	// prefix is how many leading bytes are public by the format and may
	// be shown in Redacted.
	prefix int
	// needsDigit drops candidates without a digit: a format whose shape
	// an identifier can take ("re_validate_…") is told apart by the
	// digits that a random token almost always holds.
	needsDigit bool
}

func format(kind, anchor, pattern string, inToken func(byte) bool) tokenFormat {
	return tokenFormat{kind: kind, anchoredPattern: anchoredPattern{anchor, lazyRegexp(pattern), inToken, window}, prefix: 4}
}

// public is f with a public prefix of n bytes: shorter than four when the
// format's fixed part is ("sk-"), none when the value follows its anchor
// (a key name) and shows nothing of itself.
func (f tokenFormat) public(n int) tokenFormat {
	f.prefix = n
	return f
}

func (f tokenFormat) withDigit() tokenFormat {
	f.needsDigit = true
	return f
}

// tokenFormats follow the vendors' documented formats, with a little slack
// where a vendor has changed lengths over time. Each pattern's first
// submatch is the token; what follows it only guards the token's end.
var tokenFormats = []tokenFormat{
	format("GitHub token", "ghp_", `^(ghp_[A-Za-z0-9]{36,251})\b`, isWordByte),
	format("GitHub token", "gho_", `^(gho_[A-Za-z0-9]{36,251})\b`, isWordByte),
	format("GitHub token", "ghu_", `^(ghu_[A-Za-z0-9]{36,251})\b`, isWordByte),
	format("GitHub token", "ghs_", `^(ghs_[A-Za-z0-9]{36,251})\b`, isWordByte),
	format("GitHub token", "ghr_", `^(ghr_[A-Za-z0-9]{36,251})\b`, isWordByte),
	format("GitHub token", "github_pat_", `^(github_pat_[A-Za-z0-9_]{50,240})\b`, isWordByte),
	format("GitLab token", "glpat-", `^(glpat-[A-Za-z0-9_-]{20,})`, isURLSafeByte),
	format("Slack token", "xox", `^(xox[abprs]-[0-9]+-[A-Za-z0-9-]{10,})`, isSlackByte),
	format("Slack webhook URL", "https://hooks.slack.com/services/", `^(https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{16,})`, isWordByte),
	format("Stripe secret key", "sk_", `^(sk_(?:live|test)_[A-Za-z0-9]{16,})`, isWordByte),
	format("Stripe restricted key", "rk_", `^(rk_(?:live|test)_[A-Za-z0-9]{16,})`, isWordByte),
	awsKeyIDs[0],
	awsKeyIDs[1],
	format("Google API key", "AIza", `^(AIza[A-Za-z0-9_-]{35})(?:[^A-Za-z0-9_-]|$)`, isURLSafeByte),
	// OpenAI project, service account and admin keys, and the older user
	// keys, whose middle "T3BlbkFJ" is "OpenAI" in base64.
	format("OpenAI API key", "sk-proj-", `^(sk-proj-[A-Za-z0-9_-]{40,300})(?:[^A-Za-z0-9_-]|$)`, isURLSafeByte),
	format("OpenAI API key", "sk-svcacct-", `^(sk-svcacct-[A-Za-z0-9_-]{40,300})(?:[^A-Za-z0-9_-]|$)`, isURLSafeByte),
	format("OpenAI API key", "sk-admin-", `^(sk-admin-[A-Za-z0-9_-]{40,300})(?:[^A-Za-z0-9_-]|$)`, isURLSafeByte),
	format("OpenAI API key", "sk-", `^(sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})\b`, isURLSafeByte).public(3),
	// Anthropic API and admin keys: "sk-ant-api03-" or "sk-ant-admin01-",
	// 93 characters and "AA".
	format("Anthropic API key", "sk-ant-", `^(sk-ant-[a-z]+[0-9]{2}-[A-Za-z0-9_-]{80,120}AA)(?:[^A-Za-z0-9_-]|$)`, isURLSafeByte),
	// Resend API keys: "re_", 8 characters, "_", 24 characters.
	format("Resend API key", "re_", `^(re_[A-Za-z0-9]{6,16}_[A-Za-z0-9]{16,40})\b`, isWordByte).public(3).withDigit(),
	format("npm token", "npm_", `^(npm_[A-Za-z0-9]{36})\b`, isWordByte),
	// SendGrid API keys: "SG.", a 22-character key id, ".", a
	// 43-character secret.
	format("SendGrid API key", "SG.", `^(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)`, isURLSafeByte).public(3),
	// The account key in an Azure Storage connection string: 64 bytes in
	// base64. It follows its name, so none of it is public.
	format("Azure storage account key", "AccountKey=", `^AccountKey=([A-Za-z0-9+/]{86}==)`, isWordByte).public(0),
	// Hugging Face user access tokens and organization API tokens: 34
	// letters after the prefix.
	format("Hugging Face token", "hf_", `^(hf_[A-Za-z]{34})\b`, isWordByte).public(3),
	format("Hugging Face token", "api_org_", `^(api_org_[A-Za-z]{34})\b`, isWordByte),
	// Shopify admin API access, custom app, private app and shared secret
	// tokens: 32 hexadecimal digits after the prefix.
	format("Shopify token", "shp", `^(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b`, isWordByte),
	// PyPI API tokens are macaroons whose base64 starts with the
	// encoded "pypi.org".
	format("PyPI token", "pypi-AgEIcHlwaS5vcmc", `^(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})(?:[^A-Za-z0-9_-]|$)`, isURLSafeByte),
}

func findVendorTokens(text []byte, _ mode) []span {
	var spans []span
	for _, f := range tokenFormats {
		for _, m := range f.findAll(text) {
			start, end := m[2], m[3]
			body := text[start+f.prefix : end]
			if looksFake(body) || f.needsDigit && !bytes.ContainsAny(body, "0123456789") {
				continue
			}
			spans = append(spans, span{start, end, f.kind, f.prefix})
		}
	}
	return spans
}

// fakeMarkers appear in documentation examples and templates, never in
// issued tokens (AWS's own examples end in "EXAMPLE").
var fakeMarkers = [][]byte{[]byte("xxxx"), []byte("example"), []byte("your"), []byte("redacted"), []byte("dummy"), []byte("fake")}

// looksFake reports whether the random part of a token is a template
// rather than an issued credential: "ghp_xxxx…", "AKIA…EXAMPLE",
// "sk_test_0000000000000000".
func looksFake(body []byte) bool {
	lower := bytes.ToLower(body)
	for _, m := range fakeMarkers {
		if bytes.Contains(lower, m) {
			return true
		}
	}
	return distinctBytes(body) < 6
}

func distinctBytes(b []byte) int {
	var seen [256]bool
	n := 0
	for _, c := range b {
		if !seen[c] {
			seen[c] = true
			n++
		}
	}
	return n
}

// privateKeyHeader is the first line of a PEM, OpenSSH or PGP private key.
var privateKeyHeader = regexp.MustCompile(`^-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[ \t\r]*$`)

// findPrivateKeys reports private key headers followed by key material. A
// header followed by "..." is an example in a runbook, not a key. The
// whole block is claimed, so that no other detector reports pieces of the
// key's base64 lines.
func findPrivateKeys(text []byte, _ mode) []span {
	var spans []span
	forEach(text, "-----BEGIN", func(start int) int {
		header := text[start:lineEnd(text, start, 128)]
		if !privateKeyHeader.Match(header) || !hasKeyMaterial(text, start+len(header)) {
			return start + len(header)
		}
		end := blockEnd(text, start+len(header))
		spans = append(spans, span{start, end, "private key", 4})
		return end
	})
	return spans
}

// keyLine returns the line that starts at i without the indent or quote
// marks of YAML block scalars and Markdown quotes, and the offset after it.
func keyLine(text []byte, i int) (line []byte, next int) {
	stop := lineEnd(text, i, len(text)-i)
	return bytes.TrimLeft(text[i:stop], " \t>"), stop
}

// hasKeyMaterial reports whether the lines after a private key header
// ending at i hold key material: after blank lines and RFC 1421 headers
// (Proc-Type, DEK-Info), a line that starts with 40 base64 characters.
func hasKeyMaterial(text []byte, i int) bool {
	for range 8 {
		if i >= len(text) || text[i] != '\n' {
			return false
		}
		line, next := keyLine(text, i+1)
		if len(bytes.TrimSpace(line)) > 0 && !isPEMHeader(line) {
			n := 0
			for n < len(line) && n < 40 && isBase64Byte(line[n]) {
				n++
			}
			return n == 40
		}
		i = next
	}
	return false
}

// blockEnd returns the end of the key block whose header ends at i: the
// end of its "-----END" line, or of the last line that is blank, a header
// or base64, when the END line is missing.
func blockEnd(text []byte, i int) int {
	for i < len(text) {
		line, next := keyLine(text, i+1)
		line = bytes.TrimRight(line, " \t\r")
		if bytes.HasPrefix(line, []byte("-----END")) {
			return next
		}
		if len(line) > 0 && !isPEMHeader(line) && !allBase64(line) {
			return i
		}
		i = next
	}
	return i
}

func allBase64(line []byte) bool {
	for _, c := range line {
		if !isBase64Byte(c) {
			return false
		}
	}
	return true
}

func isPEMHeader(line []byte) bool {
	colon := bytes.IndexByte(line, ':')
	if colon <= 0 {
		return false
	}
	for _, c := range line[:colon] {
		if !isAlnum(c) && c != '-' {
			return false
		}
	}
	return true
}

func isBase64Byte(c byte) bool { return isAlnum(c) || c == '+' || c == '/' || c == '=' }
