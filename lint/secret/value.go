package secret

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// looksSecret reports whether a value assigned to a credential key is
// likely a real secret rather than a name, a path or a word. Generated
// secrets are long and mix character classes; human passwords are short
// but mix classes too ("Summer2024!"), so the more classes a value mixes,
// the less entropy per character it needs.
func looksSecret(value string) bool {
	n := utf8.RuneCountInString(value)
	if n < 8 || looksLikeName(value) {
		return false
	}
	h := entropy(value)
	switch classes(value) {
	case 1:
		return h >= 4.0
	case 2:
		return h >= 3.0
	default:
		return h >= 2.5
	}
}

// classes counts the character classes in s: lower case, upper case,
// digits and symbols. The separators "-", "_" and "." do not count: they
// join words in names ("prod-db").
func classes(s string) int {
	var lower, upper, digit, symbol int
	for _, r := range s {
		switch {
		case r == '-' || r == '_' || r == '.':
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			symbol = 1
		}
	}
	return lower + upper + digit + symbol
}

// entropy is the Shannon entropy of s in bits per character.
func entropy(s string) float64 {
	var ascii [utf8.RuneSelf]int
	other := map[rune]int{}
	n := 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			ascii[r]++
		} else {
			other[r]++
		}
		n++
	}
	h := 0.0
	add := func(c int) {
		if c > 0 {
			p := float64(c) / float64(n)
			h -= p * math.Log2(p)
		}
	}
	for _, c := range ascii {
		add(c)
	}
	for _, c := range other {
		add(c)
	}
	return h
}

var (
	// envName is a variable name such as STRIPE_SECRET_KEY: a value
	// naming where the secret is, not the secret.
	envName = regexp.MustCompile(`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$`)
	// dotted is a reference into a structure: secrets.STRIPE_KEY,
	// config.db.password.
	dotted = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$`)
	// call is a function call or an index in code: os.Getenv("TOKEN"),
	// ENV.fetch(...), os.environ['TOKEN'].
	call = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*[(\[]`)
	// fileName is a key or credentials file.
	fileName = regexp.MustCompile(`(?i)^[\w.-]+\.(?:json|ya?ml|toml|pem|key|txt|env|p12|pfx|crt|cer|jks|gpg|asc|age|kdbx)$`)
	// nameChunk is one part of a slug made of words: an English-looking
	// word, an acronym, a short number or a short code.
	nameChunk = regexp.MustCompile(`^(?:[A-Z]?[a-z]+|[A-Z]+|[0-9]{1,4}|[A-Za-z0-9]{1,3})$`)
	// wordChunk is a part that reads as a word.
	wordChunk = regexp.MustCompile(`^[A-Z]?[a-z]{3,}$`)
	uuid      = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// looksLikeName reports whether value is an identifier, a path or a slug
