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
	if seen < 70 {
		t.Fatalf("git reported %d changed files of 80", seen)
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
