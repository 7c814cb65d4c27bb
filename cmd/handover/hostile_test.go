package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/handover-dev/handover/internal/gittest"
)

// hostileDeadline is how long one run may take before the test calls it a
// hang. It is not a speed assertion: a healthy run takes well under a
// second even under -race on a busy machine.
const hostileDeadline = 30 * time.Second

// TestHostile runs the whole CLI on each case of testdata/hostile, a
// repository built to hurt the linter or its user. Every run must end in
// time with the expected exit code and findings (or a one-line exit-2
// message), print no panic or stack trace, and print neither a credential
// nor a byte of a file outside the repository, in any output format.
//
// A case is a txtar archive. Files named outside/… are written beside the
// repository, not in it: they are what a symbolic link must not reach.
// The comment holds one title line and then "key: value" lines:
//
//	args: check $REPO      a command line; several args lines are several runs ($REPO, $URL = file://$REPO)
//	exit: 1                the exit code of every run
//	want: PATH:LINE:COL RULE  a finding every run must report (with the json format)
//	none: RULE             a rule no run may report
//	stderr: TEXT           for exit 2, the message must contain TEXT
//	absent: TEXT           no output of any run may contain TEXT
//	symlink: LINK -> TARGET  a symbolic link in the repository
//	make: NAME             a generator from hostileMakers adds files too large or odd for txtar
//	after: NAME            a generator from hostileMakers runs after the commit (more history, files git must not read)
//	git: false             the repository is a plain folder (default: one commit of everything)
//
// Lines matching a credential format (ghp_…) are secrets: besides absent,
// no output may hold any eight characters of them after the prefix.
func TestHostile(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("..", "..", "testdata", "hostile", "*.txtar"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no hostile cases: %v", err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			c := loadHostile(t, file)
			for _, args := range c.runs {
				c.run(t, args)
			}
		})
	}
}

type hostileCase struct {
	repo    string
	runs    [][]string
	exit    int
	want    []string
	none    []string
	stderr  string
	absent  []string
	secrets []string
}

var fakeSecret = regexp.MustCompile(`gh[pousr]_[A-Za-z0-9]{36}`)

// outsideMarker is in every file outside the repository.
const outsideMarker = "OUTSIDE-THE-REPOSITORY"

func loadHostile(t *testing.T, file string) *hostileCase {
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	top := t.TempDir()
	c := &hostileCase{repo: filepath.Join(top, "repo"), absent: []string{outsideMarker}}
	var symlinks [][2]string
	var makers, after []string
	git := true
	for _, line := range strings.Split(string(a.Comment), "\n")[1:] {
		key, value, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		switch key {
		case "args":
			value = strings.ReplaceAll(value, "$URL", "file://"+filepath.ToSlash(c.repo))
			c.runs = append(c.runs, strings.Fields(strings.ReplaceAll(value, "$REPO", c.repo)))
		case "exit":
			c.exit, err = strconv.Atoi(value)
		case "want":
			c.want = append(c.want, value)
		case "none":
			c.none = append(c.none, value)
		case "stderr":
			c.stderr = value
		case "absent":
			c.absent = append(c.absent, value)
		case "symlink":
			link, target, _ := strings.Cut(value, " -> ")
			symlinks = append(symlinks, [2]string{link, target})
		case "make":
			makers = append(makers, value)
		case "after":
			after = append(after, value)
		case "git":
			git = value != "false"
		default:
			t.Fatalf("%s: unknown key %q", file, key)
		}
		if err != nil {
			t.Fatalf("%s: %s: %v", file, line, err)
		}
	}
	if len(c.runs) == 0 {
		c.runs = [][]string{{"check", c.repo}}
	}
	c.secrets = fakeSecret.FindAllString(string(a.Comment), -1)
	for _, f := range a.Files {
		c.secrets = append(c.secrets, fakeSecret.FindAllString(string(f.Data), -1)...)
		dir := c.repo
		if strings.HasPrefix(f.Name, "outside/") {
			dir = top
		}
		writeFile(t, filepath.Join(dir, filepath.FromSlash(f.Name)), f.Data)
	}
	writeFile(t, filepath.Join(top, "outside", "team.md"), []byte("---\nowner: "+outsideMarker+"\n---\n"))
	for _, l := range symlinks {
		name := filepath.Join(c.repo, filepath.FromSlash(l[0]))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(l[1], name); err != nil {
			t.Fatal(err)
		}
	}
	c.make(t, file, makers)
	if err := os.MkdirAll(c.repo, 0o755); err != nil {
		t.Fatal(err)
	}
	if git {
		gitCommitAll(t, c.repo)
	}
	c.make(t, file, after)
	return c
}

