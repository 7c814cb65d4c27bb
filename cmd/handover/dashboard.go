package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/handover-dev/handover/internal/github"
	"github.com/handover-dev/handover/lint"
	"github.com/handover-dev/handover/lint/report"
)

// dashboardLabel is the label of the dashboard issue: the command lists
// the open issues with it to find its own.
const dashboardLabel = "handover"

// githubFlags are the flags dashboard and comment share: check's
// --dir, --config and --now, and where on GitHub to write.
type githubFlags struct {
	dir, config, now, repo string
	dryRun                 bool
}

func (f *githubFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dir, "dir", "", "the handover folder `DIR`, relative to the repository root (default from config, else handover)")
	fs.StringVar(&f.config, "config", "", "configuration `FILE` (default .handover.yml at the repository root)")
	fs.StringVar(&f.now, "now", "", "the `DATE` to check against, YYYY-MM-DD or RFC 3339 (default: now)")
	fs.StringVar(&f.repo, "repo", "", "the GitHub repository `OWNER/NAME` (default $GITHUB_REPOSITORY)")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print the body and what would be done, without calling GitHub (no token needed)")
}

// setup checks the flags and returns the check's options, the repository
// and, unless this is a dry run, the client that writes to it. The options
// are check's (its --now, and its token from HANDOVER_TOKEN or
// GITHUB_TOKEN, for a clone), with no output format; the client writes
// with the same token to GITHUB_API_URL.
func (f *githubFlags) setup(command string) (lint.Options, string, *github.Client, error) {
	opts, err := (&checkFlags{dir: f.dir, config: f.config, now: f.now}).options([]string{""})
	if err != nil {
		return opts, "", nil, err
	}
	repo := f.repo
	if repo == "" {
		repo = os.Getenv("GITHUB_REPOSITORY")
	}
	switch {
	case repo == "" && f.dryRun:
		return opts, "", nil, nil
	case repo == "":
		return opts, "", nil, usageError{command + ": --repo OWNER/NAME is required (GITHUB_REPOSITORY is not set)"}
	}
	if _, _, err := github.ParseRepo(repo); err != nil {
		return opts, "", nil, usageError{command + ": " + err.Error()}
	}
	if f.dryRun {
		return opts, repo, nil, nil
	}
	if opts.Token == "" {
		return opts, repo, nil, usageError{fmt.Sprintf("%s: no token: set GITHUB_TOKEN (or HANDOVER_TOKEN) to a token that may write to %s, or use --dry-run", command, repo)}
	}
	client, err := github.New(github.Config{
		APIURL: os.Getenv("GITHUB_API_URL"), Token: opts.Token, Repo: repo,
		UserAgent: "handover/" + lint.Version,
	})
	return opts, repo, client, err
}

// inRepo is " of OWNER/NAME", or "" when the repository is not known (a
// dry run without --repo).
func inRepo(repo string) string {
	if repo == "" {
		return ""
	}
	return " of " + repo
}

func (c *cli) dashboardCommand(fs *flag.FlagSet) func(context.Context, []string) (int, error) {
	var gf githubFlags
	gf.register(fs)
	failOn := fs.String("fail-on", "warning", "keep the issue open while a finding is at least this `SEVERITY`: error, warning, info or never")
	return func(ctx context.Context, pos []string) (int, error) {
		threshold, err := parseFailOn(*failOn)
		if err != nil {
			return exitError, err
		}
		opts, repo, client, err := gf.setup("dashboard")
		if err != nil {
			return exitError, err
		}
		res, err := c.lint(ctx, pos, opts)
		if err != nil {
			return exitError, err
		}
		d := report.NewDashboard(res, threshold)
		if gf.dryRun {
			if d.Open {
				fmt.Fprintf(c.stderr, "dry run: findings at or above %s: would edit the open dashboard issue%s (label %s) to this body, or create it when there is none\n", *failOn, inRepo(repo), dashboardLabel)
			} else {
				fmt.Fprintf(c.stderr, "dry run: nothing at or above %s: would close the open dashboard issue%s, if there is one, with this body and the comment %q\n", *failOn, inRepo(repo), d.Closing)
			}
			_, err := fmt.Fprint(c.stdout, d.Body)
			return exitOK, err
		}
		done, err := client.SyncIssue(ctx, github.Issue{
			Title: report.DashboardTitle, Label: dashboardLabel, Marker: report.DashboardMarker,
			Body: d.Body, Open: d.Open, Closing: d.Closing,
		})
		if err != nil {
			return exitError, err
		}
		switch done.Action {
		case github.None:
			fmt.Fprintf(c.stdout, "nothing at or above %s, and no dashboard issue is open in %s\n", *failOn, repo)
		case github.Unchanged:
			fmt.Fprintf(c.stdout, "dashboard issue #%d is up to date: %s\n", done.Number, done.URL)
		default:
			fmt.Fprintf(c.stdout, "%s dashboard issue #%d: %s\n", done.Action, done.Number, done.URL)
		}
		return exitOK, nil
	}
}

