package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/handover-dev/handover/internal/gittest"
)

// BenchmarkCheck checks a folder of five 200-line documents, compiling the
// schemas on every run as a fresh process does. Run with
// go test ./lint -run '^$' -bench Check -benchmem.
func BenchmarkCheck(b *testing.B) {
	for _, git := range []bool{false, true} {
		b.Run(fmt.Sprintf("git=%v", git), func(b *testing.B) {
			dir := b.TempDir()
			writeLargeFolder(b, dir)
			if git {
				gittest.Git(b, dir, nil, "init", "-q")
				commitAll(b, dir, "2026-11-01", "docs")
			}
			opts := Options{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
			b.ResetTimer()
			for b.Loop() {
				embeddedOnce = sync.Once{}
				res := benchCheck(b, dir, opts)
				if len(res.Findings) != 0 && (git || len(res.Findings) != 1) {
					b.Fatalf("the benchmark folder should be clean:\n%s", findingLines(res.Findings))
				}
			}
		})
	}
}

// writeLargeFolder writes five valid documents of about 200 lines each.
func writeLargeFolder(b *testing.B, dir string) {
	filler := func(title string, lines int) string {
		var s strings.Builder
		for i := 0; i < lines; i++ {
			fmt.Fprintf(&s, "Paragraph %d of %s explains one more detail, with a [link](#%s).\n\n", i, title, strings.ToLower(strings.ReplaceAll(title, " ", "-")))
		}
		return s.String()
	}
	sections := map[string][]string{
		"product":    {"Overview", "Users", "Features", "Roadmap", "Known issues"},
		"tech":       {"Architecture", "Environments", "Deployment", "Operations", "Security", "Technical debt"},
		"team":       {"Members", "Rituals", "Access"},
		"vendors":    {"Overview"},
		"transition": {"Open items", "Advisory"},
	}
	var members, vendors strings.Builder
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&members, "  - {name: Person %d, role: Engineer, github: person%d, introduced: 2026-10-01}\n", i, i)
		fmt.Fprintf(&vendors, "  - {name: Vendor %d, service: Service %d, account_owner: Person %d, renewal: 2027-06-01, introduced: 2026-10-02}\n", i, i, i)
	}
	front := map[string]string{
		"product":    "name: Acme\nsummary: Margin reports for shops.\nusers: [Shops]\n",
		"tech":       "repositories: [{name: api, url: https://github.com/acme/api}]\nstack: [Go]\nenvironments: [{name: production}]\n",
		"team":       "members:\n" + members.String(),
		"vendors":    "vendors:\n" + vendors.String(),
		"transition": "outgoing: {name: Person 0, role: CTO}\nsuccessor: {name: Person 1, role: CTO}\nhandover_date: 2026-12-15\nadvisory: {until: 2027-03-31, cadence: weekly}\n",
	}
	for kind, secs := range sections {
		var s strings.Builder
		fmt.Fprintf(&s, "---\nowner: Person 0\nreviewed: 2026-11-01\n%s---\n# %s\n\n", front[kind], kind)
		per := 200 / len(secs) / 2
		for _, sec := range secs {
			fmt.Fprintf(&s, "## %s\n\n%s", sec, filler(sec, per))
		}
		name := filepath.Join(dir, "handover", kind+".md")
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(s.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckNotes checks a committed folder of 1,000 Markdown notes
// that link to each other (with anchors) and to files of the repository,
// as a team's knowledge base does. Each link target is read at most once a
// check however many links point at it. Run with
// go test ./lint -run '^$' -bench CheckNotes -benchtime 5x.
func BenchmarkCheckNotes(b *testing.B) {
	const notes = 1000
	dir := b.TempDir()
	write := func(name, text string) {
		name = filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write(".handover.yml", "require: []\n")
	for i := range 50 {
		// Code files of a realistic size: a link to one is a stat, not a read.
		write(fmt.Sprintf("src/pkg%d/main.go", i), "package main\n\n"+strings.Repeat("// Filler that makes the file about 40 kB long.\n", 800))
	}
	for i := range notes {
		var s strings.Builder
		fmt.Fprintf(&s, "# Note %d\n\n## Context\n\n", i)
		for j := 1; j <= 10; j++ {
			fmt.Fprintf(&s, "Related: [note %d](note-%04d.md#context) and [its code](../../src/pkg%d/main.go#L%d).\n\n", (i+j*37)%notes, (i+j*37)%notes, (i+j)%50, j)
		}
		fmt.Fprintf(&s, "## Decision\n\nSee [above](#context) and the [index](../index.md).\n")
		write(fmt.Sprintf("handover/notes/note-%04d.md", i), s.String())
	}
	write("handover/index.md", "# Index\n")
	gittest.Git(b, dir, nil, "init", "-q")
	commitAll(b, dir, "2026-11-01", "notes")
	opts := Options{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	b.ResetTimer()
	for b.Loop() {
		if res := benchCheck(b, dir, opts); len(res.Findings) != 0 {
			b.Fatalf("the notes should be clean:\n%s", findingLines(res.Findings))
		}
	}
}

// benchCheck opens and checks dir as the CLI does.
func benchCheck(b *testing.B, dir string, opts Options) *Result {
	ws, err := Open(context.Background(), dir, opts)
	if err != nil {
		b.Fatal(err)
	}
	defer ws.Close()
	res, err := Check(ws, opts)
	if err != nil {
		b.Fatal(err)
	}
	return res
}