// make runs the named generators of hostileMakers on the repository.
func (c *hostileCase) make(t *testing.T, file string, names []string) {
	for _, name := range names {
		mk, ok := hostileMakers[name]
		if !ok {
			t.Fatalf("%s: no maker %q", file, name)
		}
		c.secrets = append(c.secrets, mk(t, c.repo)...)
	}
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// hostileMakers write what a txtar archive cannot hold; each returns the
// secrets it planted.
var hostileMakers = map[string]func(t *testing.T, repo string) []string{
	// One byte over the 1 MiB limit, so that it is refused unread.
	"big-file": func(t *testing.T, repo string) []string {
		b := bytes.Repeat([]byte("word "), (1<<20)/5+1)
		writeFile(t, filepath.Join(repo, "handover", "team.md"), append([]byte("---\nowner: a\n---\n"), b...))
		return nil
	},
	// A named pipe blocks whoever opens it until something writes to it.
	"fifo": func(t *testing.T, repo string) []string {
		if err := os.MkdirAll(filepath.Join(repo, "handover"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(repo, "handover", "team.md"), 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
		return nil
	},
	// A second commit adds covered files 100 folders deep, and then
	// .git/info/attributes gets 20,000 patterns that git's own wildmatch
	// backtracks on without end (git add would hang on them, so they come
	// last): the line counts of the drift look each file up.
	"gitattributes-backtrack": func(t *testing.T, repo string) []string {
		deep := filepath.Join(repo, "src", strings.Repeat("a/", 100))
		for i := range 50 {
			writeFile(t, filepath.Join(deep, fmt.Sprintf("f%d.txt", i)), []byte("changed\n"))
		}
		gittest.CommitAll(t, repo, hostileDate, "deep files")
		line := strings.Repeat("**/", 30) + "b -diff\n"
		writeFile(t, filepath.Join(repo, ".git", "info", "attributes"), []byte(strings.Repeat(line, 20_000)))
		return nil
	},
	// Nesting far beyond the limit of 64, as flow sequences.
	"deep-nesting": func(t *testing.T, repo string) []string {
		deep := strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)
		writeFile(t, filepath.Join(repo, "handover", "team.md"), []byte("---\nowner: a\nmembers: "+deep+"\n---\n"))
		return nil
	},
	// A private key whose body is built here, so no scanner flags the
	// repository, pasted into a runbook.
	"private-key": func(t *testing.T, repo string) []string {
		var body strings.Builder
		for i := range 4 {
			for j := range 64 {
				body.WriteByte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[(i*31+j*7)%64])
			}
			body.WriteByte('\n')
		}
		key := "-----BEGIN OPENSSH " + "PRIVATE KEY-----\n" + body.String() + "-----END OPENSSH PRIVATE KEY-----\n"
		writeFile(t, filepath.Join(repo, "handover", "runbooks", "deploy.md"), []byte("# Deploy\n\nThe deploy key:\n\n"+key))
		return strings.Fields(body.String())
	},
	// File names a txtar archive cannot hold, with a placeholder so that
	// every output names them: a line break and a workflow command, and a
	// byte that is not UTF-8.
	"output-injection": func(t *testing.T, repo string) []string {
		for _, name := range []string{"a\n::error file=x::pwned.md", "bad-\xff.md"} {
			writeFile(t, filepath.Join(repo, "handover", name), []byte("TODO: write this\n"))
		}
		return nil
	},
	// Short credentials assigned on every line of a text file at the
	// size limit, 30k of them, each different: a redactor that makes one
	// pass per credential over every string of the result is quadratic
	// here. One in a thousand comes back, as many as the harness can look
	// for in megabytes of output; it skips four bytes of each secret it is
	// given (a format's public prefix), so each comes behind four
	// stand-ins.
	"many-short-secrets": func(t *testing.T, repo string) []string {
		const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		rng := rand.New(rand.NewPCG(15, 4))
		var b bytes.Buffer
		var secrets []string
		for i := 0; ; i++ {
			v := make([]byte, 11)
			for j := range v {
				v[j] = alnum[rng.IntN(len(alnum))]
			}
			line := fmt.Sprintf("- k%05d_token: %s # old\n", i, v)
			if b.Len()+len(line) > 1<<20 {
				break
			}
			b.WriteString(line)
			if i%1000 == 0 {
				secrets = append(secrets, "----"+string(v))
			}
		}
		writeFile(t, filepath.Join(repo, "handover", "notes.txt"), b.Bytes())
		return secrets
	},
	// A commit after the document's last change, on code it covers, whose
	// subject holds a password: the drift message quotes the subject.
	"drift-subject": func(t *testing.T, repo string) []string {
		writeFile(t, filepath.Join(repo, "src", "app.go"), []byte("package app\n"))
		gitCommitAll(t, repo)
		writeFile(t, filepath.Join(repo, "src", "app.go"), []byte("package app\n\nconst retries = 3\n"))
		gittest.Git(t, repo, hostileDate, "commit", "-q", "-a", "-m", "rotate db PASSWORD=hunter2xyzQ after the audit")
		return nil
	},
	// Markdown on which the parser is quadratic, at the size limit: one
	// line of unclosed links (minutes), then, in another file, block
	// quotes nested on one line (over an hour).
	"markdown-quadratic": func(t *testing.T, repo string) []string {
		writeFile(t, filepath.Join(repo, "handover", "links.md"), fillTo("# Links\n\n", "[a](", ""))
		writeFile(t, filepath.Join(repo, "handover", "quotes.md"), fillTo("# Quotes\n\n", ">", ""))
		return nil
	},
	// 60,000 links to one file of the size limit outside the folder,
	// with anchors and line anchors: each link read it again.
	"links-to-one-file": func(t *testing.T, repo string) []string {
		writeFile(t, filepath.Join(repo, "b.md"), fillTo("# Big\n\n## S\n\n", "Filler line of the big file.\n", ""))
		var links strings.Builder
		links.WriteString("# Notes\n\n")
		for i := range 60_000 {
			links.WriteString([]string{"[x](../b.md#s)\n", "[y](../b.md#L9)\n"}[i%2])
		}
		writeFile(t, filepath.Join(repo, "handover", "notes.md"), []byte(links.String()))
		return nil
	},
	// 30,000 links to files that do not exist in a tree of 5,000 files:
	// with --ref, each missing target listed the whole tree.
	"broken-links-big-tree": func(t *testing.T, repo string) []string {
		for i := range 5_000 {
			writeFile(t, filepath.Join(repo, "src", fmt.Sprintf("d%02d", i%50), fmt.Sprintf("f%04d.go", i)), []byte("package d\n"))
		}
		var links strings.Builder
		for i := range 30_000 {
			fmt.Fprintf(&links, "[x](m/%05d)\n", i)
		}
		writeFile(t, filepath.Join(repo, "handover", "notes.md"), []byte(links.String()))
		return nil
	},
	// A line of the size limit holding 2,000 placeholders: the rule
	// rescanned the rest of the line after each.
	"placeholders-one-line": func(t *testing.T, repo string) []string {
		writeFile(t, filepath.Join(repo, "handover", "notes.md"), fillTo("# Notes\n\n", strings.Repeat("word ", 99)+"TODO ", "\n"))
		return nil
	},
}

// fillTo returns head, then unit repeated, then tail, as long as the file
// size limit allows.
func fillTo(head, unit, tail string) []byte {
	n := (1<<20 - len(head) - len(tail)) / len(unit)
	return []byte(head + strings.Repeat(unit, n) + tail)
}

// hostileDate is the day of every commit of a case.
var hostileDate = gittest.Date("2026-11-01", gittest.Name, gittest.Email)

// gitCommitAll makes dir a repository (init again is harmless) and
// commits all of it.
func gitCommitAll(t *testing.T, dir string) {
	t.Helper()
	gittest.Git(t, dir, nil, "init", "-q")
	gittest.CommitAll(t, dir, hostileDate, "hostile")
}

// run runs one command line in every output format (once, as given, when
// it must fail with exit 2) and checks what each printed.
func (c *hostileCase) run(t *testing.T, args []string) {
	t.Helper()
	formats := formatNames("check")
	if c.exit == exitError {
		formats = []string{""}
	}
	for _, f := range formats {
		full := slices.Clone(args)
		if f != "" {
			full = append(full, "--format", f, "--now", "2026-11-25")
		}
		stdout, stderr, code := runMain(t, full)
		where := fmt.Sprintf("handover %s", strings.Join(full, " "))
		if code != c.exit {
			t.Errorf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", where, code, c.exit, stdout, stderr)
		}
		c.checkClean(t, where, stdout+stderr)
		if code == exitError {
			if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "handover: ") || !strings.Contains(stderr, c.stderr) {
				t.Errorf("%s: stderr %q, want one line starting with handover: and holding %q", where, stderr, c.stderr)
			}
			continue
		}
		if stderr != "" {
			t.Errorf("%s: stderr %q, want none", where, stderr)
		}
		if f == "json" {
			c.checkFindings(t, where, stdout)
		}
	}
}

