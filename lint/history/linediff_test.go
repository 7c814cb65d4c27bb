package history

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestLineCountsAgreeWithGitNumstat compares lineCounts with git diff
// --numstat on seeded pairs of files built to reach every path of git's
// xdiff: lines without a match, lines with very many matches (a small
// alphabet), long files whose edit cost passes the heuristics' thresholds,
// and last lines without a newline. go-diff, used before, finds smaller
// diffs than git on some of them.
func TestLineCountsAgreeWithGitNumstat(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	var before, after []change
	texts := map[string][2]string{}
	for i := range 80 {
		alphabet := []int{3, 8, 50, 5000}[i%4]
		n := []int{5, 40, 400, 3000}[(i/4)%4]
		a := randomLines(rng, n, alphabet)
		b := editLines(rng, a, alphabet, []float64{0.02, 0.2, 0.6}[i%3])
		if i%5 == 0 {
			b = strings.TrimSuffix(b, "\n")
		}
		name := fmt.Sprintf("f%02d.txt", i)
		before = append(before, set(name, a))
		after = append(after, set(name, b))
		texts[name] = [2]string{a, b}
	}
	// Changes in blocks between runs of more than 20 equal lines, and many
	// of them: the search passes git's cost threshold with good snakes.
	for i := range 6 {
		var a, b strings.Builder
		for line := range 4000 {
			fmt.Fprintf(&a, "line %d\n", line)
			if line%40 < 5+3*i && rng.Intn(2) == 0 {
				fmt.Fprintf(&b, "new %d\n", rng.Intn(1<<20))
				continue
			}
			fmt.Fprintf(&b, "line %d\n", line)
		}
		name := fmt.Sprintf("blocks%d.txt", i)
		before = append(before, set(name, a.String()))
		after = append(after, set(name, b.String()))
		texts[name] = [2]string{a.String(), b.String()}
	}
	// Files with nothing on one side: added, deleted, emptied, filled
	// (its last line without a newline).
	before = append(before, set("gone.txt", "a\nb\n"), set("emptied.txt", "a\n"), set("filled.txt", ""))
	after = append(after, set("new.txt", "x\ny\nz\n"), del("gone.txt"), set("emptied.txt", ""), set("filled.txt", "p\nq"))
	texts["gone.txt"] = [2]string{"a\nb\n", ""}
	texts["emptied.txt"] = [2]string{"a\n", ""}
	texts["filled.txt"] = [2]string{"", "p\nq"}
	texts["new.txt"] = [2]string{"", "x\ny\nz\n"}
	h := &history{}
	c1 := h.on(nil, before...)
	c2 := h.on(p(c1), after...)
	dir, marks := h.build(t, c2)
	out := gitRun(t, dir, "diff", "--no-renames", "--numstat", marks[c1], marks[c2])
	seen := 0
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		pair := texts[f[2]]
		added, removed := lineCounts([]byte(pair[0]), []byte(pair[1]))
		if got := itoa(added) + " " + itoa(removed); got != f[0]+" "+f[1] {
			t.Errorf("%s: lineCounts = %s, git diff --numstat = %s %s", f[2], got, f[0], f[1])
		}
		seen++
	}
	if seen < 74 {
		t.Fatalf("git reported %d changed files of 90", seen)
	}
}

func randomLines(rng *rand.Rand, n, alphabet int) string {
	var b strings.Builder
	for range n {
		fmt.Fprintf(&b, "line %d\n", rng.Intn(alphabet))
	}
	return b.String()
}

// editLines deletes, inserts and replaces a share of the lines of text.
func editLines(rng *rand.Rand, text string, alphabet int, share float64) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		switch r := rng.Float64(); {
		case r < share/3:
		case r < 2*share/3:
			fmt.Fprintf(&b, "%sline %d\n", line, rng.Intn(alphabet))
		case r < share:
			fmt.Fprintf(&b, "line %d\n", rng.Intn(alphabet))
		default:
			b.WriteString(line)
		}
	}
	return b.String()
}

// BenchmarkLineCounts: a 3,000-line source file with 2 % of its lines
// edited, the usual pair a drift check counts.
func BenchmarkLineCounts(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	var text strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&text, "\tif err := step%d(ctx, %d); err != nil {\n", rng.Intn(500), i%7)
	}
	before := []byte(text.String())
	after := []byte(editLines(rng, text.String(), 500, 0.02))
	b.SetBytes(int64(len(before) + len(after)))
	for b.Loop() {
		lineCounts(before, after)
	}
}
