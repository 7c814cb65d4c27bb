// Package codeowners reads GitHub CODEOWNERS files: which logins, teams
// and email addresses own which paths, with the position of each owner so
// that a finding can point at it.
package codeowners

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Locations are the paths GitHub looks for a CODEOWNERS file at, in the
// order it looks; the first one that exists is the one GitHub uses.
var Locations = []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}

// Owner is one owner named on one line of a CODEOWNERS file.
type Owner struct {
	// Line and Column are 1-based and point at the owner token; Column
	// counts characters (runes), not counting a leading byte order mark.
	Line, Column int
	// Login is the user ("alice" for @alice) or the team ("org/team" for
	// @org/team) without the "@"; it is empty for an email owner. GitHub
	// compares logins without regard to case.
	Login string
	Team  bool
	// Email is set when the owner is an email address instead of a login.
	Email string
	// Pattern is the path pattern of the line, with the CODEOWNERS escapes
	// "\ " and "\#" resolved; glob escapes such as "\*" are kept.
	Pattern string
}

var (
	// GitHub logins are alphanumerics and single inner hyphens, at most
	// 39 characters; team slugs are alphanumerics, "-", "_" and ".".
	loginRe = regexp.MustCompile(`^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$`)
	slugRe  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	// emailRe is the HTML5 grammar of an email address, with a dot in
	// the domain as GitHub requires a verified, routable address.
	emailRe = regexp.MustCompile(`^[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$`)
)

// Parse returns the owners in a CODEOWNERS file in the order they appear.
// Blank lines and comments are skipped; a "#" that starts a word begins a
// comment, unless escaped as "\#". Tokens that are neither @login,
// @org/team nor an email address are not owners and are left out, as
// GitHub ignores them. Parse accepts any bytes and never panics.
func Parse(text []byte) []Owner {
	text = bytes.TrimPrefix(text, []byte("\uFEFF"))
	var owners []Owner
	for i, line := range bytes.Split(text, []byte("\n")) {
		words := splitWords(bytes.TrimSuffix(line, []byte("\r")))
		if len(words) == 0 {
			continue
		}
		pattern := words[0].text
		for _, w := range words[1:] {
			owner, ok := parseOwner(w.raw)
			if !ok {
				continue
			}
			owner.Line, owner.Column, owner.Pattern = i+1, w.column, pattern
			owners = append(owners, owner)
		}
	}
	return owners
}

func parseOwner(token string) (Owner, bool) {
	if login, ok := strings.CutPrefix(token, "@"); ok {
		org, team, isTeam := strings.Cut(login, "/")
		if !isLogin(org) || isTeam && !slugRe.MatchString(team) {
			return Owner{}, false
		}
		return Owner{Login: login, Team: isTeam}, true
	}
	if emailRe.MatchString(token) {
		return Owner{Email: token}, true
	}
	return Owner{}, false
}

func isLogin(s string) bool { return len(s) <= 39 && loginRe.MatchString(s) }

// word is a blank-separated token of a line: as written (raw), with the
// CODEOWNERS escapes resolved (text), and its 1-based rune column. Escapes
// belong to patterns; an owner with a backslash is no valid owner.
type word struct {
	raw, text string
	column    int
}

// splitWords splits a line at blanks into words, resolving "\ " (a space
// inside a pattern) and "\#" (a literal "#"), and stops at a comment: an
// unescaped "#" at the start of a word.
func splitWords(line []byte) []word {
	var words []word
	var cur []byte
	column, start, rawStart := 1, 0, 0
	inWord := false
	for i := 0; i < len(line); {
		c := line[i]
		if c == ' ' || c == '\t' {
			if inWord {
				words = append(words, word{string(line[rawStart:i]), string(cur), start})
				cur, inWord = cur[:0], false
			}
			i++
			column++
			continue
		}
		if !inWord {
			if c == '#' {
				break
			}
			inWord, start, rawStart = true, column, i
		}
		if c == '\\' && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '#') {
			cur = append(cur, line[i+1])
			i += 2
			column += 2
			continue
		}
		_, size := utf8.DecodeRune(line[i:])
		cur = append(cur, line[i:i+size]...)
		i += size
		column++
	}
	if inWord {
		words = append(words, word{string(line[rawStart:]), string(cur), start})
	}
	return words
}
