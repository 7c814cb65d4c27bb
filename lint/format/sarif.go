package format

import (
	"cmp"
	"fmt"
	"io"
	"net/url"
	"slices"

	"github.com/handover-dev/handover/lint/result"
)

// RulesDocURL is where each rule is documented; a rule's help URI is this
// plus "#" and its id (docs/rules.md has one heading per rule).
const RulesDocURL = "https://github.com/handover-dev/handover/blob/main/docs/rules.md"

const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// GitHub code scanning's limits on an upload (docs.github.com, "SARIF
// results exceed one or more limits" and "SARIF file is too large"): it
// rejects a run with more than SARIFMaxResults results and a file over
// 10 MB gzip-compressed. The other limits (20 runs per file, 1,000
// locations per result, 25,000 rules per run) are far above what handover
// writes: one run, one location per result, one rule per rule id.
const (
	SARIFMaxResults = 25_000
	// SARIFMaxBytes caps the file as written, uncompressed: gzip makes
	// JSON smaller, so the compressed upload stays under 10 MB too.
	SARIFMaxBytes = 10_000_000
)

// SARIF writes a SARIF 2.1.0 log for GitHub code scanning and other SARIF
// viewers: one run, one rule descriptor per rule that has a result, one
// result per finding with a repository-relative location. Within GitHub's
// limits: past MaxResults results or MaxBytes bytes the least useful
// findings (MostUsefulFirst) are left out, and a notification of the run's
// invocation says how many and where to find them all.
type SARIF struct {
	// Rules documents the rules, in the order of the registry; a rule it
	// lacks gets a descriptor with its id alone.
	Rules []result.RuleInfo
	// MaxResults and MaxBytes cap the log; zero means SARIFMaxResults and
	// SARIFMaxBytes.
	MaxResults, MaxBytes int
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations,omitempty"`
	Results     []sarifResult     `json:"results"`
}

// sarifInvocation carries the notification about findings left out.
type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
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
	maxResults, maxBytes := cmp.Or(s.MaxResults, SARIFMaxResults), cmp.Or(s.MaxBytes, SARIFMaxBytes)
	ordered := MostUsefulFirst(res.Findings, res.Repo.Changed)
	// Measure the log without results, with a descriptor for every rule
	// and the longest notification, then add results while they fit.
	ids := s.findingRules(ordered)
	empty, err := marshalJSON(s.sarifLogFor(res, ids, nil, omittedNotice(len(ordered), len(ordered))), "")
	if err != nil {
		return err
	}
	size, kept := len(empty)+sarifSlack, 0
	for _, f := range ordered[:min(len(ordered), maxResults)] {
		r, err := marshalJSON(sarifResultFor(f, slices.Index(ids, f.Rule)), sarifResultIndent)
		if err != nil {
			return err
		}
		if size += len(sarifResultIndent) + len(r) + len(","); size > maxBytes {
			break
		}
		kept++
	}
	var notice []sarifInvocation
	if omitted := len(ordered) - kept; omitted > 0 {
		notice = omittedNotice(omitted, len(ordered))
	}
	b, err := marshalJSON(s.sarifLogFor(res, s.findingRules(ordered[:kept]), ordered[:kept], notice), "")
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// sarifResultIndent is how deep a result sits in the log as written
// (log, runs, run, results), and sarifSlack bounds the bytes the results
// array adds around its elements.
const (
	sarifResultIndent = "        "
	sarifSlack        = 64
)

// sarifLogFor builds the log of the findings fs, with a descriptor for
// each rule of ids and the invocations given (nil when nothing was left
// out).
func (s SARIF) sarifLogFor(res *result.Result, ids []string, fs []result.Finding, invocations []sarifInvocation) sarifLog {
	driver := sarifDriver{
		Name:           "handover",
		Version:        res.Tool.Version,
		InformationURI: "https://github.com/handover-dev/handover",
		Rules:          []sarifRule{},
	}
	index := map[string]int{}
	for _, id := range ids {
		index[id] = len(driver.Rules)
		driver.Rules = append(driver.Rules, s.sarifRuleFor(id))
	}
	results := make([]sarifResult, 0, len(fs))
	for _, f := range fs {
		results = append(results, sarifResultFor(f, index[f.Rule]))
	}
	return sarifLog{
		Schema:  sarifSchema,
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Invocations: invocations, Results: results}},
	}
}

func sarifResultFor(f result.Finding, ruleIndex int) sarifResult {
	loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(f.Path), URIBaseID: "%SRCROOT%"}}
	if f.Line > 0 {
		loc.Region = &sarifRegion{StartLine: f.Line, StartColumn: f.Column}
	}
	return sarifResult{
		RuleID:    f.Rule,
		RuleIndex: ruleIndex,
		Level:     levelName(f.Severity, "note"),
		Message:   sarifText{Text: f.Message},
		Locations: []sarifLocation{{PhysicalLocation: loc}},
	}
}

// omittedNotice says how many findings the log leaves out and where to
// find them all.
func omittedNotice(omitted, total int) []sarifInvocation {
	return []sarifInvocation{{ExecutionSuccessful: true, ToolExecutionNotifications: []sarifNotification{{
		Level: "warning",
		Message: sarifText{Text: fmt.Sprintf(
			"%d of %d findings are not in this SARIF file, to keep within GitHub code scanning's limits (%d results per run, 10 MB per upload); it holds the most useful (errors first), and handover check --format text or --format json lists them all.",
			omitted, total, SARIFMaxResults)},
	}}}}
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
