package format

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// sarifRunRead is what the limit tests read back from a log.
type sarifRunRead struct {
	Tool struct {
		Driver struct{ Rules []struct{ ID string } }
	}
	Invocations []struct {
		ExecutionSuccessful        bool
		ToolExecutionNotifications []struct {
			Level   string
			Message struct{ Text string }
		}
	}
	Results []struct {
		RuleID    string `json:"ruleId"`
		RuleIndex int    `json:"ruleIndex"`
		Message   struct{ Text string }
		Locations []struct {
			PhysicalLocation struct {
				ArtifactLocation struct{ URI string }
			}
		}
	}
}

func readSARIF(t *testing.T, out []byte) sarifRunRead {
	t.Helper()
	var log struct{ Runs []sarifRunRead }
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log.Runs[0]
}

// checkCapped checks a log that had to leave findings out: the results are
// the first of MostUsefulFirst, each points at its descriptor, there is a
// descriptor only for rules with results, and one notification says how
// many findings were left out.
func checkCapped(t *testing.T, run sarifRunRead, res *result.Result) {
	t.Helper()
	ordered := MostUsefulFirst(res.Findings, res.Repo.Changed)
	for i, r := range run.Results {
		if r.Message.Text != ordered[i].Message || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != sarifURI(ordered[i].Path) {
			t.Fatalf("result %d is %+v, want %+v: the most useful findings first", i, r, ordered[i])
		}
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Fatalf("result %d: ruleIndex %d is not %s", i, r.RuleIndex, r.RuleID)
		}
	}
	ids := SARIF{}.findingRules(ordered[:len(run.Results)])
	if len(run.Tool.Driver.Rules) != len(ids) {
		t.Errorf("%d rule descriptors for the %d rules of the results", len(run.Tool.Driver.Rules), len(ids))
	}
	want := fmt.Sprintf("%d of %d findings are not in this SARIF file", len(res.Findings)-len(run.Results), len(res.Findings))
	if len(run.Invocations) != 1 || len(run.Invocations[0].ToolExecutionNotifications) != 1 || !run.Invocations[0].ExecutionSuccessful ||
		!strings.HasPrefix(run.Invocations[0].ToolExecutionNotifications[0].Message.Text, want) {
		t.Errorf("invocations %+v, want one notification starting %q", run.Invocations, want)
	}
}

// TestSARIFResultLimit: a folder of TODOs gave 200,002 results, and GitHub
// code scanning rejects a run of more than 25,000.
func TestSARIFResultLimit(t *testing.T) {
	res := todoFolder(SARIFMaxResults)
	run := readSARIF(t, render(t, SARIF{MaxBytes: 1 << 40}, res))
	if len(run.Results) != SARIFMaxResults {
		t.Fatalf("%d results, want %d", len(run.Results), SARIFMaxResults)
	}
	checkCapped(t, run, res)
	if run.Results[0].RuleID != "schema" || run.Results[3].RuleID != "pr-drift" {
		t.Errorf("results start with %s and %s: errors first, then the changed file", run.Results[0].RuleID, run.Results[3].RuleID)
	}
}

// TestSARIFFileLimit: by default the file stays within SARIFMaxBytes, so
// that the upload is under GitHub's 10 MB.
func TestSARIFFileLimit(t *testing.T) {
	res := todoFolder(12)
	for i := range res.Findings {
		res.Findings[i].Message = strings.Repeat("a long message ", 70_000)
	}
	out := render(t, SARIF{}, res)
	if len(out) > SARIFMaxBytes {
		t.Errorf("%d bytes, more than %d", len(out), SARIFMaxBytes)
	}
	checkCapped(t, readSARIF(t, out), res)
}

// TestSARIFByteLimit: long messages reach the byte cap before the result
// cap; the log stays within it, however close the cap.
func TestSARIFByteLimit(t *testing.T) {
	res := todoFolder(300)
	for i := range res.Findings {
		res.Findings[i].Message += strings.Repeat(" and more", 100)
	}
	full := render(t, SARIF{}, res)
	if strings.Contains(string(full), "invocations") {
		t.Fatal("a log within the limits says findings were left out")
	}
	for _, limit := range []int{len(full) - 1, len(full) / 2, 50_000, 20_000} {
		out := render(t, SARIF{MaxBytes: limit}, res)
		if len(out) > limit {
			t.Errorf("MaxBytes %d: %d bytes", limit, len(out))
		}
		run := readSARIF(t, out)
		checkCapped(t, run, res)
		if limit >= 20_000 && len(run.Results) == 0 {
			t.Errorf("MaxBytes %d: no result kept", limit)
		}
	}
}
