package lint

import (
	"strings"
)

// Member is a person of the team document.
type Member struct {
	Name, Role, Email, GitHub string
	// Status is active, leaving or left.
	Status string
	// Introduced is the date the member met the successor, "" if not yet.
	Introduced string
	Owns       []string
	// Pointer locates the member in the team document, e.g. /members/2.
	Pointer string
}

// members reads the team document's members; items that are not mappings
// are skipped (the schema rule reports them).
func members(team *Doc) []Member {
	var out []Member
	for _, it := range team.Items("members") {
		m := Member{
			Name: it.String("name"), Role: it.String("role"), Email: it.String("email"),
			GitHub: it.String("github"), Status: it.String("status"), Introduced: it.String("introduced"),
			Pointer: it.Pointer,
		}
		if m.Status == "" {
			m.Status = "active"
		}
		owns, _ := it.Fields["owns"].([]any)
		for _, o := range owns {
			if s, ok := o.(string); ok {
				m.Owns = append(m.Owns, s)
			}
		}
		out = append(out, m)
	}
	return out
}

// member returns the member a reference names: a name (case-insensitive),
// a GitHub login with or without @, or an email address.
func (p *Pass) member(ref string) *Member {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil
	}
	login := strings.TrimPrefix(ref, "@")
	for i := range p.Team {
		m := &p.Team[i]
		if strings.EqualFold(m.Name, ref) || (m.GitHub != "" && strings.EqualFold(m.GitHub, login)) ||
			(m.Email != "" && strings.EqualFold(m.Email, ref)) {
			return m
		}
	}
	return nil
}
