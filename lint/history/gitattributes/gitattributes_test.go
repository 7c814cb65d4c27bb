package gitattributes

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
	"github.com/handover-dev/handover/lint/history/wildmatch"
)

// oracle is a work tree whose attribute files git check-attr reads.
type oracle struct {
	t   *testing.T
	dir string
}

func newOracle(t *testing.T) *oracle {
	t.Helper()
	dir := t.TempDir()
	gittest.Git(t, dir, nil, "init", "-q")
	return &oracle{t, dir}
}

// write puts a file in the work tree ("info/attributes" goes in .git).
func (o *oracle) write(name, content string) {
	o.t.Helper()
	path := filepath.Join(o.dir, name)
	if name == "info/attributes" {
		path = filepath.Join(o.dir, ".git", name)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		o.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		o.t.Fatal(err)
	}
}

// checkAttr asks git for the attributes of every path: path → attribute →
// state, as git check-attr prints it (set, unset, unspecified, a value).
func (o *oracle) checkAttr(attrs []string, paths []string) map[string]map[string]string {
	o.t.Helper()
	args := append([]string{"check-attr", "-z", "--stdin"}, attrs...)
	out := gittest.GitInput(o.t, o.dir, nil, strings.Join(paths, "\x00")+"\x00", args...)
	fields := strings.Split(strings.TrimSuffix(out, "\x00"), "\x00")
	got := map[string]map[string]string{}
	for i := 0; i+2 < len(fields); i += 3 {
		if got[fields[i]] == nil {
			got[fields[i]] = map[string]string{}
		}
		got[fields[i]][fields[i+1]] = fields[i+2]
	}
	return got
}

// files parses the attribute files git would read for path, lowest
// priority first, from the oracle's tree.
func (o *oracle) files(path string) []*File {
	var files []*File
	read := func(file, dir string) {
		if data, err := os.ReadFile(file); err == nil {
			files = append(files, Parse(data, dir))
		}
	}
	read(filepath.Join(o.dir, ".gitattributes"), "")
	parts := strings.Split(path, "/")
	for i := 1; i < len(parts); i++ {
		dir := strings.Join(parts[:i], "/")
		read(filepath.Join(o.dir, dir, ".gitattributes"), dir)
	}
	read(filepath.Join(o.dir, ".git", "info", "attributes"), "")
	return files
}

func (s State) String() string {
	switch s.Kind {
	case Set:
		return "set"
	case Unset:
		return "unset"
	case Value:
		return s.Value
	}
	return "unspecified"
}

// agree compares Lookup with git check-attr for every path and attribute.
func (o *oracle) agree(attrs, paths []string) {
	o.t.Helper()
	want := o.checkAttr(attrs, paths)
	for _, path := range paths {
		files := o.files(path)
		for _, attr := range attrs {
			if got := Lookup(files, path, attr, NewBudget(1<<30)).String(); got != want[path][attr] {
				o.t.Errorf("%s: %s is %s, git check-attr says %s", path, attr, got, want[path][attr])
			}
		}
	}
}

func TestLookupAgreesWithGit(t *testing.T) {
	o := newOracle(t)
	o.write(".gitattributes", strings.Join([]string{
		"# lock files are not diffed",
		"*.lock -diff",
		"package-lock.json binary",
		"*.svg diff",
		"/top.txt diff=top",
		"docs/ -diff",
		"docs/**/*.md diff=markdown",
		"vendor/** -diff",
		"vendor/keep/** diff",
		"gen/*.go -diff",
		"a/**/b.txt diff=ab",
		"\"quoted name.txt\" -diff",
		"\"tab\\there.txt\" -diff",
		"!negated.txt -diff",
		"both.txt diff -diff",
		"both2.txt -diff diff",
		"[attr]nodiff -diff -text",
		"uses-macro.txt nodiff",
		"unset-macro.txt -nodiff",
		"bad.txt -diff --text",
		"*.[ch] diff=cpp",
		"[!a]*.data -diff",
		"x[[:digit:]].bin diff",
		"   indented.txt    -diff   ",
		"\ufeffnot-bom.txt -diff",
		"long/" + strings.Repeat("x", 2100) + " -diff",
		"override.txt -diff",
		"override.txt !diff",
		"*.png binary",
		"keep.png diff",
		"binary-then-diff.dat binary diff",
		"crlf.txt -diff\r",
		"\"unterminated.txt -diff",
		"\"bad\\qescape.txt\" -diff",
		"\"oct\\141l.txt\" -diff",
		"nul.txt -diff\x00 diff",
	}, "\n")+"\n")
	o.write("sub/.gitattributes", strings.Join([]string{
		"*.lock diff",
		"/local.txt -diff",
		"deep/*.txt diff=sub",
		"[attr]sub-macro -diff",
		"sub-macro.txt sub-macro",
		"top.txt -diff",
	}, "\n")+"\n")
	o.write("sub/deep/.gitattributes", "\xef\xbb\xbf*.txt -diff\nx.txt !diff\n")
	o.write("info/attributes", "info.txt -diff\n*.svg -diff\n")
	paths := []string{
		"yarn.lock", "sub/yarn.lock", "sub/deep/yarn.lock", "package-lock.json", "web/package-lock.json",
		"logo.svg", "sub/logo.svg", "top.txt", "sub/top.txt", "docs", "docs/a.txt", "docs/guide/x.md",
		"docs/x.md", "vendor/a.go", "vendor/keep/b.go", "gen/a.go", "gen/sub/a.go", "a/b.txt",
		"a/x/y/b.txt", "xa/b.txt", "quoted name.txt", "tab\there.txt", "negated.txt", "!negated.txt",
		"both.txt", "both2.txt", "uses-macro.txt", "unset-macro.txt", "bad.txt",
		"x.c", "dir/y.h", "z.cc", "b.data", "a.data", "x1.bin", "xa.bin", "indented.txt",
		"not-bom.txt", "sub/local.txt", "local.txt", "sub/deep/a.txt", "sub/deep/x.txt",
		"sub/sub-macro.txt", "sub-macro.txt", "info.txt", "override.txt", "icon.png", "keep.png",
		"binary-then-diff.dat", "crlf.txt", "\"unterminated.txt", "unterminated.txt", "bad\\qescape.txt",
		"\"bad\\qescape.txt\"", "octal.txt", "nul.txt",
	}
	o.agree([]string{"diff", "text", "merge", "nodiff", "binary"}, paths)
}

