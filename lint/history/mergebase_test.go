package history

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

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
// commits have two merge bases. git merge-base prints the newer, and
// between two of the same date the one its walk met first (commits made
// in one second, as scripts and test fixtures make them); so does
// MergeBase, with and without a commit-graph. The third date, when set,
// is that of a parent of a1 dated after it (clock skew): a commit-graph's
// corrected commit dates then order the walk otherwise than the dates.
func TestMergeBaseOfCrissCrossAgreesWithGit(t *testing.T) {
	for _, dates := range [][3]int64{{10, 20, 0}, {20, 10, 0}, {10, 10, 0}, {30, 30, 0}, {10, 10, 50}} {
		h := &history{}
		at := func(offset int64) { h.time = startTime + offset - 1 }
		at(1)
		base := h.on(nil, set("f.txt", "0"), set("g/h.txt", "0"))
		a0 := base
		if dates[2] != 0 {
			at(dates[2])
			a0 = h.on(p(base), set("skewed.txt", "s"))
		}
		at(dates[0])
		a1 := h.on(p(a0), set("f.txt", "a1"))
		at(dates[1])
		b1 := h.on(p(base), set("g/h.txt", "b1"))
		at(60)
		a2 := h.on(p(a1, b1), set("g/h.txt", "b1"))
		b2 := h.on(p(b1, a1), set("f.txt", "a1"))
		a3 := h.on(p(a2), set("g/i.txt", "a3"))
		b3 := h.on(p(b2), set("f.txt", "b3"))
		dir, marks := h.build(t, b3)
		if all := gitRun(t, dir, "merge-base", "--all", marks[a3], marks[b3]); len(all) != 2*40+1 {
			t.Fatalf("git merge-base --all:\n%s\nwant two merge bases", all)
		}
		var pairs [][2]string
		for _, pair := range [][2]int{{a3, b3}, {b3, a3}, {a2, b2}, {b2, a2}, {a1, b3}} {
			pairs = append(pairs, [2]string{marks[pair[0]], marks[pair[1]]})
		}
		commits := make([]string, 0, len(marks))
		for m := 1; m <= len(marks); m++ {
			commits = append(commits, marks[m])
		}
		t.Run(fmt.Sprint("dates ", dates), func(t *testing.T) {
			eachGraph(t, dir, marks[b3], commits, func(t *testing.T, r *Repo) { checkMergeBases(t, dir, r, pairs) })
		})
	}
}

// TestRandomMergeBasesAgreeWithGit: branches that merge each other at
// random, with commit dates that tie and go backwards, give many pairs
// with several merge bases.
func TestRandomMergeBasesAgreeWithGit(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		rng := rand.New(rand.NewSource(seed))
		h := &history{jitter: rand.New(rand.NewSource(seed))}
		tips := []int{h.on(nil, set("f.txt", "0"))}
		var all []int
		for i := 0; i < 120; i++ {
			k := rng.Intn(len(tips))
			switch {
			case len(tips) < 5 && rng.Intn(4) == 0:
				tips = append(tips, h.on(p(tips[k]), set(fmt.Sprint("b", len(tips)), "x")))
			case rng.Intn(2) == 0 && len(tips) > 1:
				other := rng.Intn(len(tips))
				if other != k {
					tips[k] = h.on(p(tips[k], tips[other]), set(fmt.Sprint("m", i), "m"))
				}
			default:
				tips[k] = h.on(p(tips[k]), set(fmt.Sprint("c", i), "c"))
			}
			all = append(all, tips[k])
		}
		head := h.on(p(tips...), set("end", "e"))
		dir, marks := h.build(t, head)
		var pairs [][2]string
		several := 0
		for i := 0; i < 150; i++ {
			a, b := marks[all[rng.Intn(len(all))]], marks[all[rng.Intn(len(all))]]
			pairs = append(pairs, [2]string{a, b})
			if out := gitOracle(t, dir, "merge-base", "--all", a, b); strings.Count(out, "\n") > 0 {
				several++
			}
		}
		if several < 10 {
			t.Fatalf("seed %d: only %d pairs with several merge bases", seed, several)
		}
		commits := make([]string, 0, len(marks))
		for m := 1; m <= len(marks); m++ {
			commits = append(commits, marks[m])
		}
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			eachGraph(t, dir, marks[head], commits, func(t *testing.T, r *Repo) { checkMergeBases(t, dir, r, pairs) })
		})
	}
}

// checkMergeBases compares MergeBase with git merge-base for each pair.
// git is asked again under each commit-graph variant, not through the
// oracle's memory: which of equally dated merge bases it prints depends on
// the generations a graph gives its walk.
func checkMergeBases(t *testing.T, dir string, r *Repo, pairs [][2]string) {
	t.Helper()
	for _, pair := range pairs {
		got, err := r.MergeBase(pair[0], pair[1])
		if err != nil {
			t.Fatal(err)
		}
		if want := gitRun(t, dir, "merge-base", pair[0], pair[1]); got != want {
			t.Errorf("MergeBase(%.7s, %.7s) = %.7s, git merge-base = %.7s (all: %q)", pair[0], pair[1], got, want,
				gitRun(t, dir, "merge-base", "--all", pair[0], pair[1]))
		}
	}
}
