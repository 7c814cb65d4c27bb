package lint

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/handover-dev/handover/lint/history"
	"github.com/handover-dev/handover/schemas"
)

// Options are the inputs of a check besides the repository.
type Options struct {
	// Dir overrides the config's handover folder.
	Dir string
	// Config is an explicit configuration file on disk; "" reads .handover.yml.
	Config string
	// Ref checks a commit's tree instead of the working tree.
	Ref string
	// Base enables pr-drift against the merge base of Base and HEAD.
	Base string
	// Now is the time to compute ages against.
	Now time.Time
	// Token authenticates clones of https URLs.
	Token string
	// Progress receives clone progress; nil for none.
	Progress io.Writer
}

// Workspace is an opened repository (or plain directory) to check.
type Workspace struct {
	// Root is the checked path as the user gave it ("." by default), or ""
	// for a clone.
	Root string
	// URL is the redacted clone URL, "" for a local path.
	URL string
	// Repo is the git repository, nil when the path is not in one.
	Repo *history.Repo
	// Head is the commit checked (HEAD, or --ref), "" without a repository
	// or before the first commit.
	Head    string
	Shallow bool
	Source  Source
}

// Open opens target, a local path or an https:// or file:// URL, which is
// cloned into a temporary directory that Close removes.
func Open(ctx context.Context, target string, opts Options) (*Workspace, error) {
	if target == "" {
		target = "."
	}
	ws := &Workspace{Root: target}
	var err error
	if history.IsRemote(target) {
		ws.Root, ws.URL = "", history.Redact(target)
		ws.Repo, err = history.Clone(ctx, target, history.CloneOptions{Ref: opts.Ref, Token: opts.Token, Progress: opts.Progress})
		if err != nil {
			return nil, err
		}
	} else {
		fi, statErr := os.Stat(target)
		if statErr != nil {
			return nil, fmt.Errorf("cannot check %s: %w", target, unwrapPathError(statErr))
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("cannot check %s: not a directory; give the repository's root folder", target)
		}
		ws.Repo, err = history.Open(target)
		if errors.Is(err, history.ErrNotRepository) {
			ws.Repo = nil
		} else if err != nil {
			return nil, fmt.Errorf("cannot open the git repository at %s: %w", target, err)
		}
	}
	if err := ws.init(target, opts); err != nil {
		ws.Close()
		return nil, err
	}
	return ws, nil
}

func (ws *Workspace) init(target string, opts Options) error {
	if ws.Repo == nil {
		if opts.Ref != "" {
			return fmt.Errorf("--ref %s needs a git repository, and %s is not in one", opts.Ref, target)
		}
		abs, _ := filepath.Abs(target)
		src, err := newDirSource(abs, nil)
		ws.Source = src
		return err
	}
	shallow, err := ws.Repo.Shallow()
	if err != nil {
		return err
	}
	ws.Shallow = shallow
	rev := cmp.Or(opts.Ref, "HEAD")
	head, err := ws.Repo.Resolve(rev)
	switch {
	case err != nil && opts.Ref != "":
		return fmt.Errorf("--ref %s: %v", opts.Ref, err)
	case err == nil:
		ws.Head = head
	}
	if opts.Ref != "" || ws.URL != "" {
		tree, err := ws.Repo.Tree(ws.Head)
		if err != nil {
			return err
		}
		ws.Source = &treeSource{tree: tree}
		return nil
	}
	src, err := newDirSource(ws.Repo.Root(), ws.Repo)
	ws.Source = src
	return err
}

