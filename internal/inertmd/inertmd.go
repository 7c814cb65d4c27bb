// Package inertmd checks, for tests, that a Markdown document handover
// wrote holds nothing a repository value could have made active: it parses
// the document as GitHub does (CommonMark with GitHub's tables,
// strikethrough and bare-address autolinks) with goldmark and reports raw
// HTML, images, links other than handover's own, and @mentions.
package inertmd

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// mention is an @mention as GitHub finds it in rendered text: "@" after
// the start or a character that is not a letter, digit or "_", then a
// letter or digit (a user, an organisation, @org/team, @everyone).
var mention = regexp.MustCompile(`(^|[^A-Za-z0-9_])@[A-Za-z0-9]`)

// Doc is a parsed document.
type Doc struct {
	// Problems lists what is active: raw HTML, images, links whose
	// destination the caller did not allow, mentions.
	Problems []string
	// Headings are the texts of the headings, in order: a value that
	// forged one shows as an extra heading.
	Headings []string
}

// Parse parses doc; link reports whether a link or autolink destination
// is one the document's writer put there.
func Parse(doc []byte, link func(dest string) bool) Doc {
	var d Doc
	root := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(doc))
	var block strings.Builder // the text of the current leaf block, for mentions
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			if entering {
				d.Problems = append(d.Problems, fmt.Sprintf("raw HTML %q", nodeText(n, doc)))
			}
		case *ast.Image:
			if entering {
				d.Problems = append(d.Problems, fmt.Sprintf("image %q", n.Destination))
			}
		case *ast.Link:
			if entering && !link(string(n.Destination)) {
				d.Problems = append(d.Problems, fmt.Sprintf("link to %q", n.Destination))
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if entering && !link(string(n.URL(doc))) {
				d.Problems = append(d.Problems, fmt.Sprintf("autolink to %q", n.URL(doc)))
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				block.Write(n.Value(doc))
			}
		case *ast.String:
			if entering {
				block.Write(n.Value)
			}
		}
		if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
			if entering {
				block.Reset()
				return ast.WalkContinue, nil
			}
			if m := mention.FindString(block.String()); m != "" {
				d.Problems = append(d.Problems, fmt.Sprintf("mention %q in %q", m, block.String()))
			}
			if n.Kind() == ast.KindHeading {
				d.Headings = append(d.Headings, block.String())
			}
		}
		return ast.WalkContinue, nil
	})
	return d
}

func nodeText(n ast.Node, doc []byte) string {
	var b strings.Builder
	if lines := n.Lines(); lines != nil {
		for i := range lines.Len() {
			seg := lines.At(i)
			b.Write(seg.Value(doc))
		}
	}
	if raw, ok := n.(*ast.RawHTML); ok {
		for i := range raw.Segments.Len() {
			seg := raw.Segments.At(i)
			b.Write(seg.Value(doc))
		}
	}
	return b.String()
}
