package lint

import (
	"testing"

	"github.com/handover-dev/handover/lint/history"
)

func TestUnlistedContributor(t *testing.T) { testRule(t, "unlisted-contributor") }

func TestCommitterMatching(t *testing.T) {
	p := &Pass{Team: []Member{
		{Name: "Ana Lima", Email: "ana@acme.example", GitHub: "analima"},
		{Name: "Bo Reyes", GitHub: "Bo-Dev"},
	}}
	for _, tc := range []struct {
		author history.Author
		want   string
	}{
		{history.Author{Name: "someone", Email: "ANA@acme.example"}, "Ana Lima"},
		{history.Author{Name: "x", Email: "12345+bo-dev@users.noreply.github.com"}, "Bo Reyes"},
		{history.Author{Name: "x", Email: "bo-dev@users.noreply.github.com"}, "Bo Reyes"},
		{history.Author{Name: "AnaLima", Email: "a@home.example"}, "Ana Lima"},
		{history.Author{Name: "ana lima", Email: "a@home.example"}, "Ana Lima"},
		{history.Author{Name: "Bo", Email: "bo-dev@example.com"}, ""},
		{history.Author{Name: "x", Email: "12345+someone@users.noreply.github.com"}, ""},
		{history.Author{Name: "", Email: ""}, ""},
	} {
		got := ""
		if m := p.committer(tc.author); m != nil {
			got = m.Name
		}
		if got != tc.want {
			t.Errorf("committer(%q <%s>) = %q, want %q", tc.author.Name, tc.author.Email, got, tc.want)
		}
	}
}

func TestIsBot(t *testing.T) {
	for _, tc := range []struct {
		name, email string
		want        bool
	}{
		{"dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", true},
		{"github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com", true},
		{"Renovate Bot", "bot@renovateapp.com", true},
		{"some-ci[BOT]", "ci@example.com", true},
		{"GitHub", "noreply@github.com", false},
		{"Bo Reyes", "bo@acme.example", false},
	} {
		if got := isBot(history.Author{Name: tc.name, Email: tc.email}); got != tc.want {
			t.Errorf("isBot(%q <%s>) = %v, want %v", tc.name, tc.email, got, tc.want)
		}
	}
}
