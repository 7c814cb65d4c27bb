package lint

import (
	"path/filepath"
	"testing"
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
	runGit(t, filepath.Dir(dir), "", "init", "-q", dir)
	if got := checkDir(t, dir, Options{}).Repo.Name; got != "acme-api" {
		t.Fatalf("without a remote: name %q, want the folder's name acme-api", got)
	}
	runGit(t, dir, "", "remote", "add", "origin", "https://github.com/acme/shop.git")
	if got := checkDir(t, dir, Options{}).Repo.Name; got != "shop" {
		t.Errorf("with origin: name %q, want shop", got)
	}
}
