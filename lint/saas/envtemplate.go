package saas

import (
	"regexp"
	"strings"
)

// templateWords end the name of a committed environment template.
var templateWords = map[string]bool{"example": true, "sample": true, "template": true, "dist": true}

// envTemplate reports whether base names an environment template
// (".env.example", ".env.production.sample") and returns the words between
// ".env" and the template word ("production"), which may mark a
// development set.
//
// The live files (.env, .env.local, .env.production) are never read: they
// hold the real credentials and belong outside git. The templates carry the
// same variable names without the values, which is all the vendor table
// needs, so no secret passes through the linter.
func envTemplate(base string) (qualifiers string, ok bool) {
	rest, found := strings.CutPrefix(base, ".env.")
	if !found {
		return "", false
	}
	i := strings.LastIndexByte(rest, '.')
	if !templateWords[rest[i+1:]] {
		return "", false
	}
	if i < 0 {
		return "", true
	}
	return rest[:i], true
}

// envVariable finds NAME in `NAME=value` and `export NAME=value`. Comment
// lines do not match: a commented-out variable is an option the project
// has not taken.
var envVariable = regexp.MustCompile(`^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=`)

// scanEnvTemplate reads the variables of an environment template whose
// names start with a vendor's prefix (TWILIO_AUTH_TOKEN,
// NEXT_PUBLIC_POSTHOG_KEY).
func scanEnvTemplate(s *scanner) {
	lines(s.content, func(off int, line string) {
		if m := envVariable.FindStringSubmatchIndex(line); m != nil {
			name := line[m[2]:m[3]]
			s.add(ecoSecret, name, off+m[2], name)
		}
	})
}
