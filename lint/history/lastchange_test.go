package history

import (
	"strings"
	"testing"
)

// scenarios are histories that exercise git's simplification: each returns
// its builder and the head mark.
var scenarios = map[string]func() (*history, int){
	"linear": func() (*history, int) {
		h := &history{}
		c := h.on(nil, set("README.md", "hi"), set("infra/main.tf", "a"), set("handover/tech.md", "t1"))
		c = h.on(p(c), set("infra/main.tf", "b"))
		c = h.on(p(c), set("handover/tech.md", "t2"))
		c = h.on(p(c), set("infra/modules/vpc/vpc.tf", "v"), set("src/app.go", "package app"))
		c = h.on(p(c), del("README.md"))
		c = h.on(p(c), set("README.md", "back"))
		c = h.on(p(c), set("src/app.go", "package app // 2"), set("infra/main.tf", "c"))
		return h, c
	},
	"merge one side changes": func() (*history, int) {
		h := &history{}
		base := h.on(nil, set("a.txt", "1"), set("b.txt", "1"), set("dir/x.go", "x"))
		side := h.on(p(base), set("b.txt", "side"), set("dir/y.go", "y"))
		main := h.on(p(base), set("a.txt", "main"))
		m := h.on(p(main, side), set("b.txt", "side"), set("dir/y.go", "y"))
		return h, h.on(p(m), set("c.txt", "c"))
	},
	"merge takes other side": func() (*history, int) {
		h := &history{}
		base := h.on(nil, set("a.txt", "1"), set("doc.md", "d"))
		side := h.on(p(base), set("a.txt", "side"))
		main := h.on(p(base), set("a.txt", "main"), set("doc.md", "d2"))
		// The merge resolves a.txt to the side's version: TREESAME to the
		// second parent only.
		return h, h.on(p(main, side), set("a.txt", "side"))
	},
	"evil merge": func() (*history, int) {
		h := &history{}
		base := h.on(nil, set("a.txt", "1"))
		side := h.on(p(base), set("b.txt", "side"))
		main := h.on(p(base), set("c.txt", "main"))
		return h, h.on(p(main, side), set("b.txt", "side"), set("a.txt", "evil"))
	},
	"criss-cross": func() (*history, int) {
		h := &history{}
		base := h.on(nil, set("f.txt", "0"), set("g/h.txt", "0"))
		a1 := h.on(p(base), set("f.txt", "a1"))
		b1 := h.on(p(base), set("g/h.txt", "b1"))
		a2 := h.on(p(a1, b1), set("g/h.txt", "b1"))
		b2 := h.on(p(b1, a1), set("f.txt", "a1"))
		a3 := h.on(p(a2), set("g/i.txt", "a3"))
		b3 := h.on(p(b2), set("f.txt", "b3"))
		return h, h.on(p(a3, b3), set("f.txt", "b3"))
	},
	"octopus": func() (*history, int) {
		h := &history{}
		base := h.on(nil, set("a", "0"), set("b", "0"), set("c", "0"))
		x := h.on(p(base), set("a", "x"))
		y := h.on(p(base), set("b", "y"))
		z := h.on(p(base), set("c", "z"))
		return h, h.on(p(x, y, z), set("b", "y"), set("c", "z"))
	},
	"rename and re-add": func() (*history, int) {
		h := &history{}
		c := h.on(nil, set("old/name.md", "content"), set("keep.txt", "k"))
		c = h.on(p(c), del("old/name.md"), set("new/name.md", "content"))
		c = h.on(p(c), set("keep.txt", "k2"))
		c = h.on(p(c), set("old/name.md", "again"))
		c = h.on(p(c), del("new/name.md"))
		return h, h.on(p(c), set("old/name.md", "changed"), set("old/other.md", "o"))
	},
	"file becomes directory": func() (*history, int) {
		h := &history{}
		c := h.on(nil, set("x", "file"), set("y/z", "z"))
		c = h.on(p(c), del("x"), set("x/inner.txt", "i"))
		c = h.on(p(c), del("y/z"), set("y", "now a file"))
		return h, h.on(p(c), set("x/inner.txt", "i2"))
	},
	"submodules and type changes": func() (*history, int) {
		h := &history{}
		lib1, lib2, other, tool := strings.Repeat("1", 40), strings.Repeat("2", 40), strings.Repeat("3", 40), strings.Repeat("4", 40)
		c := h.on(nil, set("README.md", "r"), gitlink("infra/lib", lib1), set("infra/main.tf", "a"), set("x", "a file\n"))
		c = h.on(p(c), gitlink("infra/lib", lib2))
		c = h.on(p(c), gitlink("infra/other", other))
		c = h.on(p(c), del("infra/lib"))
		c = h.on(p(c), del("x"), gitlink("x", tool))
		c = h.on(p(c), del("infra/other"), set("infra/other", "now a file\n"))
		c = h.on(p(c), set("infra/run.sh", "echo a\necho b\n"), link("infra/current", "main.tf"), set("infra/mode.sh", "true\n"))
		c = h.on(p(c), change{path: "infra/mode.sh", content: "true\n", mode: "100755"})
		c = h.on(p(c), del("infra/run.sh"), link("infra/run.sh", "../bin/run"), del("infra/current"), set("infra/current", "v1\n"))
		return h, h.on(p(c), set("infra/main.tf", "b"))
	},
	"second root": func() (*history, int) {
		h := &history{}
		main := h.on(nil, set("app.go", "1"))
		main = h.on(p(main), set("app.go", "2"))
		other := h.on(nil, set("docs/index.md", "imported"))
		other = h.on(p(other), set("docs/index.md", "imported 2"))
		return h, h.on(p(main, other), set("docs/index.md", "imported 2"))
	},
	"side branch forked before since": func() (*history, int) {
		h := &history{}
		base := h.on(nil, set("infra/a.tf", "0"), set("doc.md", "0"))
		side := h.on(p(base), set("infra/b.tf", "side"))
		since := h.on(p(base), set("doc.md", "1"))
		side = h.on(p(side), set("infra/a.tf", "side"))
		main := h.on(p(since), set("infra/c.tf", "main"))
		m := h.on(p(main, side), set("infra/b.tf", "side"), set("infra/a.tf", "side"))
		back := h.on(p(m), set("infra/a.tf", "0"))
		return h, h.on(p(back, side), set("infra/a.tf", "side"))
	},
}

