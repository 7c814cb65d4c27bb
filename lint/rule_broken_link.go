package lint

import (
	"errors"
	"io/fs"
	"net/url"
	"path"
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
for it, such as #known-issues) or an id of the target Markdown file. A
link may not leave the repository. Links with a scheme (https:, mailto:)
are not fetched: handover never uses the network.

Fix: correct the path or the anchor, or remove the link.`,
	Run: func(p *Pass) error {
		anchors := map[string]map[string]bool{}
		for _, f := range p.Folder.Files {
			if f.Markdown != nil {
				anchors[f.Path] = f.Markdown.Anchors
			}
		}
		for _, f := range p.Folder.Files {
			if f.Markdown == nil {
				continue
			}
			for _, l := range f.Markdown.Links {
				if msg := checkLink(p, f.Path, l.Dest, anchors); msg != "" {
					p.Report(At(f.Path, l.Line, l.Column, "%s", msg))
				}
			}
		}
		return nil
	},
}

// checkLink returns what is wrong with a link from file, or "".
func checkLink(p *Pass, file, dest string, anchors map[string]map[string]bool) string {
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
		if !exists(p, resolved) {
			return "link to " + dest + ": " + resolved + " does not exist; correct the path or remove the link"
		}
	}
	if fragment == "" || !strings.EqualFold(path.Ext(resolved), ".md") {
		return ""
	}
	a, ok := anchors[resolved]
	if !ok {
		a = readAnchors(p, resolved)
		anchors[resolved] = a
	}
	if a != nil && !a[strings.ToLower(fragment)] && !a[fragment] {
		return "link to " + dest + ": " + resolved + " has no heading with anchor #" + fragment + "; check the heading's spelling"
	}
	return ""
}

// exists reports whether a repository path is a file or a directory.
func exists(p *Pass, name string) bool {
	_, err := p.Source.ReadFile(name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return true
	}
	files, err := p.Source.Walk(name)
	return err == nil && len(files) > 0
}

// readAnchors parses a Markdown file outside the handover folder for its
// anchors; nil when it cannot be read.
func readAnchors(p *Pass, name string) map[string]bool {
	b, err := p.Source.ReadFile(name)
	if err != nil || checkText(b) != nil {
		return nil
	}
	fm, perr := yamldoc.SplitFrontMatter(yamldoc.Normalize(b))
	if perr != nil {
		return nil
	}
	return markdown.Parse(fm.Body, fm.BodyLine).Anchors
}