// Name is the repository's name for titles and portfolio rows: the last
// part of the URL checked or of the origin remote's URL, without ".git",
// else the name of the folder checked.
func (ws *Workspace) Name() string {
	remote := ws.URL
	if remote == "" && ws.Repo != nil {
		remote = ws.Repo.OriginURL()
	}
	if name := repoNameFromURL(remote); name != "" {
		return name
	}
	dir := ws.Root
	if ws.Repo != nil {
		dir = ws.Repo.Root()
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return filepath.Base(dir)
}

// repoNameFromURL returns "shop" for https://github.com/acme/shop.git,
// git@github.com:acme/shop.git or /srv/git/shop, "" when there is none.
func repoNameFromURL(u string) string {
	u = strings.TrimRight(strings.ReplaceAll(u, `\`, "/"), "/")
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	u = strings.TrimSuffix(u, ".git")
	if i := strings.LastIndexAny(u, "/:"); i >= 0 {
		u = u[i+1:]
	}
	if u == "." || u == ".." {
		return ""
	}
	return u
}

// Close releases the workspace and removes a clone.
func (ws *Workspace) Close() error {
	if ws.Repo != nil {
		return ws.Repo.Close()
	}
	return nil
}

// Check lints the workspace. The error is for usage, config, I/O and git
// problems (exit code 2); everything about the documents is a finding.
func Check(ws *Workspace, opts Options) (*Result, error) {
	cfg, err := LoadConfig(ws.Source, opts.Config, os.ReadFile)
	if err != nil {
		return nil, err
	}
	if opts.Dir != "" {
		cfg.Dir = filepathToSlash(opts.Dir)
		if path.IsAbs(cfg.Dir) || cfg.Dir == ".." || strings.HasPrefix(cfg.Dir, "../") {
			return nil, fmt.Errorf("--dir %s leaves the repository: give the handover folder relative to the repository root, such as docs/handover", opts.Dir)
		}
	}
	validators, err := loadValidators(cfg, ws.Source)
	if err != nil {
		return nil, err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	pass := &Pass{
		Folder: loadFolder(ws.Source, cfg, validators),
		Config: cfg, Now: now, Source: ws.Source, Repo: ws.Repo, Head: ws.Head,
		HistoryOK: ws.Repo != nil && ws.Head != "" && !ws.Shallow, Shallow: ws.Shallow,
	}
	if team := pass.Doc("team"); team != nil && team.Data != nil {
		pass.Team = members(team)
	}
	if opts.Base != "" {
		if ws.Repo == nil {
			return nil, fmt.Errorf("--base %s needs a git repository", opts.Base)
		}
		if pass.Base, err = ws.Repo.Resolve(opts.Base); err != nil {
			return nil, fmt.Errorf("--base %s: %v", opts.Base, err)
		}
		if ws.Head != "" {
			pass.Changed, pass.changedErr = ws.Repo.ChangedFiles(pass.Base, ws.Head)
		}
	}
	if pass.HistoryOK {
		if err := attachHistory(pass); err != nil {
			return nil, err
		}
	}
	var findings []Finding
	for _, r := range Rules() {
		rc := cfg.Rules[r.ID]
		if rc.Off || (r.History && !pass.HistoryOK) {
			continue
		}
		var got []Finding
		pass.rule, pass.findings = r, &got
		r.Check(pass)
		sev := cmp.Or(rc.Severity, r.Severity)
		for _, f := range got {
			f.Severity = sev
			if f.Doc == "" {
				f.Doc = kindOf(pass.Folder, f.Path)
			}
			if !pass.Folder.silenced(f) {
				findings = append(findings, f)
			}
		}
	}
	SortFindings(findings)
	res := newResult(ws, pass, findings)
	sanitize(res, pass.Folder)
	return res, nil
}

func filepathToSlash(p string) string {
	return strings.TrimSuffix(filepath.ToSlash(filepath.Clean(p)), "/")
}

// kindOf returns the kind whose document is at path, or "".
func kindOf(f *Folder, path string) string {
	for kind, c := range f.Candidates {
		if slices.Contains(c, path) {
			return kind
		}
	}
	return ""
}

// silenced reports whether a handover-disable-next-line comment on the
// line above the finding names its rule.
func (f *Folder) silenced(fd Finding) bool {
	for _, file := range f.Files {
		if file.Path == fd.Path {
			return slices.Contains(file.disabled[fd.Line], fd.Rule)
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(kindOrder(a), kindOrder(b)), cmp.Compare(a, b))
	})
	return keys
}

func kindOrder(k string) int {
	if i := slices.Index(schemas.Kinds, k); i >= 0 {
		return i
	}
	return len(schemas.Kinds)
}
