package lint

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
)

func TestDeadCover(t *testing.T) { testRule(t, "dead-cover") }

// TestMatchCoverGit: covers globs match what git's glob pathspecs match,
// with git ls-files as the oracle.
func TestMatchCoverGit(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		"README.md", "main.go", ".github/workflows/ci.yml", "api/main.go", "api/v1/handler.go",
		"billing/stripe.go", "billing/stripe_test.go", "docs/a b.md", "docs/[draft].md",
		"infra/main.tf", "infra/modules/db/main.tf", "web/src/app.ts",
	}
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f))
		must(t, os.MkdirAll(filepath.Dir(name), 0o755))
		must(t, os.WriteFile(name, []byte(f+"\n"), 0o644))
	}
	gittest.Git(t, dir, nil, "init", "-q")
	gittest.Git(t, dir, nil, "add", "-A")
	globs := []string{
		"api", "api/", "api/*.go", "api/**", "api/**/*.go", "**/*.go", "*.go", "*.md", "**/*.md",
		"infra/**/main.tf", "infra/*/main.tf", "infra/*/*/main.tf", "billing/stripe*", "billing/stripe/**",
		"web/src", "web/*", ".github/**", "docs/a b.md", "docs/*.md", "README.md", "readme.md",
		"nothing/**", "inf*", "i?fra", "[ab]*", "**", "**/main.tf", "web/**/*.ts", "*/v1",
	}
	for _, g := range globs {
		var want []string
		if out := gittest.Git(t, dir, nil, "ls-files", "--", ":(glob)"+g); out != "" {
			want = strings.Split(out, "\n")
		}
		var got []string
		for _, f := range files {
			if MatchCover(g, f) {
				got = append(got, f)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("glob %q: MatchCover matches %q, git ls-files %q", g, got, want)
		}
	}
}
