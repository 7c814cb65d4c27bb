package history

import (
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