// eachScenario builds every scenario in a parallel subtest and passes its
// directory, opened repository and commit hashes by mark, in mark order,
// once for every commit-graph variant.
func eachScenario(t *testing.T, check func(t *testing.T, dir string, r *Repo, head string, commits []string)) {
	for name, build := range scenarios {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h, head := build()
			dir, marks := h.build(t, head)
			commits := make([]string, 0, len(marks))
			for m := 1; m <= len(marks); m++ {
				commits = append(commits, marks[m])
			}
			eachGraph(t, dir, marks[head], commits, func(t *testing.T, r *Repo) {
				check(t, dir, r, marks[head], commits)
			})
		})
	}
}

func TestLastChangesAgreesWithGit(t *testing.T) {
	eachScenario(t, func(t *testing.T, dir string, r *Repo, head string, _ []string) {
		checkLastChanges(t, dir, r, head, allPaths(t, dir))
	})
}

func TestLastChangesDescribesCommit(t *testing.T) {
	h := &history{}
	c := h.commit("Ana Lima <ana@example.com>", nil, set("handover/tech.md", "t"))
	c = h.on(p(c), set("other.txt", "o"))
	dir, marks := h.build(t, c)
	r := openRepo(t, dir)
	got, err := r.LastChanges(marks[c], []string{"handover/tech.md", "handover", "missing"})
	if err != nil {
		t.Fatal(err)
	}
	want := &Commit{Hash: marks[1], Author: "Ana Lima", Email: "ana@example.com", Subject: "commit 1"}
	doc := got["handover/tech.md"]
	if doc == nil || doc.Hash != want.Hash || doc.Author != want.Author || doc.Email != want.Email || doc.Subject != want.Subject {
		t.Fatalf("LastChanges = %+v, want %+v", doc, want)
	}
	if doc.Time.Unix() != startTime+1 {
		t.Errorf("Time = %v, want the committer time %d", doc.Time, startTime+1)
	}
	if got["handover"] != doc {
		t.Errorf("the directory's last change = %+v, want the same commit as its only file", got["handover"])
	}
	if c, ok := got["missing"]; !ok || c != nil {
		t.Errorf("missing path: got %v, %v; want a nil entry", c, ok)
	}
}

func TestLastChangesRejectsUnresolvedRevision(t *testing.T) {
	h := &history{}
	dir, _ := h.build(t, h.on(nil, set("a", "a")))
	r := openRepo(t, dir)
	if _, err := r.LastChanges("HEAD", []string{"a"}); err == nil || !strings.Contains(err.Error(), "Resolve") {
		t.Fatalf("LastChanges(HEAD) error = %v, want one saying to use Resolve", err)
	}
}
