package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// completionScript writes `handover completion SHELL` to a file.
func completionScript(t *testing.T, shell string) string {
	t.Helper()
	out, err := exec.Command(handoverBin, "completion", shell).Output()
	if err != nil {
		t.Fatalf("handover completion %s: %v", shell, err)
	}
	name := filepath.Join(t.TempDir(), "handover."+shell)
	writeFile(t, name, string(out))
	return name
}

// TestCompletionSyntax: each shell accepts its script (zsh and fish only
// where installed), and shellcheck finds nothing in the bash one.
func TestCompletionSyntax(t *testing.T) {
	for _, tc := range []struct {
		shell string
		check []string
	}{
		{"bash", []string{"bash", "-n"}},
		{"bash", []string{"shellcheck", "--shell=bash"}},
		{"zsh", []string{"zsh", "-n"}},
		{"fish", []string{"fish", "--no-execute"}},
	} {
		if tc.shell == "bash" {
			needTool(t, tc.check[0])
		} else if _, err := exec.LookPath(tc.check[0]); err != nil {
			t.Logf("%s is not installed: its script is not checked", tc.check[0])
			continue
		}
		script := completionScript(t, tc.shell)
		out, err := exec.Command(tc.check[0], append(tc.check[1:], script)...).CombinedOutput()
		if err != nil {
			t.Errorf("%s on the %s script: %v\n%s", strings.Join(tc.check, " "), tc.shell, err, out)
		}
	}
}

// TestBashCompletion loads the bash script into a real bash and asks it
// for the words of each command line, as bash does on Tab: COMP_WORDS
// split the way readline splits them ("=" is a word of its own), the
// cursor at the end.
func TestBashCompletion(t *testing.T) {
	bash := needTool(t, "bash")
	script := completionScript(t, "bash")
	work := t.TempDir()
	for _, d := range []string{"docs/handover", "deploy", "README.md"} {
		if strings.HasSuffix(d, ".md") {
			writeFile(t, filepath.Join(work, d), "x")
			continue
		}
		if err := os.MkdirAll(filepath.Join(work, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		words []string // the command line; the last word is the one completed
		want  string   // the replies, space-separated
	}{
		{[]string{""}, "check init report portfolio dashboard comment schema explain rules version completion help"},
		{[]string{"ch"}, "check"},
		{[]string{"re"}, "report"},
		{[]string{"explain", "stale"}, "stale-review"},
		{[]string{"explain", "un"}, "unknown-owner unlisted-contributor undocumented-vendor"},
		{[]string{"schema", "t"}, "tech team transition"},
		{[]string{"completion", ""}, "bash zsh fish"},
		{[]string{"help", "ex"}, "explain"},
		{[]string{"check", "--fo"}, "--format"},
		{[]string{"check", "--n"}, "--no-color --now"},
		{[]string{"report", "--f"}, "--format"},
		{[]string{"check", "--format", ""}, "github json markdown sarif text"},
		{[]string{"check", "--format", "=", "js"}, "json"},
		{[]string{"check", "--format", "="}, "github json markdown sarif text"},
		{[]string{"report", "--format", ""}, "markdown html"},
		{[]string{"check", "--fail-on", "w"}, "warning"},
		{[]string{"check", "--dir", "d"}, "deploy docs"},
		{[]string{"check", "docs/"}, "docs/handover"},
		{[]string{"check", "--output", "R"}, "README.md"},
		{[]string{"check", "--now", ""}, ""},
		{[]string{"rules", ""}, ""},
	} {
		words := append([]string{"handover"}, tc.words...)
		var quoted []string
		for _, w := range words {
			quoted = append(quoted, "'"+w+"'")
		}
		prog := `source "$1" && COMP_WORDS=(` + strings.Join(quoted, " ") + `) && COMP_CWORD=` +
			strconv.Itoa(len(words)-1) + ` && _handover && echo "${COMPREPLY[*]}"`
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", prog, "bash", script)
		cmd.Dir = work
		cmd.Env = cleanEnv(work)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%s: %v\n%s", strings.Join(words, " "), err, out)
			continue
		}
		got := strings.Fields(string(out))
		if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(strings.Fields(tc.want)))) {
			t.Errorf("handover %s<Tab>: %q, want %q", strings.Join(tc.words, " "), got, tc.want)
		}
	}
}