func (c *cli) commentCommand(fs *flag.FlagSet) func(context.Context, []string) (int, error) {
	var gf githubFlags
	gf.register(fs)
	base := fs.String("base", "", "the pull request's base `REV` (branch or commit): readiness is compared at its merge base with HEAD")
	prFlag := fs.String("pr", "", "the pull request's `NUMBER`")
	return func(ctx context.Context, pos []string) (int, error) {
		pr, err := strconv.Atoi(*prFlag)
		switch {
		case *prFlag == "":
			return exitError, usageError{"comment: --pr NUMBER is required: the pull request to comment on"}
		case err != nil || pr <= 0:
			return exitError, usageError{fmt.Sprintf("comment: --pr %q: want the pull request's number, such as 42", *prFlag)}
		case *base == "":
			return exitError, usageError{"comment: --base REV is required: the pull request's base branch or commit, such as origin/main"}
		case len(pos) == 1 && strings.Contains(pos[0], "://"):
			return exitError, usageError{"comment: PATH is a checkout of the pull request, not a URL"}
		}
		opts, repo, client, err := gf.setup("comment")
		if err != nil {
			return exitError, err
		}
		opts.Base = *base
		head, err := c.lint(ctx, pos, opts)
		if err != nil {
			return exitError, err
		}
		was, err := c.lintMergeBase(ctx, pos, opts, head)
		if err != nil {
			fmt.Fprintf(c.stderr, "handover: readiness at the base is left out: %s\n", lint.Redact(err.Error()))
		}
		pc := report.NewPullComment(head, was)
		if gf.dryRun {
			action := "would edit its comment on pull request #%d%s, or create it"
			if !pc.Noteworthy {
				action = "nothing to show: would edit its comment on pull request #%d%s, if there is one, and create none"
			}
			fmt.Fprintf(c.stderr, "dry run: "+action+"\n", pr, inRepo(repo))
			_, err := fmt.Fprint(c.stdout, pc.Body)
			return exitOK, err
		}
		done, err := client.SyncComment(ctx, pr, github.Comment{Marker: report.CommentMarker, Body: pc.Body, Create: pc.Noteworthy})
		if err != nil {
			return exitError, err
		}
		switch done.Action {
		case github.None:
			fmt.Fprintf(c.stdout, "nothing to show on pull request #%d: no comment\n", pr)
		case github.Unchanged:
			fmt.Fprintf(c.stdout, "the comment on pull request #%d is up to date: %s\n", pr, done.URL)
		default:
			fmt.Fprintf(c.stdout, "%s the comment on pull request #%d: %s\n", done.Action, pr, done.URL)
		}
		return exitOK, nil
	}
}

// lintMergeBase checks the repository again at the merge base of the
// pull request's base and HEAD (head is the check of HEAD with --base),
// with the same folder, configuration and date.
func (c *cli) lintMergeBase(ctx context.Context, pos []string, opts lint.Options, head *lint.Result) (*lint.Result, error) {
	target := "."
	if len(pos) == 1 {
		target = pos[0]
	}
	ws, err := lint.Open(ctx, target, lint.Options{})
	if err != nil {
		return nil, err
	}
	if ws.Repo == nil {
		ws.Close()
		return nil, fmt.Errorf("%s is not a git repository", target)
	}
	mergeBase, err := ws.Repo.MergeBase(head.Repo.Base, head.Repo.Head)
	ws.Close()
	if err != nil {
		return nil, err
	}
	opts.Base, opts.Ref = "", mergeBase
	return c.lint(ctx, pos, opts)
}
