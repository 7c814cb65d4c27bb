package lint

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig(ConfigFile, []byte(`dir: ./docs/handover/
require: [product, team]
review_every: 6w
schemas: {tech: schemas/our-tech.schema.json}
rules:
  drift: error
  stale-review: off
  renewal-due: {severity: info, days: 45}
ignore: ["handover/archive/**"]
`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Dir != "docs/handover" || strings.Join(cfg.Require, ",") != "product,team" || cfg.ReviewEvery != 42 ||
		cfg.Schemas["tech"] != "schemas/our-tech.schema.json" || !cfg.ignored("handover/archive/2025/team.md") {
		t.Errorf("config = %+v", cfg)
	}
	if r := cfg.Rules["drift"]; r.Severity != Error || r.Off {
		t.Errorf("drift = %+v", r)
	}
	if !cfg.Rules["stale-review"].Off {
		t.Error("stale-review is not off")
	}
	if r := cfg.Rules["renewal-due"]; r.Severity != Info || r.Options["days"] != 45 {
		t.Errorf("renewal-due = %+v", r)
	}
	if empty, err := ParseConfig(ConfigFile, []byte("# nothing yet\n")); err != nil || empty.Dir != "handover" || len(empty.Require) != 5 {
		t.Errorf("empty config = %+v, %v", empty, err)
	}
}

// TestParseConfigErrors: every mistake is a ConfigError at the line and
// column to fix, with a message that says how.
func TestParseConfigErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"require: [tech]\ndirr: docs\n", `2:1: unknown field "dirr"`},
		{"rules:\n  drift: fatal\n", `2:10: /rules/drift: "fatal" is not one of error, warning, info, off`},
		{"rules:\n  drfit: error\n", "2:3: unknown rule \"drfit\": `handover rules` lists the rule ids"},
		{"rules:\n  renewal-due: {severity: warning, dayz: 45}\n", `2:36: rule renewal-due has no option "dayz"; it takes severity and days`},
		{"rules:\n  drift: {days: 3}\n", `2:11: rule drift has no option "days"; it takes only severity`},
		{"rules:\n  renewal-due:\n    days: -1\n", `3:11: /rules/renewal-due/days: -1 is less than 0`},
		{"rules:\n  renewal-due:\n    days: 4.5\n", `3:11: /rules/renewal-due/days: got number, want integer`},
		{"rules:\n  unlisted-contributor: {ignore: bot}\n", `2:34: /rules/unlisted-contributor/ignore: got string, want a list such as [name, "*@example.com"]`},
		{"rules:\n  unlisted-contributor: {ignore: [ok, 3]}\n", `2:34: /rules/unlisted-contributor/ignore: item 1: want a non-empty string`},
		{"rules:\n  undocumented-vendor: {ignore: [\"[\"]}\n", `2:33: /rules/undocumented-vendor/ignore: item 0: "[" is not a valid glob`},
		{"rules:\n  renewal-due: {days: [1]}\n", `2:23: /rules/renewal-due/days: got array, want integer`},
		{"rules:\n  b-unknown: error\n  a-unknown: error\n", "3:3: unknown rule \"a-unknown\": `handover rules` lists the rule ids"},
		{"dir: ../docs\n", `1:6: dir "../docs" leaves the repository: give a path inside it, such as handover`},
		{"dir: docs/../../x\n", `1:6: dir "docs/../../x" leaves the repository: give a path inside it, such as handover`},
		{"dir: /etc\n", `1:6: dir "/etc" leaves the repository: give a path inside it, such as handover`},
		{"review_every: 3 months\n", `1:15: /review_every: "3 months" is not a review period: want a number and a unit d, w, m or y, such as 90d`},
		{"review_every: 200y\n", `1:15: review period "200y" is longer than 100 years`},
		{"require: [techs]\n", `1:11: /require/0: "techs" is not one of product, tech, team, vendors, transition`},
		{"schemas: {techs: x.json}\n", `1:11: /schemas: key "techs" is not one of product, tech, team, vendors, transition`},
		{"ignore: ['[']\n", `1:10: ignore pattern "[" is not a valid glob`},
		{"- dir\n", `1:1: got array, want object`},
		{"dir: a\ndir: b\n", `2:1: duplicate key "dir" (first defined at line 1): keep one of them`},
		{"dir: [\n", "1:1: invalid YAML: did not find expected node content"},
		{"dir: \xff\n", "1:6: invalid UTF-8: save the file as UTF-8 text"},
	}
	for _, tt := range tests {
		_, err := ParseConfig(ConfigFile, []byte(tt.src))
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("%q: error %v, want a ConfigError", tt.src, err)
			continue
		}
		if got := err.Error(); got != ConfigFile+":"+tt.want {
			t.Errorf("%q:\n got %s\nwant %s:%s", tt.src, got, ConfigFile, tt.want)
		}
	}
}