// checkClean checks that an output holds no panic or stack trace, nothing
// the case says must be absent (a file outside the repository) and no
// piece of a secret.
func (c *hostileCase) checkClean(t *testing.T, where, all string) {
	t.Helper()
	for _, bad := range []string{"panic", "goroutine ", ".go:"} {
		if strings.Contains(all, bad) {
			t.Errorf("%s: output holds %q:\n%s", where, bad, all)
		}
	}
	for _, s := range c.absent {
		if strings.Contains(all, s) {
			t.Errorf("%s: output holds %q:\n%s", where, s, all)
		}
	}
	for _, s := range c.secrets {
		for i := 4; i+8 <= len(s); i++ {
			if strings.Contains(all, s[i:i+8]) {
				t.Errorf("%s: output holds %q, a piece of a secret:\n%s", where, s[i:i+8], all)
				break
			}
		}
	}
}

// checkFindings checks that the json output holds every wanted finding and
// that every finding has a path and a position that is not negative.
func (c *hostileCase) checkFindings(t *testing.T, where, stdout string) {
	var res struct {
		Findings []struct {
			Rule, Path   string
			Line, Column int
		}
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%s: %v\n%s", where, err, stdout)
	}
	var got []string
	for _, f := range res.Findings {
		if f.Path == "" || f.Line < 0 || f.Column < 0 || (f.Line > 0) != (f.Column > 0) {
			t.Errorf("%s: finding %+v has no valid position", where, f)
		}
		got = append(got, fmt.Sprintf("%s:%d:%d %s", f.Path, f.Line, f.Column, f.Rule))
		if slices.Contains(c.none, f.Rule) {
			t.Errorf("%s: unwanted finding %+v", where, f)
		}
	}
	for _, w := range c.want {
		if !slices.Contains(got, w) {
			t.Errorf("%s: no finding %s; got:\n%s", where, w, strings.Join(got, "\n"))
		}
	}
}

