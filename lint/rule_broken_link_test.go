package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/handover-dev/handover/lint/markdown"
)

func TestBrokenLink(t *testing.T) { testRule(t, "broken-link") }

// TestBrokenLinkEdges: root-relative and escaped paths, queries, anchors in
// files outside the folder and in raw HTML, repeated headings, images,
// reference links, directories, and links that leave the repository.
func TestBrokenLinkEdges(t *testing.T) {
	res := checkArchive(t, `nogit: true
-- .handover.yml --
require: []
-- handover/notes.md --
# Notes

## Setup

## Setup

<a id="pager"></a>On call: [pager](#pager), [second setup](#setup-1), [third](#setup-2), [case](#SETUP).

[root](/docs/deployment.md#rollback), [typo](/docs/deployment.md#rollbak), [escaped](Known%20issues.md).
[query](notes.md?plain=1#setup), [dir](../infra), [dir/](../infra/), [web](https://acme.example/x), [mail](mailto:a@acme.example).
![diagram](arch.png) and [ref][old] and `+"`[code](missing.md)`"+`.
[up](../../etc/passwd) and [rooted up](/../etc/passwd).

[old]: ../docs/old.md
-- handover/Known issues.md --
# Known issues
-- docs/deployment.md --
---
title: Deployment
---
## Rollback
-- infra/main.tf --
resource "fly_app" "api" {}
`)
	want := `handover/notes.md:7:71: error: link to #setup-2: handover/notes.md has no heading with anchor #setup-2; check the heading's spelling [broken-link]
handover/notes.md:9:39: error: link to /docs/deployment.md#rollbak: docs/deployment.md has no heading with anchor #rollbak; check the heading's spelling [broken-link]
handover/notes.md:11:1: error: link to arch.png: handover/arch.png does not exist; correct the path or remove the link [broken-link]
handover/notes.md:11:26: error: link to ../docs/old.md: docs/old.md does not exist; correct the path or remove the link [broken-link]
handover/notes.md:12:1: error: link ../../etc/passwd leads outside the repository: link to a file inside it [broken-link]
handover/notes.md:12:28: error: link /../etc/passwd leads outside the repository: link to a file inside it [broken-link]
`
	if got := ruleLines(res, "broken-link"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// lineAnchorsArchive links to GitHub line anchors (#L40, ranges, columns,
// ?plain=1 on Markdown), in the working tree and with --ref.
const lineAnchorsArchive = `-- .handover.yml --
require: []
-- handover/notes.md --
# Notes

[plain](../README.md?plain=1#L40), [range](../README.md#L40-L45), [cols](../README.md#L40C3-L41C5), [code](../cmd/main.go#L3C1).
[past](../README.md?plain=1#L51), [past range](../cmd/main.go#L2-L9), [self](#L7), [lower case](../README.md#l40).
[image](../logo.png#L2), [dir](../cmd#L3), [heading](../README.md#usage).
-- README.md --
# Demo

## Usage
` + "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nlast line" + `
-- cmd/main.go --
package main

func main() {}
-- logo.png --
` + "\x89PNG\r\n\x1a\n"

// TestBrokenLinkLineAnchors: #L anchors are GitHub's line anchors on any
// file: accepted up to the file's last line, reported past it; #l40 in
// lower case is a heading anchor.
func TestBrokenLinkLineAnchors(t *testing.T) {
	want := `handover/notes.md:4:1: error: link to ../README.md?plain=1#L51: README.md has 50 lines, so #L51 points past its end; correct the line number [broken-link]
handover/notes.md:4:35: error: link to ../cmd/main.go#L2-L9: cmd/main.go has 3 lines, so #L2-L9 points past its end; correct the line number [broken-link]
handover/notes.md:4:71: error: link to #L7: handover/notes.md has 5 lines, so #L7 points past its end; correct the line number [broken-link]
handover/notes.md:4:84: error: link to ../README.md#l40: README.md has no heading with anchor #l40; check the heading's spelling [broken-link]
`
	for _, ref := range []string{"", "HEAD"} {
		f := buildFixture(t, t.Name(), txtar.Parse([]byte(lineAnchorsArchive)))
		f.opts.Ref = ref
		if got := ruleLines(f.check(t), "broken-link"); got != want {
			t.Errorf("ref %q: got\n%s\nwant\n%s", ref, got, want)
		}
	}
}

// countingSource counts the reads and existence checks of each name.
type countingSource struct {
	Source
	reads, exists map[string]int
}

func (s *countingSource) ReadFile(name string) ([]byte, error) {
	s.reads[name]++
	return s.Source.ReadFile(name)
}

func (s *countingSource) Exists(name string) bool {
	s.exists[name]++
	return s.Source.Exists(name)
}

// TestBrokenLinkReadsEachTargetOnce: a target is looked at once a check
// however many links point at it (60,000 links to one large file read it
// 60,000 times).
func TestBrokenLinkReadsEachTargetOnce(t *testing.T) {
	var notes strings.Builder
	notes.WriteString("# Notes\n\n")
	for i := range 200 {
		fmt.Fprintf(&notes, "[a](../docs/big.md#part-%d) [b](../docs/big.md#L%d) [c](missing.md) [d](../docs) [e](#notes)\n", i%3, i+1)
	}
	res := checkArchive(t, "nogit: true\n-- .handover.yml --\nrequire: []\n-- handover/notes.md --\n"+notes.String()+
		"-- docs/big.md --\n# Part 0\n"+strings.Repeat("filler\n", 300)+"# Part 1\n")
	if n := strings.Count(ruleLines(res, "broken-link"), "\n"); n != 266 {
		t.Fatalf("%d broken links, want 266 (66 to #part-2, 200 to missing.md)", n)
	}
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "docs"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "docs", "big.md"), []byte("# Part 0\n"+strings.Repeat("filler\n", 300)), 0o644))
	real, err := newDirSource(dir, nil)
	must(t, err)
	src := &countingSource{Source: real, reads: map[string]int{}, exists: map[string]int{}}
	folder := &Folder{Files: []*File{{Path: "handover/notes.md", Markdown: markdown.Parse([]byte(notes.String()), 1)}}}
	targets := newLinkTargets(src, folder)
	for _, l := range folder.Files[0].Markdown.Links {
		targets.check("handover/notes.md", l.Dest)
	}
	if fmt.Sprint(src.exists) != "map[docs:1 docs/big.md:1 handover/missing.md:1]" || src.reads["docs/big.md"] > 2 || len(src.reads) != 1 {
		t.Errorf("exists %v, reads %v: want each target looked at once, big.md read at most twice (anchors and lines)", src.exists, src.reads)
	}
}
