package lint

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/handover-dev/handover/lint/history"
)

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
		ws.Repo, err = history.OpenURL(ctx, target, history.CloneOptions{
			Ref: opts.Ref, Token: opts.Token, TokenHosts: history.TokenHosts(opts.TokenHosts...), Progress: opts.Progress,
		})
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
	if opts.Ref != "" && !ws.Repo.IsClone() {
		if ws.Head, err = ws.Repo.Resolve(opts.Ref); err != nil {
			return fmt.Errorf("--ref %s: %v", opts.Ref, err)
		}
	} else if ws.Head, err = ws.Repo.Head(); err != nil && !errors.Is(err, history.ErrNoCommits) {
		// A clone has detached HEAD at --ref already: a relative ref
		// (HEAD~1) resolved again would step back twice. Only an unborn
		// branch has no commits; a HEAD git calls broken must not pass as
		// one, with history silently skipped.
		return fmt.Errorf("cannot read the git repository at %s: %w", cmp.Or(ws.URL, target), err)
	}
	if opts.Ref != "" || ws.URL != "" || ws.Repo.Bare() {
		// No work tree to read, or not the one asked for: read the commit.
		if ws.Head == "" {
			return fmt.Errorf("%s has no commits yet: there is nothing to check", cmp.Or(ws.URL, target))
		}
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
