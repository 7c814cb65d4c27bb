package saas

import "strings"

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

// scanEnvTemplate reads the variables of an environment template whose
// names start with a vendor's prefix (TWILIO_AUTH_TOKEN,
// NEXT_PUBLIC_POSTHOG_KEY).
func scanEnvTemplate(s *scanner) {
	lines(s.content, func(off int, line string) {
		if name, at, ok := envVariable(line); ok {
			s.add(ecoSecret, name, off+at, name)
		}
	})
}

// envVariable returns the variable that a line sets, NAME in `NAME=value`
// or `export NAME=value`, and its byte offset in the line. A comment line
// sets nothing: a commented-out variable is an option the project has not
// taken.
func envVariable(line string) (name string, off int, ok bool) {
	i := skipBlanks(line, 0)
	if rest, found := strings.CutPrefix(line[i:], "export"); found && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		i = skipBlanks(line, i+len("export"))
	}
	end := i
	for end < len(line) && (isAlnum(line[end]) || line[end] == '_') {
		end++
	}
	if end == i || line[i] >= '0' && line[i] <= '9' {
		return "", 0, false
	}
	if j := skipBlanks(line, end); j == len(line) || line[j] != '=' {
		return "", 0, false
	}
	return line[i:end], i, true
}
