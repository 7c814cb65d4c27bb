package lint

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRuleDocs checks that every rule is documented where users look: its
// explain text, its own test file, its fixtures, and docs/rules.md, which
// is generated from the rules and their fail fixtures so that the examples
// are real output (go test ./lint -run TestRuleDocs -update rewrites it).
func TestRuleDocs(t *testing.T) {
	for _, r := range Rules() {
		if len(r.Summary) < 10 || len(r.Explain) < 80 || !strings.Contains(r.Explain, "Fix") {
			t.Errorf("rule %s: summary or explain text missing, or explain does not say how to fix", r.ID)
		}
		if r.Severity == 0 || r.Run == nil {
			t.Errorf("rule %s: no default severity or no check", r.ID)
		}
		file := "rule_" + strings.ReplaceAll(r.ID, "-", "_") + "_test.go"
		b, err := os.ReadFile(file)
		if err != nil || !strings.Contains(string(b), fmt.Sprintf("testRule(t, %q)", r.ID)) {
			t.Errorf("rule %s: %s must exist and call testRule(t, %q)", r.ID, file, r.ID)
		}
	}
	golden(t, filepath.Join("..", "docs", "rules.md"), rulesDoc(t))
	// The formats' tests read the rule descriptors from this file rather
	// than importing the core.
	descriptors, err := json.MarshalIndent(Descriptors(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("format", "testdata", "rules.json"), string(descriptors)+"\n")
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		if !strings.Contains(string(readme), "| "+r.ID+" | "+r.Severity.String()+" |") {
			t.Errorf("README.md's rules table lacks the row of %s (default %s)", r.ID, r.Severity)
		}
	}
}

func rulesDoc(t *testing.T) string {
	var b strings.Builder
	b.WriteString(`# Rules

Generated from the rules' own text and their test fixtures by
` + "`go test ./lint -run TestRuleDocs -update`" + `: every example below is the
input of a test and the output handover really gives for it.

Change a rule's severity, switch it off, or set its options in
` + "`.handover.yml`" + ` (see the README). Silence one finding with
` + "`<!-- handover-disable-next-line RULE -->`" + ` on the line above it (in YAML,
` + "`# handover-disable-next-line RULE`" + `).

| rule | default | fires when |
|---|---|---|
`)
	for _, r := range Rules() {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s |\n", r.ID, r.ID, r.Severity, strings.ReplaceAll(r.Summary, "|", `\|`))
	}
	for _, r := range Rules() {
		fmt.Fprintf(&b, "\n## %s\n\nDefault severity: **%s**.", r.ID, r.Severity)
		if r.History {
			b.WriteString(" Needs git history.")
		}
		fmt.Fprintf(&b, "\n\n%s\n", r.Explain)
		for _, o := range r.Info().Options {
			fmt.Fprintf(&b, "\nOption `%s` (default %s): %s.\n", o.Name, o.Default, o.Doc)
		}
		ex, err := r.Example()
		if err != nil {
			t.Error(err)
			continue
		}
		fmt.Fprintf(&b, "\nExample (%s):\n\n````text\n%s````\n\n````console\n$ handover check\n%s````\n", ex.Title, ex.Files, ex.Output)
	}
	return b.String()
}