// TestConfigSeverity: a rule's severity can be raised, lowered or switched
// off, and only that rule changes.
func TestConfigSeverity(t *testing.T) {
	doc := `-- handover/transition.yml --
owner: Ana Lima
reviewed: 2026-01-10
outgoing: {name: Ana Lima, role: CTO}
handover_date: 2026-12-15
advisory: {until: 2027-03-31, cadence: weekly call}
`
	tests := []struct{ rules, want string }{
		{"", "handover/transition.yml:1:1: warning: no successor named: set successor.name (and role, start) to the person taking over [no-successor]\n" +
			"handover/transition.yml:2:11: warning: review overdue: reviewed 2026-01-10, 319 days ago, and due every 90 days (since 2026-04-10); re-read the document and set reviewed to today [stale-review]\n"},
		{"rules: {stale-review: error, no-successor: {severity: info}}", "handover/transition.yml:1:1: info: no successor named: set successor.name (and role, start) to the person taking over [no-successor]\n" +
			"handover/transition.yml:2:11: error: review overdue: reviewed 2026-01-10, 319 days ago, and due every 90 days (since 2026-04-10); re-read the document and set reviewed to today [stale-review]\n"},
		{"rules: {stale-review: off, no-successor: {severity: off}}", ""},
	}
	for _, tt := range tests {
		res := checkArchive(t, "nogit: true\n-- .handover.yml --\nrequire: [transition]\n"+tt.rules+"\n"+doc)
		if got := ruleLines(res, "stale-review", "no-successor"); got != tt.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", tt.rules, got, tt.want)
		}
	}
}

func TestRenewalDueDays(t *testing.T) {
	res := checkArchive(t, `nogit: true
-- .handover.yml --
require: [vendors]
rules: {renewal-due: {days: 60}}
-- handover/vendors.yml --
owner: Ana Lima
reviewed: 2026-11-01
vendors:
  - {name: Sentry, service: errors, account_owner: Ana Lima, renewal: 2027-01-24, introduced: 2026-11-10}
  - {name: Fly.io, service: hosting, account_owner: Ana Lima, renewal: 2027-01-25, introduced: 2026-11-10}
`)
	want := "handover/vendors.yml:4:71: warning: Sentry renews on 2027-01-24, in 60 days: decide with Ana Lima whether to renew before then [renewal-due]\n"
	if got := ruleLines(res, "renewal-due"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestSchemaOverride: a repository's own schema file replaces a kind's
// embedded one (with its $ref to handover's common definitions); a $ref to
// the network or out of the repository is refused before anything is read.
func TestSchemaOverride(t *testing.T) {
	const tech = `-- handover/tech.yml --
owner: Ana Lima
reviewed: 2026-11-01
stack: [Go]
`
	const config = "-- .handover.yml --\nrequire: [tech]\nschemas: {tech: schemas/our-tech.schema.json}\n"
	res := checkArchive(t, "nogit: true\n"+config+tech+`-- schemas/our-tech.schema.json --
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$ref": "https://github.com/handover-dev/handover/schemas/common.schema.json#/$defs/document",
  "required": ["oncall"],
  "properties": {"oncall": {"type": "string"}}
}
`)
	want := `handover/tech.yml:1:1: error: missing required field "oncall" [schema]
`
	if got := ruleLines(res, "schema"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	for _, tt := range []struct{ ref, want string }{
		{"https://example.com/tech.schema.json", `refusing to load "https://example.com/tech.schema.json": schemas are read only from the repository or handover's embedded schemas, never the network`},
		{"../../outside.schema.json", `refusing to load`},
		{"missing.schema.json", "cannot read schema schemas/missing.schema.json"},
	} {
		a := txtar.Parse([]byte("nogit: true\n" + config + tech + "-- schemas/our-tech.schema.json --\n" +
			`{"$ref": "` + tt.ref + `"}` + "\n"))
		f := buildFixture(t, t.Name(), a)
		ws, err := Open(context.Background(), f.dir, f.opts)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Check(ws, f.opts)
		ws.Close()
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), ".handover.yml: schema for tech: ") {
			t.Errorf("$ref %s: error %v, want one starting with .handover.yml: schema for tech: and containing %q", tt.ref, err, tt.want)
		}
	}
}

// TestSchemaOverrideTooDeep: a schema file nested thousands of levels
// took the compiler minutes and gigabytes; past 128 levels it is one line
// naming where, before the compiler sees it. The limit counts objects and
// arrays, not brackets inside strings.
func TestSchemaOverrideTooDeep(t *testing.T) {
	const head = "nogit: true\n-- .handover.yml --\nrequire: [tech]\nschemas: {tech: deep.json}\n-- handover/tech.yml --\nowner: Ana Lima\nreviewed: 2026-11-01\nstack: [Go]\n-- deep.json --\n"
	for _, tt := range []struct {
		name, schema, want string
	}{
		{"deep", `{"title": "[{[{", "properties": {"a":` + "\n" + strings.Repeat(`{"items":`, 2000) + "{}" + strings.Repeat("}", 2000) + "}}\n",
			".handover.yml: schema for tech: deep.json:2:1135: the schema nests deeper than 128 levels; a document is not that deep, so flatten it with $defs and $ref"},
		{"at the limit", `{"title": "{\"[{", "a":` + strings.Repeat(`{"a":`, 126) + "{}" + strings.Repeat("}", 127) + "\n", ""},
	} {
		f := buildFixture(t, t.Name(), txtar.Parse([]byte(head+tt.schema)))
		ws, err := Open(context.Background(), f.dir, f.opts)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Check(ws, f.opts)
		ws.Close()
		if got := fmt.Sprint(err); tt.want == "" && err != nil || tt.want != "" && got != tt.want {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}
