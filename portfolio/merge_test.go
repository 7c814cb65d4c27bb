package portfolio

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover-dev/handover/lint/result"
)

func writeJSON(t *testing.T, dir, name string, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func checkResult(name, url, root, now string, score float64) *result.Result {
	return &result.Result{Version: 1, Tool: result.Tool{Name: "handover", Version: "v0.1.0"},
		Repo:      result.RepoInfo{Name: name, URL: url, Root: root, Now: now},
		Readiness: result.Readiness{Score: score}, Findings: []result.Finding{}}
}

// TestMerge reads check results and portfolio documents: a check result is
// a row named by its repo.name, with its URL (else its root) as target; a
// portfolio's rows are kept, errors included, and named by their result
// when they have no name; now is the latest day.
func TestMerge(t *testing.T) {
	dir := t.TempDir()
	api := writeJSON(t, dir, "api.json", checkResult("api", "https://github.com/acme/api", "", "2026-11-25", 0.5))
	local := writeJSON(t, dir, "web.json", checkResult("web", "", "clients/web", "2026-11-24", 1))
	rows := writeJSON(t, dir, "rows.json", result.Portfolio{Version: 1, Now: "2026-11-25", Repositories: []result.Repository{
		{Name: "Globex", Target: "https://github.com/globex/platform", Result: checkResult("platform", "", "repository", "2026-11-25", 0.25)},
		{Target: "https://github.com/initech/app", Result: checkResult("app", "", "repository", "2026-11-26", 0.75)},
		{Name: "hooli", Target: "https://github.com/hooli/x", Error: "actions/checkout could not check out hooli/x"},
	}})
	p, err := Merge([]string{api, local, rows})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range p.Repositories {
		got = append(got, r.Name+" "+r.Target+" "+r.Error)
	}
	want := []string{
		"api https://github.com/acme/api ",
		"web clients/web ",
		"Globex https://github.com/globex/platform ",
		"app https://github.com/initech/app ",
		"hooli https://github.com/hooli/x actions/checkout could not check out hooli/x",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.Version != 1 || p.Now != "2026-11-26" {
		t.Errorf("version %d, now %q; want 1 and the latest day, 2026-11-26", p.Version, p.Now)
	}
}

// TestMergeErrors: a file that is not a result says which file and why.
func TestMergeErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return file
	}
	for _, tc := range []struct{ file, want string }{
		{write("text.json", "::error::not json\n"), "text.json is not a handover JSON output: invalid character ':'"},
		{write("v2.json", `{"version": 2, "tool": {}}`), "v2.json is version 2 of handover's JSON output; this handover reads version 1"},
		{write("sarif.json", `{"version": "2.1.0", "runs": []}`), "sarif.json is not a handover JSON output: json: cannot unmarshal string"},
		{write("other.json", `{"version": 1, "name": "x"}`), "other.json is neither the output of handover check --format json nor of handover portfolio --format json"},
		{write("empty-row.json", `{"version": 1, "repositories": [{"name": "x"}]}`), "empty-row.json: repository 1: neither a result nor an error"},
		{write("old-row.json", `{"version": 1, "repositories": [{"name": "x", "result": {"version": 2}}]}`), "old-row.json: repository 1: its result is version 2"},
		{write("severity.json", `{"version": 1, "tool": {}, "findings": [{"severity": "fatal"}]}`), "severity.json: "},
		{filepath.Join(dir, "missing.json"), "cannot read " + filepath.Join(dir, "missing.json") + ": no such file or directory"},
	} {
		_, err := Merge([]string{tc.file})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to say %q", filepath.Base(tc.file), err, tc.want)
		}
	}
}
