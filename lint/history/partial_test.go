package history

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// filteredClone clones the history of a scenario with a filter, as CI
// checkouts and monorepo users do, then points the promisor remote nowhere:
// git would otherwise fetch the missing objects while it answers as the
// oracle, and so change the clone under test.
func filteredClone(t *testing.T, filter string) (dir, head string, paths []string) {
	t.Helper()
	h, headMark := scenarios["criss-cross"]()
	src, marks := h.build(t, headMark)
	gitRun(t, src, "config", "uploadpack.allowFilter", "true")
	dir = filepath.Join(t.TempDir(), "partial")
	gitRun(t, src, "clone", "-q", "--filter="+filter, "file://"+src, dir)
	gitRun(t, dir, "remote", "set-url", "origin", "file://"+filepath.Join(t.TempDir(), "gone"))
	if missing := gitRun(t, dir, "rev-list", "--objects", "--missing=print", "--all"); !strings.Contains(missing, "\n?") {
		t.Fatalf("the --filter=%s clone lacks no object", filter)
	}
	return dir, marks[headMark], allPaths(t, src)
}

// TestBloblessCloneAgreesWithGit: a blobless clone has every commit and
// tree, so last changes and drift counts are computed and equal git's; only
// the line counts of files whose old contents are missing are not.
func TestBloblessCloneAgreesWithGit(t *testing.T) {
	dir, head, paths := filteredClone(t, "blob:none")
	r := openRepo(t, dir)
	if !r.Partial() || r.PartialFilter() != "blob:none" {
		t.Fatalf("Partial() = %v, PartialFilter() = %q; want a blob:none partial clone", r.Partial(), r.PartialFilter())
	}
	checkLastChanges(t, dir, r, head, paths)
	sinces := strings.Split(gitRun(t, dir, "rev-list", "--max-count=4", "HEAD~1"), "\n")
	checkDrift(t, dir, r, head, sinces, [][]string{{"**"}, {"infra"}, {"handover/*.md", "README.md"}})
	drifts, err := r.DriftAll(head, []DriftQuery{{Since: sinces[len(sinces)-1], Globs: []string{"**"}}})
	if err != nil {
		t.Fatal(err)
	}
	var got, unread []string
	for _, s := range drifts[0].Paths {
		got = append(got, s.Path)
		if s.Unread {
			unread = append(unread, s.Path)
		}
	}
	want := strings.Split(gitRun(t, dir, "diff", "--no-renames", "--name-only", sinces[len(sinces)-1], head), "\n")
	if strings.Join(sorted(got), " ") != strings.Join(want, " ") {
		t.Errorf("drift paths %q, git diff --name-only %q", got, want)
	}
	if len(unread) == 0 {
		t.Error("no path has unread lines, though the clone lacks the old blobs")
	}
	if _, err := r.Authors(head, timeAt(0), nil); err != nil {
		t.Errorf("Authors: %v", err)
	}
}

// TestTreelessCloneSaysWhatIsMissing: a tree:0 clone lacks the trees of
// past commits: the walks end with a MissingObjectError that names the
// tree and the path and says it is a partial clone; who commits is still
// known.
func TestTreelessCloneSaysWhatIsMissing(t *testing.T) {
	dir, head, _ := filteredClone(t, "tree:0")
	r := openRepo(t, dir)
	_, err := r.LastChanges(head, []string{"infra/main.tf"})
	var missing *MissingObjectError
	if !errors.As(err, &missing) || !missing.Partial || missing.Kind != "tree" || missing.Path != "infra/main.tf" {
		t.Fatalf("LastChanges in a tree:0 clone: %#v (%v), want a missing tree while reading infra/main.tf", missing, err)
	}
	if !strings.Contains(err.Error(), missing.Hash) || !strings.Contains(err.Error(), "partial clone") {
		t.Errorf("error %q names neither the object nor the partial clone", err)
	}
	if _, err := gitCommand(dir, "cat-file", "-e", missing.Hash).CombinedOutput(); err == nil {
		t.Errorf("git has tree %s", missing.Hash)
	}
	authors, err := r.Authors(head, timeAt(0), nil)
	if err != nil || len(authors) == 0 {
		t.Errorf("Authors = %v, %v; commits are all there", authors, err)
	}
}

// TestMissingObjectInCompleteRepository: outside a partial clone a missing
// object means corruption, and the error says so, with the object and the
// path being read, never a bare "object not found".
func TestMissingObjectInCompleteRepository(t *testing.T) {
	h := &history{}
	c1 := h.on(nil, set("docs/a.md", "a"))
	c2 := h.on(p(c1), set("src/b.go", "b"))
	dir, marks := h.build(t, c2)
	tree := gitRun(t, dir, "rev-parse", marks[c1]+":docs")
	if err := os.Remove(filepath.Join(dir, ".git", "objects", tree[:2], tree[2:])); err != nil {
		t.Fatal(err)
	}
	_, err := openRepo(t, dir).LastChanges(marks[c2], []string{"docs/a.md"})
	var missing *MissingObjectError
	if !errors.As(err, &missing) || missing.Partial || missing.Hash != tree || missing.Path != "docs/a.md" {
		t.Fatalf("LastChanges = %v, want the missing tree %s of docs/a.md", err, tree)
	}
	if msg := err.Error(); !strings.Contains(msg, "tree "+tree) || !strings.Contains(msg, "docs/a.md") || !strings.Contains(msg, "git fsck") {
		t.Errorf("error %q: want the tree, the path and a hint", msg)
	}
}
