package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/handover-dev/handover/internal/gittest"
	goldenfile "github.com/handover-dev/handover/internal/golden"
)

// fixtureNow is the --now of every fixture unless its header says otherwise.
const fixtureNow = "2026-11-25"

// A fixture is a txtar archive of a repository. Its header holds options,
// one "key: value" a line:
//
//	now: 2026-11-25      the check's --now
//	nogit: true          do not make a git repository
//	base: HEAD~1         --base
//	dir: docs/handover   --dir
//	shallow: 1           check a "git clone --depth 1" of the built repository
//
// Files are written in order. A file named ".commit DATE [AUTHOR <EMAIL>]"
// commits everything written so far, with DATE (YYYY-MM-DD) as author and
// committer date and the section's first line as the message; files may
// appear again later with new content. Files after the last .commit stay
// uncommitted; without any .commit, everything is committed at the end on
// 2026-01-01. A file named ".rm PATH" deletes PATH.
type fixture struct {
	dir  string
	opts Options
}

func loadFixture(t testing.TB, archive string) *fixture {
	t.Helper()
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	return buildFixture(t, archive, a)
}

// checkArchive builds a fixture from txtar text and checks it, for unit
// tests of edges that do not deserve a fixture file.
func checkArchive(t testing.TB, text string) *Result {
	t.Helper()
	return buildFixture(t, t.Name(), txtar.Parse([]byte(text))).check(t)
}

func buildFixture(t testing.TB, archive string, a *txtar.Archive) *fixture {
	t.Helper()
	header := map[string]string{}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, "#") {
			header[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	dir := t.TempDir()
	git := header["nogit"] != "true"
	if git {
		gittest.Git(t, dir, nil, "init", "-q")
	}
	committed := false
	for _, f := range a.Files {
		switch {
		case strings.HasPrefix(f.Name, ".commit "):
			if !git {
				t.Fatalf("%s: .commit in a nogit fixture", archive)
			}
			commitAll(t, dir, strings.TrimPrefix(f.Name, ".commit "), string(f.Data))
			committed = true
		case strings.HasPrefix(f.Name, ".rm "):
			if err := os.RemoveAll(filepath.Join(dir, strings.TrimPrefix(f.Name, ".rm "))); err != nil {
				t.Fatal(err)
			}
		default:
			name := filepath.Join(dir, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if git && !committed {
		commitAll(t, dir, "2026-01-01", "")
	}
	if depth := header["shallow"]; depth != "" {
		clone := t.TempDir()
		gittest.Git(t, clone, nil, "clone", "-q", "--depth", depth, "file://"+filepath.ToSlash(dir), ".")
		dir = clone
	}
	now, err := time.Parse(time.DateOnly, cmpOr(header["now"], fixtureNow))
	if err != nil {
		t.Fatalf("%s: now: %v", archive, err)
	}
	return &fixture{dir: dir, opts: Options{Now: now, Base: header["base"], Dir: header["dir"], Ref: header["ref"]}}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// commitAll commits every change as spec says ("DATE [AUTHOR <EMAIL>]"),
// with the message's first line ("change on DATE" if it is empty).
func commitAll(t testing.TB, dir, spec, message string) {
	t.Helper()
	date, author, _ := strings.Cut(spec, " ")
	name, email := "Fixture Author", "author@example.com"
	if author != "" {
		n, e, ok := strings.Cut(author, "<")
		if !ok {
			t.Fatalf("commit author %q: want Name <email>", author)
		}
		name, email = strings.TrimSpace(n), strings.TrimSuffix(strings.TrimSpace(e), ">")
	}
	msg := strings.TrimSpace(strings.SplitN(message, "\n", 2)[0])
	if msg == "" {
		msg = "change on " + date
	}
	gittest.CommitAll(t, dir, gittest.Date(date, name, email), msg)
}

// check runs the linter on the fixture.
func (f *fixture) check(t testing.TB) *Result {
	t.Helper()
	ws, err := Open(context.Background(), f.dir, f.opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer ws.Close()
	res, err := Check(ws, f.opts)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return res
}

// findingLines renders findings one per line, as the text format does.
func findingLines(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintln(&b, f.String())
	}
	return b.String()
}

// testRule runs a rule's fixtures: testdata/rules/ID/fail.txtar must give
// exactly the findings in fail.want (every rule's, so a fixture also proves
// that the rest stay quiet), and pass.txtar must give none at all.
func testRule(t *testing.T, id string) {
	t.Helper()
	if RuleByID(id) == nil {
		t.Fatalf("no rule %q", id)
	}
	dir := filepath.Join("testdata", "rules", id)
	t.Run("fail", func(t *testing.T) {
		res := loadFixture(t, filepath.Join(dir, "fail.txtar")).check(t)
		got := findingLines(res.Findings)
		if !strings.Contains(got, "["+id+"]") {
			t.Errorf("fail fixture does not fire %s:\n%s", id, got)
		}
		golden(t, filepath.Join(dir, "fail.want"), got)
	})
	t.Run("pass", func(t *testing.T) {
		res := loadFixture(t, filepath.Join(dir, "pass.txtar")).check(t)
		if len(res.Findings) > 0 {
			t.Errorf("pass fixture has findings:\n%s", findingLines(res.Findings))
		}
	})
}

// golden compares got with a golden file, or rewrites it with -update.
func golden(t *testing.T, file, got string) {
	t.Helper()
	goldenfile.Check(t, file, []byte(got))
}

// ruleLines renders the findings of some rules only, one per line, for unit
// tests that look at one rule in a document that other rules also flag.
func ruleLines(res *Result, rules ...string) string {
	var only []Finding
	for _, f := range res.Findings {
		if slices.Contains(rules, f.Rule) {
			only = append(only, f)
		}
	}
	return findingLines(only)
}

// checkDir checks a directory built by hand (for what txtar cannot hold,
// such as symbolic links), at the fixtures' now unless opts sets one.
func checkDir(t testing.TB, dir string, opts Options) *Result {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now, _ = time.Parse(time.DateOnly, fixtureNow)
	}
	return (&fixture{dir: dir, opts: opts}).check(t)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
