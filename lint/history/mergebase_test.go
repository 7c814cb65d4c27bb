package history

import "testing"

// TestMergeBaseAgreesWithGit: the commit a pull request is measured from
// is the one `git merge-base` prints, also after the pull request merged
// its base branch in, and for a base that is an ancestor of head.
func TestMergeBaseAgreesWithGit(t *testing.T) {
	h := &history{}
	root := h.on(nil, set("a.txt", "1"))
	fork := h.on(p(root), set("a.txt", "2"))
	mainline := h.on(p(fork), set("main.txt", "m"))
	mainline = h.on(p(mainline), set("main.txt", "m2"))
	pr := h.on(p(fork), set("pr.txt", "p"))
	merged := h.on(p(pr, mainline), set("main.txt", "m2"))
	tip := h.on(p(merged), set("pr.txt", "p2"))
	dir, marks := h.build(t, tip)
	r := openRepo(t, dir)
	for _, tc := range []struct{ name, base, head string }{
		{"pull request before merging main", marks[mainline], marks[pr]},
		{"pull request after merging main", marks[mainline], marks[tip]},
		{"base is an ancestor of head", marks[root], marks[tip]},
	} {
		got, err := r.MergeBase(tc.base, tc.head)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if want := gitRun(t, dir, "merge-base", tc.base, tc.head); got != want {
			t.Errorf("%s: MergeBase = %s, git merge-base = %s", tc.name, got, want)
		}
	}
	if _, err := r.MergeBase("HEAD", marks[tip]); err == nil {
		t.Error("MergeBase accepted a revision that is not a full hash")
	}
}
