package format

import (
	"encoding/json"
	"io"
	"net/url"
	"slices"

	"github.com/handover-dev/handover/lint/result"
)

// RulesDocURL is where each rule is documented; a rule's help URI is this
// plus "#" and its id (docs/rules.md has one heading per rule).
const RulesDocURL = "https://github.com/handover-dev/handover/blob/main/docs/rules.md"

const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// SARIF writes a SARIF 2.1.0 log for GitHub code scanning and other SARIF
// viewers: one run, one rule descriptor per rule that has a finding, one
// result per finding with a repository-relative location. Rules documents
// the rules, in the order of the registry; a rule it lacks gets a
// descriptor with its id alone.
type SARIF struct{ Rules []result.RuleInfo }

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	HelpURI              string             `json:"helpUri"`
	Help                 sarifText          `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
	// URIBaseID tells viewers the URI is relative to the checked-out
	// repository, which is how GitHub code scanning resolves it.
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// Format implements Formatter.
func (s SARIF) Format(w io.Writer, res *result.Result) error {
	driver := sarifDriver{
		Name:           "handover",
		Version:        res.Tool.Version,
		InformationURI: "https://github.com/handover-dev/handover",
		Rules:          []sarifRule{},
	}
	index := map[string]int{}
	for _, id := range s.findingRules(res.Findings) {
		index[id] = len(driver.Rules)
		driver.Rules = append(driver.Rules, s.sarifRuleFor(id))
	}
	results := make([]sarifResult, 0, len(res.Findings))
	for _, f := range res.Findings {
		loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(f.Path), URIBaseID: "%SRCROOT%"}}
		if f.Line > 0 {
			loc.Region = &sarifRegion{StartLine: f.Line, StartColumn: f.Column}
		}
		results = append(results, sarifResult{
			RuleID:    f.Rule,
			RuleIndex: index[f.Rule],
			Level:     levelName(f.Severity, "note"),
			Message:   sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: loc}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{
		Schema:  sarifSchema,
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}},
	})
}

// findingRules lists the rule ids of the findings once each, in the order
// of the rule registry, then any id the registry does not know.
func (s SARIF) findingRules(fs []result.Finding) []string {
	var ids []string
	for _, r := range s.Rules {
		if slices.ContainsFunc(fs, func(f result.Finding) bool { return f.Rule == r.ID }) {
			ids = append(ids, r.ID)
		}
	}
	for _, f := range fs {
		if !slices.Contains(ids, f.Rule) {
			ids = append(ids, f.Rule)
		}
	}
	return ids
}

func (s SARIF) sarifRuleFor(id string) sarifRule {
	d := sarifRule{ID: id, HelpURI: RulesDocURL + "#" + id, DefaultConfiguration: sarifConfiguration{Level: "warning"}}
	d.ShortDescription.Text, d.FullDescription.Text = id, id
	if i := slices.IndexFunc(s.Rules, func(r result.RuleInfo) bool { return r.ID == id }); i >= 0 {
		r := s.Rules[i]
		d.ShortDescription.Text = r.Summary
		d.FullDescription.Text = r.Explain
		d.DefaultConfiguration.Level = levelName(r.Severity, "note")
	}
	d.Help.Text = d.FullDescription.Text + "\n\nRun `handover explain " + id + "` or see " + d.HelpURI
	return d
}

// levelName names a severity in a format whose name for info differs:
// "note" in SARIF, "notice" in GitHub workflow commands.
func levelName(s result.Severity, info string) string {
	if s == result.Info {
		return info
	}
	return s.String()
}

// sarifURI turns a repository-relative slash path into a relative URI
// reference, percent-encoding what a URI cannot hold (spaces, "#", "%").
func sarifURI(path string) string {
	return (&url.URL{Path: path}).String()
}
