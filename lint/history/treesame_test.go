package history

import (
	"os"
	"path/filepath"
	"testing"
)

// TestBloomSparesTreeDiffs: with a commit-graph written with
// --changed-paths, a commit the filter rules out for every query is
// TREESAME without its trees being read; without filters, or for a glob the
// filter cannot answer for, the trees are diffed.
func TestBloomSparesTreeDiffs(t *testing.T) {
	h := &history{}
	base := h.on(nil, set("infra/main.tf", "a"), set("src/app.go", "1"))
	c := h.on(p(base), set("src/app.go", "2"))
	dir, marks := h.build(t, c)
	commits := []string{marks[base], marks[c]}
	for _, tc := range []struct {
		variant string
		globs   []string
		read    bool
	}{
		{"graph", []string{"infra/**"}, false},
		{"graph", []string{"infra", "docs/*.md"}, false},
		{"graph", []string{"**/*.tf"}, true},
		{"graph", []string{"!src/**"}, true},
		{"no Bloom filters", []string{"infra/**"}, true},
		{"no graph", []string{"infra/**"}, true},
	} {
		writeGraph(t, dir, tc.variant, commits)
		r := openRepo(t, dir)
		n, err := r.commit(resolved(t, marks[c]))
		if err != nil {
			t.Fatal(err)
		}
		parent, err := r.commit(n.parents[0])
		if err != nil {
			t.Fatal(err)
		}
		spec := NewPathspec(tc.globs)
		same, err := newTouches(r, []*Pathspec{&spec}).treesame(0, n, parent)
		if err != nil {
			t.Fatal(err)
		}
		if !same {
			t.Errorf("%s, %q: the commit changes only src/app.go, yet is not TREESAME", tc.variant, tc.globs)
		}
		if _, read := r.trees.get(n.tree); read != tc.read {
			t.Errorf("%s, %q: trees read = %v, want %v", tc.variant, tc.globs, read, tc.read)
		}
	}
}

func resolved(t *testing.T, rev string) [20]byte {
	t.Helper()
	h, err := resolveHash(rev)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestCommitGraphIgnoredWhereGitIgnoresIt: with core.commitGraph=false, a
// replace ref or a grafts file, git does not read the commit-graph, whose
// parents may not be the ones git uses, and neither do the walks.
func TestCommitGraphIgnoredWhereGitIgnoresIt(t *testing.T) {
	for name, setup := range map[string]func(dir string, marks map[int]string){
		"core.commitGraph=false": func(dir string, _ map[int]string) {
			gitRun(t, dir, "config", "core.commitGraph", "false")
		},
		"replace ref": func(dir string, marks map[int]string) {
			gitRun(t, dir, "update-ref", "refs/replace/"+marks[2], marks[1])
		},
		"grafts": func(dir string, marks map[int]string) {
			if err := os.WriteFile(filepath.Join(dir, ".git", "info", "grafts"), []byte(marks[2]+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			h := &history{}
			c := h.on(nil, set("a.txt", "1"))
			c = h.on(p(c), set("a.txt", "2"))
			dir, marks := h.build(t, c)
			writeGraph(t, dir, "graph", []string{marks[1], marks[2]})
			if openRepo(t, dir).commitGraph() == nil {
				t.Fatal("the commit-graph is not read before the setup")
			}
			setup(dir, marks)
			if openRepo(t, dir).commitGraph() != nil {
				t.Error("the commit-graph is read")
			}
		})
	}
}

// TestRewritesAgreeWithGit: git reads replacement objects (git replace,
// git replace --graft) and the parents of a grafts file in place of what
// is stored, in every walk and diff; so do last changes, drift counts,
// line counts and the committer count. core.useReplaceRefs=false turns
// the replace refs off, as in git.
func TestRewritesAgreeWithGit(t *testing.T) {
	for name, setup := range map[string]func(t *testing.T, dir string, marks map[int]string){
		"replace --graft": func(t *testing.T, dir string, marks map[int]string) {
			gitRun(t, dir, "replace", "--graft", marks[40], marks[10])
			gitRun(t, dir, "replace", "--graft", marks[90])
			gitRun(t, dir, "replace", "--graft", marks[120], marks[119], marks[60])
		},
		"replace a file's content": func(t *testing.T, dir string, marks map[int]string) {
			old := gitRun(t, dir, "rev-parse", marks[30]+":infra/main.tf")
			replacement := gitRunInput(t, dir, "replaced\nmain\ntf\n", "hash-object", "-w", "--stdin")
			gitRun(t, dir, "replace", old, replacement)
		},
		"grafts": func(t *testing.T, dir string, marks map[int]string) {
			grafts := "# a comment\n" + marks[40] + " " + marks[10] + "\n" + marks[90] + "\n"
			if err := os.WriteFile(filepath.Join(dir, ".git", "info", "grafts"), []byte(grafts), 0o644); err != nil {
				t.Fatal(err)
			}
		},
		"core.useReplaceRefs=false": func(t *testing.T, dir string, marks map[int]string) {
			gitRun(t, dir, "replace", "--graft", marks[40], marks[10])
			gitRun(t, dir, "config", "core.useReplaceRefs", "false")
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h, head, files := randomHistory(8, 150, false)
			dir, marks := h.build(t, head)
			setup(t, dir, marks)
			r := openRepo(t, dir)
			checkLastChanges(t, dir, r, marks[head], append(files, "infra", "src", "docs"))
			sinces := []string{marks[5], marks[35], marks[85], marks[115]}
			checkDrift(t, dir, r, marks[head], sinces, [][]string{{"infra/**"}, {"src"}, {"**/*.md"}, {"*.txt", "handover"}})
			checkAuthors(t, dir, r, marks[head], startTime+50, nil)
		})
	}
}
