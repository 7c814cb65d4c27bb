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

// TestMergeBaseOfCrissCrossAgreesWithGit: after criss-cross merges two
// commits have two merge bases, and git merge-base prints the newer; so
// does MergeBase, whichever side is newer.
func TestMergeBaseOfCrissCrossAgreesWithGit(t *testing.T) {
	for _, dates := range [][2]int64{{10, 20}, {20, 10}} {
		h := &history{}
		at := func(offset int64) { h.time = startTime + offset - 1 }
		at(1)
		base := h.on(nil, set("f.txt", "0"), set("g/h.txt", "0"))
		at(dates[0])
		a1 := h.on(p(base), set("f.txt", "a1"))
		at(dates[1])
		b1 := h.on(p(base), set("g/h.txt", "b1"))
		at(30)
		a2 := h.on(p(a1, b1), set("g/h.txt", "b1"))
		b2 := h.on(p(b1, a1), set("f.txt", "a1"))
		a3 := h.on(p(a2), set("g/i.txt", "a3"))
		b3 := h.on(p(b2), set("f.txt", "b3"))
		dir, marks := h.build(t, b3)
		if all := gitRun(t, dir, "merge-base", "--all", marks[a3], marks[b3]); len(all) != 2*40+1 {
			t.Fatalf("git merge-base --all:\n%s\nwant two merge bases", all)
		}
		r := openRepo(t, dir)
		for _, pair := range [][2]int{{a3, b3}, {b3, a3}, {a2, b2}} {
			got, err := r.MergeBase(marks[pair[0]], marks[pair[1]])
			if err != nil {
				t.Fatal(err)
			}
			if want := gitRun(t, dir, "merge-base", marks[pair[0]], marks[pair[1]]); got != want {
				t.Errorf("dates %v: MergeBase(%d, %d) = %s, git merge-base = %s", dates, pair[0], pair[1], got, want)
			}
		}
	}
}
