package integration

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/handover-dev/handover/internal/inertmd"
	"github.com/handover-dev/handover/lint/format"
	"github.com/handover-dev/handover/lint/result"
)

// row is what every format must say about a finding.
type row struct {
	Severity, Rule, Path string
	Line, Column         int
	Message              string
}

func (r row) String() string {
	return r.Path + ":" + strconv.Itoa(r.Line) + ":" + strconv.Itoa(r.Column) + ": " + r.Severity + ": " + r.Message + " [" + r.Rule + "]"
}

// TestFormatsAgree checks one realistic check, rendered by the built binary
// in every format, parsed back: each format names the same findings with
// the same rule, severity, path, line, column and message.
func TestFormatsAgree(t *testing.T) {
	r, base := pullRequestRepo(t)
	check := func(format string) string {
		cmd := exec.Command(handoverBin, "check", r.dir, "--now", "2026-11-25", "--base", base, "--format", format, "--fail-on", "never")
		cmd.Env = cleanEnv(r.dir)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("handover check --format %s: %v\n%s", format, err, out)
		}
		return string(out)
	}

	var res result.Result
	if err := json.Unmarshal([]byte(check("json")), &res); err != nil {
		t.Fatal(err)
	}
	var want []row
	for _, f := range res.Findings {
		want = append(want, row{f.Severity.String(), f.Rule, f.Path, f.Line, f.Column, f.Message})
	}
	checkRealistic(t, want)
	sortRows(want)

	for name, parse := range map[string]func(*testing.T, string) []row{
		"text":     parseText,
		"sarif":    parseSARIF,
		"github":   parseGitHub,
		"markdown": parseMarkdown,
	} {
		got := parse(t, check(name))
		sortRows(got)
		if !slices.Equal(got, want) {
			t.Errorf("--format %s disagrees with --format json:\n got: %s\nwant: %s", name, rowsString(got), rowsString(want))
		}
	}
}

// checkRealistic makes sure the fixture exercises what the formats differ
// on: every severity, findings with and without a line, and a path with a
// comma, a colon and a space.
func checkRealistic(t *testing.T, rows []row) {
	t.Helper()
	has := func(ok func(row) bool) bool { return slices.ContainsFunc(rows, ok) }
	for what, ok := range map[string]func(row) bool{
		"an error with a line":          func(r row) bool { return r.Severity == "error" && r.Line > 0 },
		"an error without a line":       func(r row) bool { return r.Severity == "error" && r.Line == 0 },
		"a warning":                     func(r row) bool { return r.Severity == "warning" },
		"an info":                       func(r row) bool { return r.Severity == "info" },
		"a finding on the awkward path": func(r row) bool { return r.Path == awkwardPath },
	} {
		if !has(ok) {
			t.Errorf("the fixture has no finding that is %s: %s", what, rowsString(rows))
		}
	}
}

func sortRows(rows []row) {
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.String(), b.String()) })
}

func rowsString(rows []row) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString("\n\t" + r.String())
	}
	return b.String()
}

var textLine = regexp.MustCompile(`^(.+?)(?::(\d+):(\d+))?: (error|warning|info): (.*) \[([a-z-]+)\]$`)

func parseText(t *testing.T, out string) []row {
	var rows []row
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for _, l := range lines[:len(lines)-1] { // the last line is the summary
		m := textLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("text: cannot parse %q", l)
			continue
		}
		rows = append(rows, row{m[4], m[6], m[1], atoi(m[2]), atoi(m[3]), m[5]})
	}
	return rows
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func parseSARIF(t *testing.T, out string) []row {
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("sarif: %v", err)
	}
	var rows []row
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		path, err := url.PathUnescape(loc.ArtifactLocation.URI)
		if err != nil {
			t.Errorf("sarif: uri %q: %v", loc.ArtifactLocation.URI, err)
		}
		sev := r.Level
		if sev == "note" {
			sev = "info"
		}
		rows = append(rows, row{sev, r.RuleID, path, loc.Region.StartLine, loc.Region.StartColumn, r.Message.Text})
	}
	return rows
}

var (
	githubLine = regexp.MustCompile(`^::(error|warning|notice) ([^:]*)::(.*)$`)
	// unescapeCommand undoes workflow command escaping as the Actions
	// runner does, "%25" last.
	unescapeCommand = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
)

