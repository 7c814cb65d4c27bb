package format

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/handover-dev/handover/lint/result"
)

func TestSARIFGolden(t *testing.T) {
	golden(t, "sarif.golden", render(t, SARIF{Rules: ruleDescriptors(t)}, sampleResult()))
}

// ruleDescriptors reads the rules' documentation from testdata/rules.json,
// which the core's TestRuleDocs keeps equal to the registry.
func ruleDescriptors(t *testing.T) []result.RuleInfo {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "rules.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rules []result.RuleInfo
	if err := json.Unmarshal(b, &rules); err != nil {
		t.Fatal(err)
	}
	return rules
}

// TestSARIFShape checks what GitHub code scanning needs from an upload:
// one descriptor per rule id with a help URI and a default level, results
// pointing at their descriptor, repository-relative URIs, and a region only
// where the finding has a line.
func TestSARIFShape(t *testing.T) {
	res := sampleResult()
	rules := ruleDescriptors(t)
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID                   string `json:"id"`
						HelpURI              string `json:"helpUri"`
						ShortDescription     struct{ Text string }
						FullDescription      struct{ Text string }
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						}
						Region *struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(render(t, SARIF{Rules: rules}, res), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with 1", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	seen := map[string]bool{}
	for _, r := range run.Tool.Driver.Rules {
		if seen[r.ID] {
			t.Errorf("rule %s has two descriptors", r.ID)
		}
		seen[r.ID] = true
		if r.HelpURI != RulesDocURL+"#"+r.ID {
			t.Errorf("rule %s: helpUri %q", r.ID, r.HelpURI)
		}
		i := slices.IndexFunc(rules, func(d result.RuleInfo) bool { return d.ID == r.ID })
		if i < 0 {
			t.Errorf("descriptor for unknown rule %s", r.ID)
			continue
		}
		rule := rules[i]
		if r.ShortDescription.Text != rule.Summary || r.FullDescription.Text != rule.Explain || r.DefaultConfiguration.Level != levelName(rule.Severity, "note") {
			t.Errorf("rule %s: descriptor does not match the registry", r.ID)
		}
	}
	if len(run.Results) != len(res.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(res.Findings))
	}
	for i, r := range run.Results {
		f := res.Findings[i]
		if !seen[r.RuleID] || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleId %s, ruleIndex %d does not point at its descriptor", i, r.RuleID, r.RuleIndex)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: uriBaseId %q", i, loc.ArtifactLocation.URIBaseID)
		}
		switch {
		case f.Line == 0 && loc.Region != nil:
			t.Errorf("result %d: a region for a finding without a line", i)
		case f.Line > 0 && (loc.Region == nil || loc.Region.StartLine != f.Line || loc.Region.StartColumn != f.Column):
			t.Errorf("result %d: region %+v, want line %d column %d", i, loc.Region, f.Line, f.Column)
		}
	}
	if got, want := run.Results[3].Locations[0].PhysicalLocation.ArtifactLocation.URI, "handover/notes,%20v2:%20draft%20100%25.md"; got != want {
		t.Errorf("URI %q, want %q", got, want)
	}
}

func TestSARIFNoFindings(t *testing.T) {
	var log struct {
		Runs []struct {
			Tool    struct{ Driver struct{ Rules []any } }
			Results []any
		}
	}
	if err := json.Unmarshal(render(t, SARIF{}, &result.Result{}), &log); err != nil {
		t.Fatal(err)
	}
	if r := log.Runs[0]; r.Results == nil || r.Tool.Driver.Rules == nil {
		t.Errorf("results and rules must be empty arrays, not null: %+v", r)
	}
}