// of words ("prod-db-v2", "Kubernetes-managed") rather than a secret. A
// UUID is not a name: several vendors issue UUIDs as API keys.
func looksLikeName(value string) bool {
	// Each pattern needs a character that the cheap test looks for first:
	// most values hold few of them.
	dot, under := strings.IndexByte(value, '.') >= 0, strings.IndexByte(value, '_') >= 0
	switch {
	case isCamel(value),
		under && envName.MatchString(value),
		dot && (dotted.MatchString(value) || fileName.MatchString(value)),
		strings.ContainsAny(value, "([") && call.MatchString(value):
		return true
	case strings.HasPrefix(value, "/"), strings.HasPrefix(value, "./"),
		strings.HasPrefix(value, "../"), strings.HasPrefix(value, "~/"):
		return true
	case !dot && !under && strings.IndexByte(value, '-') < 0,
		len(value) == 36 && uuid.MatchString(value):
		return false
	}
	chunks := strings.FieldsFunc(value, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	if len(chunks) < 2 {
		return false
	}
	hasWord := false
	for _, c := range chunks {
		if !nameChunk.MatchString(c) {
			return false
		}
		hasWord = hasWord || wordChunk.MatchString(c)
	}
	return hasWord
}

// mayBeSecret is looser than looksSecret, for redaction: a value of six
// characters or more that mixes character classes and is not a name.
func mayBeSecret(value string) bool {
	n := utf8.RuneCountInString(value)
	if n < 6 || looksLikeName(value) {
		return false
	}
	switch classes(value) {
	case 0:
		return n >= 8 && entropy(value) >= 2.5
	case 1:
		return n >= 8 && entropy(value) >= 4.0
	}
	return true
}

// templateMarks are the syntax of templates and the ellipses and stars
// that stand for an elided value.
var templateMarks = []string{"***", "...", "…", "${", "{{", "<", ">"}

// isCamel reports whether s is an identifier made of words, such as
// stripeLiveKey or GithubToken: a letter, lower-case letters, then words
// of one capital and lower-case letters.
func isCamel(s string) bool {
	if len(s) < 2 || !isLower(s[0]) && !isUpper(s[0]) {
		return false
	}
	words := 0
	for i := 1; ; {
		j := i
		for j < len(s) && isLower(s[j]) {
			j++
		}
		if j == i {
			return false
		}
		words++
		if j == len(s) {
			return words >= 2
		}
		if !isUpper(s[j]) {
			return false
		}
		i = j + 1
	}
}

// placeholderMarks appear in template values and in the fake passwords of
// documentation. They are long, so a random secret contains one by chance
// about once in millions.
var placeholderMarks = []string{
	"changeme", "change_me", "change-me",
	"example", "placeholder", "redacted", "password", "passw0rd", "secret",
	"hunter2", "foobar", "sample",
}

// placeholderWords are short, so they count only as whole words of the
// value ("your-api-key", "TODO_token"): as substrings they would hide one
// random secret in a few hundred.
var placeholderWords = map[string]bool{"your": true, "dummy": true, "todo": true, "tbd": true, "fixme": true}

// isTemplate reports whether value is template syntax standing in for a
// secret: "<password>", "${DB_PASSWORD}", "{{ .Secret }}", "$TOKEN",
// "%(pw)s", "********".
func isTemplate(value string) bool {
	if value == "" || strings.ContainsAny(value[:1], "$%{[(!&*") || distinctRunes(value) <= 2 {
		return true
	}
	for _, m := range templateMarks {
		if strings.Contains(value, m) {
			return true
		}
	}
	return false
}

// isPlaceholder reports whether value is a template or the kind of text
// documentation writes instead of a secret: "changeme", "xxxx-xxxx",
// "your-api-key".
func isPlaceholder(value string) bool {
	if isTemplate(value) {
		return true
	}
	lower := strings.ToLower(value)
	for _, m := range placeholderMarks {
		if strings.Contains(lower, m) {
			return true
		}
	}
	for _, w := range letterWords(value) {
		w = strings.ToLower(w)
		if placeholderWords[w] || len(w) >= 3 && strings.Trim(w, "x") == "" {
			return true
		}
	}
	return false
}

// letterWords splits s into runs of letters, also at camelCase humps:
// "yourApiKey_1" gives "your", "Api", "Key".
func letterWords(s string) []string {
	var words []string
	start := -1
	prevLower := false
	for i, r := range s {
		letter := unicode.IsLetter(r)
		hump := letter && prevLower && unicode.IsUpper(r)
		if start >= 0 && (!letter || hump) {
			words = append(words, s[start:i])
			start = -1
		}
		if letter && start < 0 {
			start = i
		}
		prevLower = unicode.IsLower(r)
	}
	if start >= 0 {
		words = append(words, s[start:])
	}
	return words
}

// referenceMarks name the place a secret is kept: a password manager, a
// vault, a cloud secret store or an environment variable.
var referenceMarks = []string{
	"1password", "bitwarden", "lastpass", "keepass", "keychain", "vault", "op://",
	"://", "secretsmanager", "ssm:", "arn:", "env:", "doppler", "sops",
}

// isReference reports whether value points at where a secret is kept
// instead of being one.
func isReference(value string) bool {
	lower := strings.ToLower(value)
	for _, m := range referenceMarks {
		if strings.Contains(lower, m) {
			return true
		}
	}
	return false
}

// distinctRunes counts the different characters of s, up to three.
func distinctRunes(s string) int {
	var seen []rune
	for _, r := range s {
		if !slices.Contains(seen, r) {
			seen = append(seen, r)
			if len(seen) == 3 {
				break
			}
		}
	}
	return len(seen)
}
