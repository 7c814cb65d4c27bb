package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/handover-dev/handover/lint"
	"github.com/handover-dev/handover/lint/result"
	"github.com/handover-dev/handover/portfolio"
)

// portfolioEntry is the portfolio command's entry in the command table.
func portfolioEntry() *command {
	return &command{
		name: "portfolio", args: "LIST | merge …", maxArgs: math.MaxInt,
		summary: "many repositories on one page: check a list, or merge results made elsewhere",
		doc: `Portfolio checks every repository of LIST, a YAML list of entries with a path
(a local repository, relative to the list's folder) or a url (https:// or
file://, cloned into a temporary folder that is removed afterwards), and
optionally name, ref and dir; handover schema portfolio prints its schema.
Up to --jobs repositories are checked at once, all against the same --now.
A repository that cannot be checked is a row with the reason; the others
are still checked. The page lists one row per repository, lowest readiness
first: readiness and the six activities, errors and warnings, the stalest
document, the largest drift, the next vendor renewal, the handover date and
the end of the advisory period.

portfolio merge builds the same page from results made elsewhere, such as
the jobs of a GitHub Actions matrix: each file is the output of handover
check --format json (a row named by its repo.name) or of handover portfolio
--format json. Rows keep the day they were checked on; when they differ,
the page says so. Merging the results of single checks gives the page that
portfolio LIST gives for the same repositories and --now, byte for byte.

portfolio matrix prints LIST as the jobs of the GitHub Actions matrix of
the portfolio workflow (.github/workflows/portfolio.yml): JSON on one line,
at most 256 jobs, url entries only. A list named merge or matrix is
./merge or ./matrix.

Exit code 0: no finding at or above --fail-on; 1: findings at or above it,
or a repository that could not be checked; 2: a usage error or a list that
is not valid (file:line:col: what is wrong).`,
		examples: []string{
			"handover portfolio clients.yml --format html --output portfolio.html",
			"handover portfolio clients.yml --jobs 4 --now 2026-12-01 --fail-on never",
			"handover portfolio merge results/*.json >> \"$GITHUB_STEP_SUMMARY\"",
			"handover portfolio matrix clients.yml  # the workflow's matrix",
		},
		setup: (*cli).portfolioCommand,
	}
}

func (c *cli) portfolioCommand(fs *flag.FlagSet) func(context.Context, []string) (int, error) {
	formats := formatNames("portfolio")
	jobs := fs.Int("jobs", runtime.NumCPU(), "check at most `N` repositories at once, by default one per CPU")
	nowFlag := fs.String("now", "", "the `DATE` to check every repository against, YYYY-MM-DD or RFC 3339 (default: now)")
	formatFlag := fs.String("format", defaultFormat("portfolio"), "output `FORMAT`: "+strings.Join(formats, ", "))
	output := fs.String("output", "", "write to `FILE` (replaced whole, never through a symbolic link) instead of standard output")
	failOn := fs.String("fail-on", "error", "exit 1 when a repository has a finding at least this `SEVERITY` (error, warning, info or never), or could not be checked")
	return func(ctx context.Context, pos []string) (int, error) {
		threshold, err := parseFailOn(*failOn)
		if err != nil {
			return exitError, err
		}
		if !slices.Contains(formats, *formatFlag) {
			return exitError, unknownName("--format", *formatFlag, formats, true, "")
		}
		var p *result.Portfolio
		switch {
		case len(pos) == 0:
			return exitError, usageError{"portfolio: name a list file, such as handover portfolio clients.yml (handover portfolio -h)"}
		case pos[0] == "merge":
			if err := refuseFlags(fs, "merge", "the results were checked already, each on its own day", "jobs", "now"); err != nil {
				return exitError, err
			}
			if p, err = c.portfolioMerge(pos[1:]); err != nil {
				return exitError, err
			}
		case pos[0] == "matrix":
			if err := refuseFlags(fs, "matrix", "it prints the matrix as JSON on standard output", "jobs", "now", "format", "output", "fail-on"); err != nil {
				return exitError, err
			}
			return c.portfolioMatrix(pos[1:])
		case len(pos) > 1:
			return exitError, usageError{fmt.Sprintf("portfolio: one list file, not %d (handover portfolio -h)", len(pos))}
		default:
			opts := portfolio.Options{Jobs: *jobs, Now: time.Now(), Token: cmp.Or(os.Getenv("HANDOVER_TOKEN"), os.Getenv("GITHUB_TOKEN")), Hold: c.cleanup.hold}
			if isTerminal(c.stderr) {
				opts.Progress = c.stderr
			}
			if *jobs < 1 {
				return exitError, usageError{fmt.Sprintf("--jobs %d: want 1 or more repositories at once", *jobs)}
			}
			if *nowFlag != "" {
				if opts.Now, err = parseNow(*nowFlag); err != nil {
					return exitError, err
				}
			}
			entries, err := portfolio.ReadList(pos[0])
			if err != nil {
				return exitError, err
			}
			p = portfolio.Check(ctx, entries, opts)
		}
		page := outputs["portfolio"][slices.IndexFunc(outputs["portfolio"], func(f outputFormat) bool { return f.name == *formatFlag })].page
		if err := c.write(*output, func(w io.Writer) error { return page(w, p) }); err != nil {
			return exitError, err
		}
		return portfolioExitCode(p, threshold), nil
	}
}

// refuseFlags is a usage error when a flag of names was given to a mode
// of portfolio that does not take it, rather than ignoring it silently.
func refuseFlags(fs *flag.FlagSet, mode, why string, names ...string) error {
	var given []string
	fs.Visit(func(f *flag.Flag) {
		if slices.Contains(names, f.Name) {
			given = append(given, "--"+f.Name)
		}
	})
	if len(given) == 0 {
		return nil
	}
	return usageError{fmt.Sprintf("portfolio %s takes no %s: %s", mode, strings.Join(given, ", "), why)}
}

// portfolioMerge reads the results of portfolio merge.
func (c *cli) portfolioMerge(files []string) (*result.Portfolio, error) {
	if len(files) == 0 {
		return nil, usageError{"portfolio merge: name the result files, such as handover portfolio merge results/*.json (handover portfolio -h)"}
	}
	return portfolio.Merge(files)
}

// portfolioMatrix prints the list as the jobs of the portfolio workflow's
// matrix, on one line for $GITHUB_OUTPUT.
func (c *cli) portfolioMatrix(pos []string) (int, error) {
	if len(pos) != 1 {
		return exitError, usageError{"portfolio matrix: name one list file, such as handover portfolio matrix clients.yml"}
	}
	entries, err := portfolio.ReadList(pos[0])
	if err != nil {
		return exitError, err
	}
	jobs, err := portfolio.Matrix(pos[0], entries, cmp.Or(os.Getenv("GITHUB_SERVER_URL"), "https://github.com"))
	if err != nil {
		return exitError, err
	}
	b, err := json.Marshal(jobs)
	if err != nil {
		return exitError, err
	}
	_, err = fmt.Fprintf(c.stdout, "%s\n", b)
	return exitOK, err
}

// portfolioExitCode is 1 when a repository has a finding at or above
// threshold or could not be checked, else 0; never (0) is always 0.
func portfolioExitCode(p *result.Portfolio, threshold lint.Severity) int {
	if threshold == 0 {
		return exitOK
	}
	for _, repo := range p.Repositories {
		if repo.Result == nil || exitCode(repo.Result, threshold) == exitFindings {
			return exitFindings
		}
	}
	return exitOK
}
