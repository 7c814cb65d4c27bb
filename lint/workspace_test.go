package lint

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
)

func TestRepoNameFromURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://github.com/acme/shop.git":     "shop",
		"https://github.com/acme/shop/":        "shop",
		"https://***@github.com/acme/shop?***": "shop",
		"git@github.com:acme/shop.git":         "shop",
		"/srv/git/shop.git":                    "shop",
		`C:\repos\shop`:                        "shop",
		"file:///tmp/x/api":                    "api",
		"":                                     "",
		"..":                                   "",
	} {
		if got := repoNameFromURL(in); got != want {
			t.Errorf("repoNameFromURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWorkspaceName: the origin remote names the repository, whatever its
// folder is called; without one, the folder does.
func TestWorkspaceName(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "acme-api")
	gittest.Git(t, filepath.Dir(dir), nil, "init", "-q", dir)
	if got := checkDir(t, dir, Options{}).Repo.Name; got != "acme-api" {
		t.Fatalf("without a remote: name %q, want the folder's name acme-api", got)
	}
	gittest.Git(t, dir, nil, "remote", "add", "origin", "https://github.com/acme/shop.git")
	if got := checkDir(t, dir, Options{}).Repo.Name; got != "shop" {
		t.Errorf("with origin: name %q, want shop", got)
	}
}

// TestCloneRelativeRef: --ref HEAD~1 on a URL checks the commit before
// the remote's HEAD, as on a local path, not the one before that (the
// clone had resolved the ref already; resolving it again stepped back
// twice, or failed with EOF at the root).
func TestCloneRelativeRef(t *testing.T) {
	dir := t.TempDir()
	gittest.Git(t, dir, nil, "init", "-q", "-b", "main")
	for _, date := range []string{"2026-10-01", "2026-10-02"} {
		commitAll(t, dir, date, "")
	}
	want := gittest.Git(t, dir, nil, "rev-parse", "HEAD~1")
	for _, target := range []string{dir, "file://" + filepath.ToSlash(dir)} {
		ws, err := Open(context.Background(), target, Options{Ref: "HEAD~1"})
		if err != nil {
			t.Fatalf("%s --ref HEAD~1: %v", target, err)
		}
		if ws.Head != want {
			t.Errorf("%s --ref HEAD~1: checked %s, want %s (git rev-parse HEAD~1)", target, ws.Head, want)
		}
		ws.Close()
	}
}
