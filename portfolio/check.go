package portfolio

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/handover-dev/handover/lint"
	"github.com/handover-dev/handover/lint/result"
)

// Options are the inputs of a portfolio check besides the list.
type Options struct {
	// Jobs is how many repositories are checked at once; 0 is the number
	// of CPUs.
	Jobs int
	// Now is the time every repository is checked against.
	Now time.Time
	// Token authenticates clones of https URLs.
	Token string
	// Progress, when set, gets a line as each repository is done: a
	// portfolio of clones takes minutes.
	Progress io.Writer
	// Hold registers a workspace's Close with the caller's interrupt
	// handling (so that an interrupt removes every clone) and returns
	// the function that closes it on the ordinary path. nil closes it
	// only on the ordinary path.
	Hold func(close func() error) (release func(), err error)
}

// Check checks every entry, opts.Jobs at a time, each in its own
// workspace, which is closed (a clone removed) as soon as its check ends.
// A repository that cannot be checked is a row with the one-line reason;
// the others are still checked. Rows are in the order of the list.
func Check(ctx context.Context, entries []Entry, opts Options) *result.Portfolio {
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	p := &result.Portfolio{
		Version:      1,
		Now:          opts.Now.UTC().Format(time.DateOnly),
		Repositories: make([]result.Repository, len(entries)),
	}
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range min(jobs, len(entries)) {
		wg.Go(func() {
			for i := range next {
				row := checkEntry(ctx, entries[i], opts)
				p.Repositories[i] = row
				if opts.Progress != nil {
					mu.Lock()
					done++
					fmt.Fprintf(opts.Progress, "handover: %d of %d checked: %s%s\n", done, len(entries), row.Name, failed(row))
					mu.Unlock()
				}
			}
		})
	}
	for i := range entries {
		next <- i
	}
	close(next)
	wg.Wait()
	return p
}

// failed is what progress adds for a repository that could not be
// checked.
func failed(row result.Repository) string {
	if row.Result == nil {
		return " (could not be checked: " + row.Error + ")"
	}
	return ""
}

// checkEntry checks one repository. Its result goes through JSON and back,
// so that a row made here is exactly the row `portfolio merge` reads from
// the output of `handover check --format json`.
func checkEntry(ctx context.Context, e Entry, opts Options) result.Repository {
	row := result.Repository{Name: e.Title(), Target: lint.Redact(e.Target())}
	res, err := checkOne(ctx, e, opts)
	if err == nil {
		res, err = roundTrip(res)
	}
	if err != nil {
		row.Error = oneLine(err)
		return row
	}
	return fromResult(res, e.Name)
}

func checkOne(ctx context.Context, e Entry, opts Options) (*result.Result, error) {
	lopts := lint.Options{Dir: e.Dir, Ref: e.Ref, Now: opts.Now, Token: opts.Token}
	ws, err := lint.Open(ctx, e.Target(), lopts)
	if err != nil {
		return nil, err
	}
	release := func() { ws.Close() }
	if opts.Hold != nil {
		if release, err = opts.Hold(ws.Close); err != nil {
			return nil, err
		}
	}
	defer release()
	return lint.Check(ws, lopts)
}

// fromResult is the row of a check result: named name, else by the
// result; its target is the URL checked, else the path.
func fromResult(res *result.Result, name string) result.Repository {
	return result.Repository{
		Name:   cmp.Or(name, res.Repo.Name),
		Target: cmp.Or(res.Repo.URL, res.Repo.Root),
		Result: res,
	}
}

func roundTrip(res *result.Result) (*result.Result, error) {
	b, err := json.Marshal(res)
	if err != nil {
		return nil, err
	}
	var back result.Result
	if err := json.Unmarshal(b, &back); err != nil {
		return nil, err
	}
	return &back, nil
}

// oneLine is an error as handover prints one on standard error: one line,
// credentials and control characters redacted.
func oneLine(err error) string {
	return lint.Redact(strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " "))
}
