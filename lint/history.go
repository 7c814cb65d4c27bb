package lint

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/handover-dev/handover/lint/history"
	"github.com/handover-dev/handover/lint/yamldoc"
)

// attachHistory fills every document's last change and drift in one pass
// over the history: one LastChanges walk for all documents, one DriftAll
// for all covers. In a partial clone it computes what the objects present
// allow and records the rest in p.NotComputed.
func attachHistory(p *Pass) error {
	var paths []string
	for _, d := range p.Docs() {
		paths = append(paths, d.Path)
	}
	last, err := p.Repo.LastChanges(p.Head, paths)
	if p.partialGap(err, "the documents' last changes and drift") {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading history: %w", err)
	}
	edited := p.editedInWorkTree()
	var queries []history.DriftQuery
	var queried []*Doc
	for _, d := range p.Docs() {
		d.LastChange = last[d.Path]
		d.Drift = &history.Drift{}
		covers := d.Fields.Covers
		if d.LastChange == nil || len(covers) == 0 || edited[d.Path] {
			continue
		}
		queries = append(queries, history.DriftQuery{Since: d.LastChange.Hash, Globs: covers})
		queried = append(queried, d)
	}
	if len(queries) == 0 {
		return nil
	}
	drifts, err := p.Repo.DriftAll(p.Head, queries)
	if p.partialGap(err, "drift") {
		for _, d := range queried {
			d.Drift = nil
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading history: %w", err)
	}
	for i, d := range queried {
		d.Drift = &drifts[i]
		if slices.ContainsFunc(drifts[i].Paths, func(s history.PathStat) bool { return s.Unread }) {
			p.notComputed("the line counts of drift")
		}
	}
	return nil
}

// partialGap reports whether err is an object a partial clone lacks, and
// then records what could not be computed.
func (p *Pass) partialGap(err error, what string) bool {
	var missing *history.MissingObjectError
	if !errors.As(err, &missing) || !missing.Partial {
		return false
	}
	p.notComputed(what)
	return true
}

// notComputed records, once, history that could not be computed, for
// shallow-history.
func (p *Pass) notComputed(what string) {
	if !slices.Contains(p.NotComputed, what) {
		p.NotComputed = append(p.NotComputed, what)
	}
}

// editedInWorkTree returns the documents that differ from their committed
// version: their author is updating them now, against the code as it is
// now, so a pre-commit run must not report drift the edit is fixing. Only
// a working tree has such edits; both sides are compared as loaded
// (normalised), so line-end conversion by git is not an edit.
func (p *Pass) editedInWorkTree() map[string]bool {
	edited := map[string]bool{}
	if _, ok := p.Source.(*dirSource); !ok {
		return edited
	}
	tree, err := p.Repo.Tree(p.Head)
	if err != nil {
		return edited
	}
	for _, f := range p.Folder.Files {
		if f.Doc == nil {
			continue
		}
		committed, err := tree.ReadFile(f.Path)
		edited[f.Path] = err != nil || !bytes.Equal(yamldoc.Normalize(committed), f.Text)
	}
	return edited
}