func parseGitHub(t *testing.T, out string) []row {
	var rows []row
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		m := githubLine.FindStringSubmatch(sc.Text())
		if m == nil {
			t.Errorf("github: not a workflow command: %q", sc.Text())
			continue
		}
		sev := m[1]
		if sev == "notice" {
			sev = "info"
		}
		r := row{Severity: sev, Message: unescapeCommand.Replace(m[3])}
		for _, prop := range strings.Split(m[2], ",") {
			k, v, _ := strings.Cut(prop, "=")
			v = unescapeCommand.Replace(v)
			switch k {
			case "file":
				r.Path = v
			case "line":
				r.Line = atoi(v)
			case "col":
				r.Column = atoi(v)
			case "title":
				r.Rule = strings.TrimPrefix(v, "handover ")
			}
		}
		rows = append(rows, r)
	}
	return rows
}

var (
	markdownLocation = regexp.MustCompile(`^(.*?)(?::(\d+):(\d+))?$`)
	markdownRule     = regexp.MustCompile(`^\[(.+)\]\(https://[^)]+\)$`)
	// markdownEscape is a backslash escape of ASCII punctuation, or the
	// zero-width joiner that breaks a mention or a web address.
	markdownEscape = regexp.MustCompile("\\\\[!-/:-@[-`{-~]|\u200d")
)

