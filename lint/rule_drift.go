package lint

import (
	"fmt"
	"strings"
	"time"

	"github.com/handover-dev/handover/lint/history"
)

func init() { register(ruleDrift) }

var ruleDrift = &Rule{
	ID:       "drift",
	Severity: Warning,
	History:  true,
	Summary:  "commits changed code a document covers after the document last changed",
	Explain: `A document's covers globs name the code it describes. When commits change
that code after the document's own last commit, the document may no longer
be true. The count is the number of commits in LAST..HEAD touching the
covered paths, as "git rev-list --count LAST..HEAD -- ':(glob)G'…" counts
them (merges included, git's default history simplification); the message
names the newest commit and the most changed paths with lines added and
removed since the document's last change, as "git diff --no-renames
--numstat" counts them (a file gitattributes mark -diff or binary, or with
a NUL byte, is binary). A document edited in the working tree and not yet
committed is being updated, and does not drift.

Fix: read the changes, update the document, and commit it (set reviewed to
today). Skipped without history (not a git repository, or a shallow clone).`,
	Run: func(p *Pass) error {
		for _, d := range p.Docs() {
			if d.Drift == nil || d.Drift.Commits == 0 || d.LastChange == nil {
				continue
			}
			newest := ""
			if n := d.Drift.Newest; n != nil {
				newest = fmt.Sprintf("; newest %s %s %q", short7(n.Hash), n.Time.UTC().Format(time.DateOnly), n.Subject)
			}
			paths := ""
			if len(d.Drift.Paths) > 0 {
				paths = "; changed: " + topPaths(d.Drift.Paths, 3)
			}
			p.Report(d.At("/covers", "covered code changed in %d %s since this document last changed (%s, %s)%s%s: update the document to match the code",
				d.Drift.Commits, plural(d.Drift.Commits, "commit", "commits"),
				short7(d.LastChange.Hash), d.LastChange.Time.UTC().Format(time.DateOnly), newest, paths))
		}
		return nil
	},
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func short7(hash string) string {
	if len(hash) > 7 {
		return hash[:7]
	}
	return hash
}

// topPaths renders the most changed paths as "path +12 -4".
func topPaths(ps []history.PathStat, n int) string {
	var parts []string
	for i, s := range ps {
		if i == n {
			parts = append(parts, fmt.Sprintf("and %d more", len(ps)-n))
			break
		}
		switch {
		case s.Binary:
			parts = append(parts, s.Path+" (binary)")
		case s.Unread:
			parts = append(parts, s.Path+" (lines not counted)")
		default:
			parts = append(parts, fmt.Sprintf("%s +%d -%d", s.Path, s.Added, s.Removed))
		}
	}
	return strings.Join(parts, ", ")
}
