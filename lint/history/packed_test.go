package history

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// packedHistory is a history whose files change a little in each commit,
// so that git stores most objects as deltas when it packs them.
func packedHistory(t *testing.T) (dir string) {
	t.Helper()
	h := &history{}
	lines := make([]string, 200)
	for i := range lines {
		lines[i] = fmt.Sprintf("line %d of a file long enough to be worth a delta", i)
	}
	var last int
	for i := 1; i <= 30; i++ {
		lines[(i*37)%len(lines)] = fmt.Sprintf("line edited in commit %d", i)
		changes := []change{
			set("src/long.txt", strings.Join(lines, "\n")),
			set(fmt.Sprintf("docs/d%d/notes.md", i%3), fmt.Sprintf("notes, revision %d\n%s", i, strings.Repeat("padding\n", 20))),
		}
		if i%10 == 0 {
			changes = append(changes, set("handover/tech.md", fmt.Sprintf("tech, revision %d", i)))
		}
		var parents []int
		if last != 0 {
			parents = p(last)
		}
		last = h.on(parents, changes...)
	}
	dir, _ = h.build(t, last)
	return dir
}

// TestPackedForms: however git packs the objects, history reads them and
// answers what git answers: deltas against offsets and against ids, an
// index of version 1 (which go-git cannot read), large offsets, several
// packs and loose objects together.
func TestPackedForms(t *testing.T) {
	repack := func(args ...string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			gitRun(t, dir, append(args, "repack", "-adfq", "--depth=50", "--window=250")...)
		}
	}
	reindex := func(version string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			repack()(t, dir)
			idxs, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.idx"))
			for _, idx := range idxs {
				os.Remove(idx)
				gitRun(t, dir, "index-pack", "--index-version="+version, strings.TrimSuffix(idx, ".idx")+".pack")
			}
		}
	}
	for name, pack := range map[string]func(t *testing.T, dir string){
		"deltas against offsets": repack(),
		"deltas against ids":     repack("-c", "repack.useDeltaBaseOffset=false"),
		"version 1 index":        reindex("1"),
		"large offsets":          reindex("2,16"),
		"packs and loose objects": func(t *testing.T, dir string) {
			gitRun(t, dir, "repack", "-dq")
			os.WriteFile(filepath.Join(dir, "src", "long.txt"), []byte("rewritten"), 0o644)
			gitRun(t, dir, "commit", "-qam", "a loose commit")
			gitRun(t, dir, "-c", "gc.auto=0", "repack", "-dq")
			os.WriteFile(filepath.Join(dir, "handover", "tech.md"), []byte("loose"), 0o644)
			gitRun(t, dir, "commit", "-qam", "another loose commit")
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := packedHistory(t)
			pack(t, dir)
			if name != "packs and loose objects" && !strings.Contains(gitRun(t, dir, "count-objects", "-v"), "count: 0") {
				t.Fatal("loose objects left")
			}
			r := openRepo(t, dir)
			head, err := r.Head()
			if err != nil {
				t.Fatal(err)
			}
			checkLastChanges(t, dir, r, head, allPaths(t, dir))
			checkDrift(t, dir, r, head, []string{gitRun(t, dir, "rev-parse", "HEAD~12")}, [][]string{{"src/**"}, {"docs", "handover/*"}})
			tree, err := r.Tree(head)
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range strings.Split(gitRun(t, dir, "ls-tree", "-r", "--name-only", "HEAD"), "\n") {
				data, err := tree.ReadFile(path)
				if want := gitRunRaw(t, dir, "show", "HEAD:"+path); err != nil || string(data) != want {
					t.Errorf("ReadFile(%s) = %q, %v; git show: %q", path, data, err, want)
				}
			}
		})
	}
}
