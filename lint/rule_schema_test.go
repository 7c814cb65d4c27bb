package lint

import (
	"strings"
	"testing"
)

func TestSchema(t *testing.T) { testRule(t, "schema") }

// TestSchemaPositions: a violation points at the value its instance path
// names, in data documents too, through nested arrays, with CRLF and a BOM.
func TestSchemaPositions(t *testing.T) {
	teamJSON := `{
  "owner": "Ana Lima",
  "reviewed": "2026-11-01",
  "members": [
    {"name": "Ana Lima", "role": "CTO", "github": "analima", "introduced": "2026-11-03"},
    {"name": "Rui Sousa", "role": "Backend engineer", "github": "ruisousa",
     "owns": ["api/**", ["nested"]], "introduced": "2026-11-4"}
  ]
}
`
	teamYAML := `owner: Ana Lima
reviewed: 2026-11-01
members:
  - name: Ana Lima
    role: CTO
    github: analima
    introduced: 2026-11-03
  - name: Rui Sousa
    role: Backend engineer
    github: "@ruisousa"
    owns:
      - api/**
      - - nested
    introduced: 2026-11-04
`
	yamlWant := `handover/team.yml:10:13: error: /members/1/github: "@ruisousa" is not a GitHub login: letters, digits and single hyphens, without @ [schema]
handover/team.yml:13:9: error: /members/1/owns/1: got array, want string [schema]
`
	tests := []struct{ name, file, text, want string }{
		{"json", "team.json", teamJSON, `handover/team.json:7:25: error: /members/1/owns/1: got array, want string [schema]
handover/team.json:7:52: error: /members/1/introduced: "2026-11-4" is not a valid date (want YYYY-MM-DD) [schema]
`},
		{"yaml", "team.yml", teamYAML, yamlWant},
		{"yaml with BOM and CRLF", "team.yml", "\ufeff" + strings.ReplaceAll(teamYAML, "\n", "\r\n"), yamlWant},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := checkArchive(t, "nogit: true\n-- .handover.yml --\nrequire: [team]\n-- handover/"+tt.file+" --\n"+tt.text)
			if got := ruleLines(res, "schema", "parse"); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestDisableNextLineYAML: "# handover-disable-next-line RULE" silences
// that rule on the next line only, in front matter and in data documents.
func TestDisableNextLineYAML(t *testing.T) {
	res := checkArchive(t, `nogit: true
-- .handover.yml --
require: [team]
-- handover/team.yml --
owner: Ana Lima
reviewed: 2026-11-01
members:
  # handover-disable-next-line schema -- she signs commits as @analima
  - {name: Ana Lima, role: CTO, github: "@analima", introduced: 2026-11-03}
  - {name: Rui Sousa, role: Backend engineer, github: "@ruisousa", introduced: 2026-11-04}
  # handover-disable-next-line placeholder, not-introduced
  - {name: Marta Reis, role: TBD, github: "@martareis"}
`)
	want := `handover/team.yml:6:55: error: /members/1/github: "@ruisousa" is not a GitHub login: letters, digits and single hyphens, without @ [schema]
handover/team.yml:8:43: error: /members/2/github: "@martareis" is not a GitHub login: letters, digits and single hyphens, without @ [schema]
`
	if got := ruleLines(res, "schema", "placeholder", "not-introduced"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
