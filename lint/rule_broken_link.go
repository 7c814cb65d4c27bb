package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/handover-dev/handover/lint/markdown"
	"github.com/handover-dev/handover/lint/yamldoc"
)

func init() { register(ruleBrokenLink) }

var ruleBrokenLink = &Rule{
	ID:       "broken-link",
	Severity: Error,
	Summary:  "a relative Markdown link points at a file or heading that does not exist",
	Explain: `Checks every relative link and image of the Markdown files in the handover
folder: the file must exist in the repository (in the working tree, or in
the commit with --ref), and a #fragment must be a heading (GitHub's anchor
for it, such as #known-issues) or an id of the target Markdown file. GitHub's
line anchors (#L40, #L40-L60, #L40C3) work on any file and must not point
past its last line; a query such as ?plain=1 is ignored. A link may not
leave the repository. Links with a scheme (https:, mailto:)
are not fetched: handover never uses the network.

Fix: correct the path or the anchor, or remove the link.`,
	Run: func(p *Pass) error {
		targets := newLinkTargets(p.Source, p.Folder)
		for _, f := range p.Folder.Files {
			if f.Markdown == nil {
				continue
			}
			for _, l := range f.Markdown.Links {
				if msg := targets.check(f.Path, l.Dest); msg != "" {
					p.Report(At(f.Path, l.Line, l.Column, "%s", msg))
				}
			}
		}
		return nil
	},
}

// linkTargets answers, once a check for each target however many links
// point at it, whether a file exists, which anchors a Markdown file has
// and how many lines a file has: reading a target for each link made a
// folder of 1,000 linked notes take seconds.
type linkTargets struct {
	source Source
	exists map[string]bool
	// anchors of Markdown files; nil for one that cannot be read.
	anchors map[string]map[string]bool
	// lines of files; -1 for one that cannot be read.
	lines map[string]int
}

func newLinkTargets(src Source, folder *Folder) *linkTargets {
	t := &linkTargets{source: src, exists: map[string]bool{}, anchors: map[string]map[string]bool{}, lines: map[string]int{}}
	for _, f := range folder.Files {
		if f.Markdown != nil {
			t.anchors[f.Path] = f.Markdown.Anchors
		}
	}
	return t
}

// lineAnchor matches GitHub's anchors for a line or a range of lines of
// any file, with optional columns: #L40, #L40-L60, #L40C3-L41C5.
var lineAnchor = regexp.MustCompile(`^L([0-9]{1,9})(?:C[0-9]{1,9})?(?:-L([0-9]{1,9})(?:C[0-9]{1,9})?)?$`)

// check returns what is wrong with a link from file, or "".
func (t *linkTargets) check(file, dest string) string {
	if dest == "" || strings.HasPrefix(dest, "//") {
		return ""
	}
	if u, err := url.Parse(dest); err != nil || u.Scheme != "" {
		return ""
	}
	target, fragment, _ := strings.Cut(dest, "#")
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	if f, err := url.PathUnescape(fragment); err == nil {
		fragment = f
	}
	// A query (GitHub's ?plain=1 shows a Markdown file as text) does not
	// change which file is linked.
	target, _, _ = strings.Cut(target, "?")
	resolved := file
	if target != "" {
		if strings.HasPrefix(target, "/") {
			resolved = path.Clean(strings.TrimPrefix(target, "/"))
		} else {
			resolved = path.Join(path.Dir(file), target)
		}
		if resolved == ".." || strings.HasPrefix(resolved, "../") {
			return "link " + dest + " leads outside the repository: link to a file inside it"
		}
		if !t.exist(resolved) {
			return "link to " + dest + ": " + resolved + " does not exist; correct the path or remove the link"
		}
	}
	if fragment == "" {
		return ""
	}
	if m := lineAnchor.FindStringSubmatch(fragment); m != nil {
		last, _ := strconv.Atoi(cmp.Or(m[2], m[1]))
		if n := t.lineCount(resolved); n >= 0 && last > n {
			lines := "lines"
			if n == 1 {
				lines = "line"
			}
			return fmt.Sprintf("link to %s: %s has %d %s, so #%s points past its end; correct the line number", dest, resolved, n, lines, fragment)
		}
		return ""
	}
	if !strings.EqualFold(path.Ext(resolved), ".md") {
		return ""
	}
	a := t.anchorsOf(resolved)
	if a != nil && !a[strings.ToLower(fragment)] && !a[fragment] {
		return "link to " + dest + ": " + resolved + " has no heading with anchor #" + fragment + "; check the heading's spelling"
	}
	return ""
}

func (t *linkTargets) exist(name string) bool {
	e, ok := t.exists[name]
	if !ok {
		e = t.source.Exists(name)
		t.exists[name] = e
	}
	return e
}

// anchorsOf returns the anchors of a Markdown file, parsing one outside
// the handover folder; nil when it cannot be read.
func (t *linkTargets) anchorsOf(name string) map[string]bool {
	a, ok := t.anchors[name]
	if ok {
		return a
	}
	if b, err := t.source.ReadFile(name); err == nil && checkText(b) == nil {
		if fm, perr := yamldoc.SplitFrontMatter(yamldoc.Normalize(b)); perr == nil {
			a = markdown.Parse(fm.Body, fm.BodyLine).Anchors
		}
	}
	t.anchors[name] = a
	return a
}

// lineCount returns the number of lines of a text file, -1 when it cannot
// be read (a directory, a file over the size limit, binary data).
func (t *linkTargets) lineCount(name string) int {
	n, ok := t.lines[name]
	if ok {
		return n
	}
	n = -1
	if b, err := t.source.ReadFile(name); err == nil && checkText(b) == nil {
		n = bytes.Count(b, []byte{'\n'})
		if len(b) > 0 && b[len(b)-1] != '\n' {
			n++
		}
	}
	t.lines[name] = n
	return n
}