func unescapeMarkdown(s string) string {
	return markdownEscape.ReplaceAllStringFunc(s, func(m string) string {
		return strings.TrimPrefix(strings.TrimPrefix(m, "\u200d"), `\`)
	})
}

// splitCells splits a table row at the "|" that are not escaped.
func splitCells(line string) []string {
	var cells []string
	var cell strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			cell.WriteString(line[i : i+2])
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cell.String()))
			cell.Reset()
		default:
			cell.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cell.String()))
}

func parseMarkdown(t *testing.T, out string) []row {
	_, table, ok := strings.Cut(out, "| Severity | Location | Rule | Message |\n|---|---|---|---|\n")
	if !ok {
		t.Fatalf("markdown: no findings table:\n%s", out)
	}
	var rows []row
	for _, line := range strings.Split(strings.TrimSpace(table), "\n") {
		cells := splitCells(line)
		if len(cells) != 6 {
			t.Errorf("markdown: %d cells in %q, want 4 between pipes", len(cells)-2, line)
			continue
		}
		loc := markdownLocation.FindStringSubmatch(unescapeMarkdown(cells[2]))
		rule := markdownRule.FindStringSubmatch(cells[3])
		if rule == nil {
			t.Errorf("markdown: rule cell %q is not a link to the rule's docs", cells[3])
			continue
		}
		rows = append(rows, row{cells[1], unescapeMarkdown(rule[1]), loc[1], atoi(loc[2]), atoi(loc[3]), unescapeMarkdown(cells[4])})
	}
	return rows
}

// hostileRepo builds testdata/hostile/output-injection.txtar, with the two
// file names its maker in cmd/handover/hostile_test.go adds: a line break
// followed by a workflow command, and a byte that is not UTF-8.
func hostileRepo(t *testing.T) *repo {
	a, err := txtar.ParseFile(filepath.Join(repoRoot, "testdata", "hostile", "output-injection.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	r := newRepo(t)
	files := map[string]string{newlineName: "TODO: write this\n", "handover/bad-\xff.md": "TODO: write this\n"}
	for _, f := range a.Files {
		files[f.Name] = string(f.Data)
	}
	r.write(files)
	r.commit("2026-11-01", "Hostile handover folder")
	return r
}

const newlineName = "handover/a\n::error file=x::pwned.md"

// TestFormatsHostile runs every output of check and report on a
// repository whose file names and values attack the reader: no line of
// any output starts a workflow command unless handover wrote it (every
// github line is one of its annotations, and points at the real file), no
// Markdown output holds raw HTML, a link other than handover's, an image,
// a mention or a forged heading when goldmark parses it as GitHub does,
// the HTML report holds no tag from a value, and every output is valid
// UTF-8.
func TestFormatsHostile(t *testing.T) {
	r := hostileRepo(t)
	run := func(args ...string) string {
		cmd := exec.Command(handoverBin, append(args, r.dir, "--now", "2026-11-25")...)
		cmd.Env = cleanEnv(r.dir)
		out, err := cmd.Output()
		if err != nil && cmd.ProcessState.ExitCode() != 1 {
			t.Fatalf("handover %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	outputs := map[string]string{}
	for _, f := range []string{"text", "json", "sarif", "github", "markdown"} {
		outputs["check "+f] = run("check", "--format", f)
	}
	for _, f := range []string{"markdown", "html"} {
		outputs["report "+f] = run("report", "--format", f)
	}
	for name, out := range outputs {
		if !utf8.ValidString(out) {
			t.Errorf("%s: not valid UTF-8", name)
		}
		for i, l := range strings.Split(out, "\n") {
			l = strings.TrimLeftFunc(l, unicode.IsSpace)
			switch {
			case name == "check github":
				if l != "" && !githubLine.MatchString(l) {
					t.Errorf("%s: line %d is not an annotation: %q", name, i+1, l)
				}
			case strings.HasPrefix(l, "::"):
				t.Errorf("%s: line %d starts a workflow command: %q", name, i+1, l)
			case strings.Contains(l, "##[") && name != "report html":
				t.Errorf("%s: line %d holds a workflow command of the older syntax: %q", name, i+1, l)
			}
		}
	}

	if !strings.Contains(outputs["check text"], "\nhandover/a\\n::error file=x::pwned.md:1:1: warning: ") {
		t.Errorf("check text: no line for %q with the line break escaped:\n%s", newlineName, outputs["check text"])
	}
	if !slices.ContainsFunc(parseGitHub(t, outputs["check github"]), func(r row) bool { return r.Path == newlineName }) {
		t.Errorf("check github: no annotation on %q:\n%s", newlineName, outputs["check github"])
	}
	if !slices.ContainsFunc(parseSARIF(t, outputs["check sarif"]), func(r row) bool { return r.Path == newlineName }) {
		t.Errorf("check sarif: no result on %q", newlineName)
	}
	var res result.Result
	if err := json.Unmarshal([]byte(outputs["check json"]), &res); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Findings, func(f result.Finding) bool { return f.Path == "handover/bad-\uFFFD.md" }) {
		t.Errorf("check json: no finding on handover/bad-\\uFFFD.md")
	}

	ruleDocs := func(dest string) bool { return strings.HasPrefix(dest, format.RulesDocURL+"#") }
	for name, headings := range map[string]int{
		// handover: counts, Documents, Findings
		"check markdown": 3,
		// the title, Documents, Still to introduce, Renewals, Transition,
		// Findings and its two severities
		"report markdown": 8,
	} {
		doc := inertmd.Parse([]byte(outputs[name]), ruleDocs)
		for _, p := range doc.Problems {
			t.Errorf("%s: %s", name, p)
		}
		if len(doc.Headings) != headings {
			t.Errorf("%s: headings %q, want %d", name, doc.Headings, headings)
		}
	}
	if loc := regexp.MustCompile(`(?i)<(script|img|b)[ >]`).FindStringIndex(outputs["report html"]); loc != nil {
		t.Errorf("report html: a tag from a value: %q", outputs["report html"][loc[0]:loc[1]])
	}
}

// TestReportUnlistedCommitCount: the report shows how many commits an
// unlisted committer made, which it reads from the unlisted-contributor
// finding's message; this fails if the rule's message changes shape.
func TestReportUnlistedCommitCount(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{
		".handover.yml": "require: [team]\n",
		"handover/team.md": `---
owner: Ana Lima
reviewed: 2026-11-01
members:
  - {name: Ana Lima, role: Tech lead, email: ana@acme.example, introduced: 2026-10-01}
---
# Team

## Members

Ana.

## Rituals

Stand-up.

## Access

Ana.
`,
	})
	r.commit("2026-11-01", "Team")
	for i, day := range []string{"2026-11-02", "2026-11-03", "2026-11-04"} {
		r.write(map[string]string{"main.go": fmt.Sprintf("package main // %d\n", i)})
		r.git(day, "add", "-A")
		r.git(day, "commit", "-q", "--no-gpg-sign", "--author", "Mia Chen <mia@acme.example>", "-m", "work")
	}
	cmd := exec.Command(handoverBin, "report", r.dir, "--now", "2026-11-25")
	cmd.Env = cleanEnv(r.dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("handover report: %v\n%s", err, out)
	}
	if want := `- Mia Chen \<mia@acme.example\> (3 commits in 180 days): not in the team document`; !strings.Contains(string(out), want) {
		t.Errorf("the report lacks %q:\n%s", want, out)
	}
}
