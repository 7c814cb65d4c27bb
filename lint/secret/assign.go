package secret

import (
	"bytes"
	"strings"
)

// keyWords name a credential when one ends a key at a word boundary
// ("db_password", "stripeApiKey", "TOKEN"); "key" alone is too common.
var keyWords = []string{
	"passphrase", "password", "passwd", "pwd",
	"client_secret", "secret",
	"private_key", "private-key", "privatekey",
	"secret_key", "secret-key", "secretkey",
	"access_key", "access-key", "accesskey",
	"api_key", "api-key", "apikey",
	"token",
}

// maxKey bounds how far back a key is read from its "=" or ":".
const maxKey = 64

// findAssignments finds values assigned to keys that name a credential:
// YAML and JSON "key: value", env "KEY=value", Go ":=", Ruby "=>", with
// the key possibly quoted or in Markdown bold ("**Password:**"). The key
// word must end the key, so "password_hash:" and "token_ttl:" do not
// count. It walks the ":" and "=" bytes and reads each key backwards
// (at most maxKey bytes), so it stays linear on any input.
//
// For redaction, it also finds what a looser reading of the same text
// does; the two sets of values are merged, since each reading may skip a
// value inside one that the other does not take ("pwd=pwd=> x").
func findAssignments(text []byte, m mode) []span {
	spans := assignments(text, findings)
	if m == redaction {
		spans = append(spans, assignments(text, redaction)...)
	}
	return spans
}

// assignments finds the values of credential keys as mode reads them.
func assignments(text []byte, m mode) []span {
	var spans []span
	forEachByteOf(text, ":=", func(i int) int {
		c := text[i]
		key, ok := keyWordBefore(text, i)
		if !ok {
			return i + 1
		}
		valueFrom := i + 1
		if valueFrom < len(text) && (c == ':' && text[valueFrom] == '=' || c == '=' && text[valueFrom] == '>') {
			valueFrom++
		}
		start, end, ok := assignedValue(text, valueFrom, m)
		if !ok {
			return i + 1
		}
		value := string(text[start:end])
		// Assignments inside this value ("a?password=x&token=y") are part
		// of it; skipping them also checks each byte in one value at most.
		// A ":" or "=" that ends the value may be the next assignment's
		// ("token:token: x").
		resume := start + len(strings.TrimRight(value, ":="))
		kind := assignmentKind(text, key)
		if !acceptValue(value, kind == kindAWSSecret, m) {
			return resume
		}
		if m == redaction && len(value) > 1 && strings.IndexByte(".:!?]}>", value[len(value)-1]) >= 0 {
			// In a message the value may end a clause ("password=x: not
			// found"): its last punctuation mark stays in sight.
			end--
		}
		spans = append(spans, span{start, end, kind, 0})
		return resume
	})
	return spans
}

// acceptValue reports whether value, assigned to a credential key, is
// taken for a credential. A key that names an AWS secret access key also
// takes a value of that key's shape, whatever its entropy; for redaction,
// any value it is given.
func acceptValue(value string, aws bool, m mode) bool {
	if m == redaction {
		return !isTemplate(value) && !isReference(value) && (aws || mayBeSecret(value))
	}
	if strings.ContainsAny(value, " \t") {
		// A quoted phrase is prose or a pointer ("in 1Password").
		return false
	}
	awsShaped := aws && len(value) == awsSecretLen && isAWSSecret([]byte(value))
	return (awsShaped || looksSecret(value)) && !isPlaceholder(value) && !isReference(value)
}

// keyRange is a key and the credential word that ends it, as offsets.
type keyRange struct{ keyStart, wordStart, wordEnd int }

