package lint

import "testing"

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