// runMain runs the CLI in-process and fails the test if it does not
// return within hostileDeadline.
func runMain(t *testing.T, args []string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Main(args, strings.NewReader(""), &out, &errOut) }()
	select {
	case code = <-done:
		return out.String(), errOut.String(), code
	case <-time.After(hostileDeadline):
		t.Fatalf("handover %s: no result after %s (a hang)", strings.Join(args, " "), hostileDeadline)
		return "", "", 0
	}
}

// Makers of repositories in the layouts git reads besides one plain
// checkout (linked worktrees, sparse checkouts, split commit-graphs, a .git
// that is a link, partial clones) and of broken ones. Each commits the
// case's files itself, so its case says "git: false", then changes the
// repository.
func init() {
	for name, mk := range map[string]func(t *testing.T, repo string){
		// The main checkout elsewhere, $REPO a worktree of it (a .git file).
		"worktree": func(t *testing.T, repo string) {
			main := filepath.Join(t.TempDir(), "main")
			if err := os.Rename(repo, main); err != nil {
				t.Fatal(err)
			}
			commitWithDrift(t, main)
			gittest.Git(t, main, nil, "worktree", "add", "-q", repo)
		},
		// git sparse-checkout set turns on extensions.worktreeConfig.
		"sparse-checkout": func(t *testing.T, repo string) {
			commitWithDrift(t, repo)
			gittest.Git(t, repo, nil, "sparse-checkout", "set", "handover")
		},
		"split-commit-graph": func(t *testing.T, repo string) {
			gitCommitAll(t, repo)
			gittest.Git(t, repo, nil, "commit-graph", "write", "--split", "--reachable")
			appendFile(t, filepath.Join(repo, "src", "app.go"), "// changed\n")
			gitCommitAll(t, repo)
			gittest.Git(t, repo, nil, "commit-graph", "write", "--split", "--reachable")
		},
		// .git a symbolic link to a repository outside the work tree.
		"dotgit-symlink": func(t *testing.T, repo string) {
			commitWithDrift(t, repo)
			store := filepath.Join(t.TempDir(), "store.git")
			if err := os.Rename(filepath.Join(repo, ".git"), store); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(store, filepath.Join(repo, ".git")); err != nil {
				t.Fatal(err)
			}
		},
		// A named pipe named .git: git skips it, and opening it would block.
		"dotgit-fifo": func(t *testing.T, repo string) {
			if err := syscall.Mkfifo(filepath.Join(repo, ".git"), 0o644); err != nil {
				t.Skip("no named pipes here:", err)
			}
		},
		"partial-blobless": func(t *testing.T, repo string) { filteredClone(t, repo, "blob:none") },
		"partial-treeless": func(t *testing.T, repo string) { filteredClone(t, repo, "tree:0") },
		// The branch HEAD names points at a commit that is not there.
		"head-missing-commit": func(t *testing.T, repo string) {
			gitCommitAll(t, repo)
			writeFile(t, filepath.Join(repo, ".git", "refs", "heads", "main"), []byte(strings.Repeat("1234", 10)+"\n"))
		},
	} {
		hostileMakers[name] = func(t *testing.T, repo string) []string {
			mk(t, repo)
			return nil
		}
	}
}