// TestRandomPatternsAgreeWithGit holds the pattern matching to git's on
// seeded random patterns and paths over the bytes that matter to it, each
// pattern with an attribute of its own.
func TestRandomPatternsAgreeWithGit(t *testing.T) {
	for seed := int64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { randomPatterns(t, seed) })
	}
}

func randomPatterns(t *testing.T, seed int64) {
	rng := rand.New(rand.NewSource(seed))
	pick := func(alphabet []string, n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		return b.String()
	}
	patternBytes := []string{"a", "b", "c", "/", "*", "**", "?", "[a-b]", "[!a]", "[^b]", "[[:alpha:]]", "[]a]", "\\*", "\\a", ".", "-", "[a", "**/", "/**"}
	pathBytes := []string{"a", "b", "c", "/", ".", "-", "*", "[", "]", "ab", "ba"}
	o := newOracle(t)
	var lines, attrs []string
	for i := 0; i < 400; i++ {
		p := pick(patternBytes, 1+rng.Intn(5))
		if strings.ContainsAny(p[:1], "!#") || strings.HasPrefix(p, "[attr]") {
			continue
		}
		attr := fmt.Sprintf("p%d", i)
		lines = append(lines, p+" "+attr)
		attrs = append(attrs, attr)
	}
	o.write(".gitattributes", strings.Join(lines, "\n")+"\n")
	o.write("a/.gitattributes", "b* sub\n/c* sub-anchored\n*/b sub-slash\n")
	attrs = append(attrs, "sub", "sub-anchored", "sub-slash")
	seen := map[string]bool{}
	var paths []string
	for len(paths) < 300 {
		p := strings.Trim(pick(pathBytes, 1+rng.Intn(6)), "/")
		for strings.Contains(p, "//") {
			p = strings.ReplaceAll(p, "//", "/")
		}
		if p == "" || seen[p] || strings.HasSuffix(p, "/.") || p == "." || strings.Contains(p, "/./") || strings.HasPrefix(p, "./") || strings.Contains(p, "..") {
			continue
		}
		seen[p] = true
		paths = append(paths, p)
	}
	sort.Strings(paths)
	o.agree(attrs, paths)
}

// TestMatchingIsBounded: a file of a thousand lines that git would
// backtrack on without end spends the lookups' budget and no more, after
// which nothing matches; a pattern that needs no wildmatch still does
// before.
func TestMatchingIsBounded(t *testing.T) {
	hostile := strings.Repeat("**/", 30) + "b"
	deep := strings.Repeat("a/", 200) + "c"
	f := Parse([]byte(strings.Repeat(hostile+" -diff\n", 1000)+"*.c diff\n"), "")
	if got := Lookup([]*File{f}, deep+".c", "diff", NewBudget(1<<20)); got.Kind != Set {
		t.Errorf("diff is %v, want set: the last line matches by suffix, without wildmatch", got)
	}
	b := NewBudget(3 * wildmatch.MaxSteps)
	for i := 0; i < 100; i++ {
		Lookup([]*File{Parse([]byte(hostile+" x\n"), "")}, deep, "x", b)
	}
	if b.steps > 0 {
		t.Errorf("%d steps left after 100 hostile lookups", b.steps)
	}
	if b.match("*", "a", false) {
		t.Error("a spent budget still matches")
	}
}

func FuzzLookup(f *testing.F) {
	f.Add([]byte("*.lock -diff\n[attr]m -diff\n\"a\\tb\" m\n"), "a/b.lock")
	f.Add([]byte("a/**/[!x]*.go diff=go\n/x/ -diff\n"), "a/b/c.go")
	f.Add([]byte("[[:alpha:]-z]\\ *\n"), "q")
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		files := []*File{Parse(data, ""), Parse(data, "a")}
		Lookup(files, path, "diff", NewBudget(1<<20))
	})
}