// keyWordBefore reads the key that ends before the assignment at i,
// skipping blanks and the quotes or emphasis around it, and reports the
// credential word that ends the key.
func keyWordBefore(text []byte, i int) (keyRange, bool) {
	end := i
	for end > 0 && i-end < 8 && (text[end-1] == ' ' || text[end-1] == '\t') {
		end--
	}
	for end > 0 && i-end < 8 && strings.IndexByte("*\"'`", text[end-1]) >= 0 {
		end--
	}
	start := end
	for start > 0 && end-start < maxKey && isKeyByte(text[start-1]) {
		start--
	}
	key := strings.ToLower(string(text[start:end]))
	for _, w := range keyWords {
		if strings.HasSuffix(key, w) && startsWord(text, end-len(w)) {
			return keyRange{start, end - len(w), end}, true
		}
	}
	return keyRange{}, false
}

func isKeyByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' }

// startsWord reports whether the key word at i begins a word of the key:
// at the key's start, after a separator, or at a camelCase hump
// ("dbPassword"). This keeps "bypwd" or "clientsecret" out.
func startsWord(text []byte, i int) bool {
	if i == 0 {
		return true
	}
	prev, first := text[i-1], text[i]
	if !isAlnum(prev) {
		return true
	}
	return (isLower(prev) || isDigit(prev)) && isUpper(first)
}

func assignmentKind(text []byte, k keyRange) string {
	key := strings.ToLower(string(text[k.keyStart:k.wordEnd]))
	if strings.HasSuffix(key, "aws_secret_access_key") || strings.HasSuffix(key, "aws_secret_key") {
		return kindAWSSecret
	}
	word := key[k.wordStart-k.keyStart:]
	if strings.HasPrefix(word, "pass") || word == "pwd" {
		return "password assignment"
	}
	return "secret assignment"
}

// assignedValue returns the byte range of the value that follows an
// assignment ending at i, on the same line. A quoted value is what lies
// between the quotes. An unquoted value is the next word. For findings, it
// is refused when prose follows it ("token: rotate it every 90 days"); a
// trailing comment or more KEY=value pairs may follow. Only the next
// window bytes are read, which keeps a long line full of keys linear; a
// longer value is no password.
func assignedValue(text []byte, i int, m mode) (start, end int, ok bool) {
	line := text[i:min(i+window, len(text))]
	if j := bytes.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	v := 0
	for v < len(line) && (line[v] == ' ' || line[v] == '\t' || line[v] == '*') {
		v++
	}
	if v == len(line) || line[v] == '=' {
		return 0, 0, false
	}
	if q := line[v]; q == '"' || q == '\'' || q == '`' {
		closing := quoteEnd(line[v+1:], q)
		return i + v + 1, i + v + 1 + closing, closing > 0
	}
	// An unquoted value inside a string literal ends at its quote:
	// `get("a?token=abc")`.
	w := v
	for w < len(line) && !isSpace(line[w]) && strings.IndexByte("\"'`", line[w]) < 0 {
		w++
	}
	if m == findings && !onlyTrailer(line[scanUntil(line, w, len(line), isSpace):]) {
		return 0, 0, false
	}
	for w > v && strings.IndexByte(",;)", line[w-1]) >= 0 {
		w--
	}
	return i + v, i + w, w > v
}

// quoteEnd returns the length of the quoted text at the start of s, which
// ends at the closing quote q or at the end of s; in double quotes a
// backslash escapes the next byte.
func quoteEnd(s []byte, q byte) int {
	n := 0
	for n < len(s) && s[n] != q {
		if s[n] == '\\' && q == '"' && n+1 < len(s) {
			n++
		}
		n++
	}
	return min(n, len(s))
}

// onlyTrailer reports whether rest, the remainder of a line after an
// unquoted value, holds nothing but a comment or further KEY=value pairs.
func onlyTrailer(rest []byte) bool {
	for i := 0; i < len(rest); {
		if isSpace(rest[i]) {
			i++
			continue
		}
		word := rest[i:scanUntil(rest, i, len(rest), isSpace)]
		if word[0] == '#' || bytes.HasPrefix(word, []byte("//")) {
			return true
		}
		if bytes.IndexByte(word, '=') <= 0 {
			return false
		}
		i += len(word)
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool { return isLower(c) || isUpper(c) || isDigit(c) }