// commitWithDrift commits the case's files, then a change to the code
// the tech document covers.
func commitWithDrift(t *testing.T, dir string) {
	gitCommitAll(t, dir)
	appendFile(t, filepath.Join(dir, "src", "app.go"), "// changed\n")
	gitCommitAll(t, dir)
}

// filteredClone makes $REPO a partial clone (git clone --filter) of the
// case's files with drift, whose promisor remote is then gone: handover
// must not need it.
func filteredClone(t *testing.T, repo, filter string) {
	src := filepath.Join(t.TempDir(), "src")
	if err := os.Rename(repo, src); err != nil {
		t.Fatal(err)
	}
	commitWithDrift(t, src)
	gittest.Git(t, src, nil, "config", "uploadpack.allowFilter", "true")
	gittest.Git(t, filepath.Dir(src), nil, "clone", "-q", "--filter="+filter, "file://"+filepath.ToSlash(src), repo)
	gittest.Git(t, repo, nil, "remote", "set-url", "origin", "file:///nonexistent/handover-test")
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

func init() {
	// $REPO a bare repository (git clone --bare): no work tree, so the
	// documents are read from HEAD's tree.
	hostileMakers["bare"] = func(t *testing.T, repo string) []string {
		src := filepath.Join(t.TempDir(), "src")
		if err := os.Rename(repo, src); err != nil {
			t.Fatal(err)
		}
		commitWithDrift(t, src)
		gittest.Git(t, filepath.Dir(src), nil, "clone", "-q", "--bare", src, repo)
		return nil
	}
}
