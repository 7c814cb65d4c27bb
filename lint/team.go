package lint

import (
	"strings"
)

// Member returns the member a reference names: a name (case-insensitive),
// a GitHub login with or without @, or an email address. It returns nil
// when nobody matches, and on a nil Team (no team document, or one that
// did not parse).
func (t *Team) Member(ref string) *Member {
	ref = strings.TrimSpace(ref)
	if t == nil || ref == "" {
		return nil
	}
	login := strings.TrimPrefix(ref, "@")
	for i := range t.Members {
		m := &t.Members[i]
		if strings.EqualFold(m.Name, ref) || (m.GitHub != "" && strings.EqualFold(m.GitHub, login)) ||
			(m.Email != "" && strings.EqualFold(m.Email, ref)) {
			return m
		}
	}
	return nil
}

// Committer returns the member who made commits as name <email>: by email,
// by the login of a GitHub noreply address, or by a name equal to the
// member's name or login.
func (t *Team) Committer(name, email string) *Member {
	if m := t.Member(email); m != nil {
		return m
	}
	if login := noreplyLogin(email); login != "" {
		if m := t.Member("@" + login); m != nil {
			return m
		}
	}
	return t.Member(name)
}

// noreplyLogin returns the GitHub login of a noreply address
// (12345+login@users.noreply.github.com, or the older
// login@users.noreply.github.com), or "".
func noreplyLogin(email string) string {
	local, ok := strings.CutSuffix(strings.ToLower(email), "@users.noreply.github.com")
	if !ok {
		return ""
	}
	if _, login, ok := strings.Cut(local, "+"); ok {
		return login
	}
	return local
}
