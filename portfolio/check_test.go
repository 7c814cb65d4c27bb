package portfolio

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/handover-dev/handover/internal/gittest"
	"github.com/handover-dev/handover/lint"
	"github.com/handover-dev/handover/lint/result"
)

var testNow = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

// commit writes files (path: content) into the repository at dir and
// commits everything on date.
func commit(t *testing.T, dir, date string, files map[string]string) {
	t.Helper()
	gittest.Write(t, dir, files)
	gittest.CommitAll(t, dir, gittest.Date(date, gittest.Name, gittest.Email), "change on "+date)
}

// ownDocs are this repository's own handover documents: a folder far
// along, whose tech document covers cmd/** and lint/**.
func ownDocs(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, kind := range []string{"product", "tech", "team", "vendors", "transition"} {
		b, err := os.ReadFile(filepath.Join("..", "handover", kind+".md"))
		if err != nil {
			t.Fatal(err)
		}
		files["handover/"+kind+".md"] = string(b)
	}
	return files
}

// testRepos builds the repositories of a portfolio in root: a fresh
// handover init, a folder far along whose covered code changed since
// (drift), a repository with no handover folder, and a plain folder.
func testRepos(t *testing.T, root string) {
	t.Helper()
	for _, name := range []string{"fresh", "along", "bare"} {
		gittest.Git(t, root, nil, "init", "-q", name)
	}
	if _, err := lint.Init(filepath.Join(root, "fresh"), lint.InitOptions{Today: testNow}); err != nil {
		t.Fatal(err)
	}
	commit(t, filepath.Join(root, "fresh"), "2026-11-20", nil)
	along := ownDocs(t)
	along["cmd/handover/main.go"] = "package main\n"
	commit(t, filepath.Join(root, "along"), "2026-11-01", along)
	commit(t, filepath.Join(root, "along"), "2026-11-10", map[string]string{"cmd/handover/main.go": "package main\n\nfunc main() {}\n"})
	commit(t, filepath.Join(root, "bare"), "2026-11-02", map[string]string{"README.md": "# Bare\n"})
	if err := os.MkdirAll(filepath.Join(root, "plain", "handover"), 0o755); err != nil {
		t.Fatal(err)
	}
}

// singleCheck is the JSON of a check of one target on its own, as
// handover check --format json writes it.
func singleCheck(t *testing.T, target string, opts lint.Options) []byte {
	t.Helper()
	ws, err := lint.Open(context.Background(), target, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	res, err := lint.Check(ws, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCheck checks a portfolio of local paths, file:// URLs and targets
// that cannot be checked, one at a time and several at once: one row per
// entry, in the list's order; each row's result is the repository's own
// check, byte for byte in JSON; the broken ones are rows with their error;
// every clone is removed and every workspace was held for an interrupt.
func TestCheck(t *testing.T) {
	root := t.TempDir()
	testRepos(t, root)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where clones go: it must be empty afterwards
	url := func(name string) string { return "file://" + filepath.ToSlash(filepath.Join(root, name)) }
	entries := []Entry{
		{Path: filepath.Join(root, "fresh")},
		{URL: url("along")},
		{Path: filepath.Join(root, "along"), Name: "Along (work tree)", Dir: "handover"},
		{URL: url("along"), Ref: "HEAD~1", Name: "Along before the change"},
		{Path: filepath.Join(root, "bare")},
		{Path: filepath.Join(root, "plain")},
		{Path: filepath.Join(root, "missing")},
		{URL: url("plain")},
		{URL: url("along"), Ref: "no-such-branch"},
	}
	wantErrors := map[int]string{
		6: "cannot check " + filepath.Join(root, "missing") + ": no such file or directory",
		7: "open " + url("plain") + ": not a git repository",
		8: `--ref no-such-branch: resolve "no-such-branch": reference not found`,
	}
	wantNames := []string{"fresh", "along", "Along (work tree)", "Along before the change", "bare", "plain", "missing", "plain", "along"}
	var rows [][]result.Repository
	for _, jobs := range []int{1, 4} {
		var mu sync.Mutex
		held, released := 0, 0
		hold := func(close func() error) (func(), error) {
			mu.Lock()
			defer mu.Unlock()
			held++
			return func() {
				mu.Lock()
				released++
				mu.Unlock()
				close()
			}, nil
		}
		var progress bytes.Buffer
		p := Check(context.Background(), entries, Options{Jobs: jobs, Now: testNow, Hold: hold, Progress: &progress})
		if lines := strings.Split(strings.TrimSpace(progress.String()), "\n"); len(lines) != len(entries) ||
			!strings.HasPrefix(lines[len(lines)-1], fmt.Sprintf("handover: %d of %d checked: ", len(entries), len(entries))) ||
			!strings.Contains(progress.String(), ": missing (could not be checked: cannot check ") {
			t.Errorf("jobs %d: progress, a line per repository, the last %d of %d:\n%s", jobs, len(entries), len(entries), progress.String())
		}
		if p.Version != 1 || p.Now != "2026-11-26" || len(p.Repositories) != len(entries) {
			t.Fatalf("jobs %d: version %d, now %q, %d rows; want 1, 2026-11-26, %d", jobs, p.Version, p.Now, len(p.Repositories), len(entries))
		}
		for i, row := range p.Repositories {
			e := entries[i]
			if row.Name != wantNames[i] {
				t.Errorf("jobs %d, row %d: name %q, want %q", jobs, i, row.Name, wantNames[i])
			}
			if want, ok := wantErrors[i]; ok {
				if row.Error != want || row.Result != nil || row.Target != e.Target() {
					t.Errorf("jobs %d, row %d: error %q, result %v, target %q; want error %q, no result, target %q", jobs, i, row.Error, row.Result != nil, row.Target, want, e.Target())
				}
				continue
			}
			if row.Error != "" || row.Result == nil {
				t.Errorf("jobs %d, row %d (%s): error %q, want a result", jobs, i, e.Target(), row.Error)
				continue
			}
			got, err := json.Marshal(row.Result)
			if err != nil {
				t.Fatal(err)
			}
			if want := singleCheck(t, e.Target(), lint.Options{Now: testNow, Ref: e.Ref, Dir: e.Dir}); string(got) != string(want) {
				t.Errorf("jobs %d, row %d (%s): the result differs from its own check:\n got %s\nwant %s", jobs, i, e.Target(), got, want)
			}
		}
		if held != 6 || released != held {
			t.Errorf("jobs %d: %d workspaces held for an interrupt and %d released, want the 6 opened", jobs, held, released)
		}
		rows = append(rows, p.Repositories)
	}
	one, four := mustJSON(t, rows[0]), mustJSON(t, rows[1])
	if one != four {
		t.Errorf("--jobs 4 gives other rows than --jobs 1:\n%s\n%s", four, one)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("a clone was left behind: %s", e.Name())
	}
	// The figures the page sorts by: the folder far along scores more than
	// the fresh templates, and its drift is seen in the work tree and in
	// the clone, not in the commit before the change.
	along, fresh, before := rows[0][1].Result, rows[0][0].Result, rows[0][3].Result
	if along.Readiness.Score <= fresh.Readiness.Score {
		t.Errorf("readiness: along %v, fresh %v; want along ahead", along.Readiness.Score, fresh.Readiness.Score)
	}
	if d := along.Docs[1].Drift; d == nil || d.Commits != 1 {
		t.Errorf("along: tech drift %+v, want 1 commit", d)
	}
	if d := before.Docs[1].Drift; d == nil || d.Commits != 0 {
		t.Errorf("along at HEAD~1: tech drift %+v, want none", d)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
