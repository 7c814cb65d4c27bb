// Package github keeps handover's two places on GitHub up to date: the
// dashboard issue of a repository and the comment on a pull request. Each
// is one issue or one comment, found by the marker on the first line of
// its body and edited in place, so that running handover again never adds
// a second one.
//
// It speaks to GitHub's REST API through google/go-github. Rate limits and
// server errors are waited out within a bounded time; what cannot be
// waited out (a bad token, a repository that is not there, a missing
// permission) is an error that says what to fix. The token goes only into
// the Authorization header of requests to the API's own origin, never into
// a URL or a message.
package github

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	gh "github.com/google/go-github/v93/github"

	"github.com/handover-dev/handover/lint/report"
)

// DefaultAPIURL is GitHub's API; GitHub Enterprise Server's is
// https://HOST/api/v3 (GITHUB_API_URL in its workflows).
const DefaultAPIURL = "https://api.github.com"

// Config says where and how to reach GitHub.
type Config struct {
	// APIURL is the API's base URL ("" for DefaultAPIURL). It must be
	// https, except on the loopback interface (a test's fake API).
	APIURL string
	// Token authenticates every request. It is required.
	Token string
	// Repo is OWNER/NAME.
	Repo string
	// UserAgent names the program in requests.
	UserAgent string
	// Retry bounds the waits on rate limits and server errors.
	Retry Retry
}

// Retry bounds how long a call waits for GitHub when it is rate limited
// or failing.
type Retry struct {
	// Within is the most time one command spends waiting (default two
	// minutes). A rate limit that resets later is an error at once.
	Within time.Duration
	// First is the first wait after a server error (default one second);
	// each further wait doubles it.
	First time.Duration
	// Sleep waits d, or until ctx ends (default: a timer). Tests wait for
	// nothing.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the current time, against which a rate limit's reset time
	// is read (default time.Now).
	Now func() time.Time
}

// requestTimeout bounds one request, so that a server that never answers
// costs a retry rather than the whole run.
const requestTimeout = 30 * time.Second

// Client reaches one repository's issues.
type Client struct {
	api         *gh.Client
	owner, repo string
	token       string
	retry       Retry
}

var (
	ownerName = regexp.MustCompile(`^[A-Za-z0-9](-?[A-Za-z0-9])*$`)
	repoName  = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
)

// ParseRepo splits OWNER/NAME, and refuses anything GitHub would not take
// as a repository's name.
func ParseRepo(s string) (owner, name string, err error) {
	owner, name, ok := strings.Cut(s, "/")
	if !ok || len(owner) > 39 || !ownerName.MatchString(owner) || len(name) > 100 || !repoName.MatchString(name) || name == "." || name == ".." {
		return "", "", fmt.Errorf("--repo %q: want OWNER/NAME, such as acme/shop", s)
	}
	return owner, name, nil
}

// New returns a client of cfg.Repo.
func New(cfg Config) (*Client, error) {
	owner, name, err := ParseRepo(cfg.Repo)
	if err != nil {
		return nil, err
	}
	if cfg.Token == "" {
		return nil, errors.New("no token: set GITHUB_TOKEN or HANDOVER_TOKEN")
	}
	base, err := apiURL(cfg.APIURL)
	if err != nil {
		return nil, err
	}
	api, err := gh.NewClient(
		gh.WithHTTPClient(&http.Client{Timeout: requestTimeout}),
		gh.WithURLs(&base, &base),
		gh.WithAuthToken(cfg.Token),
		gh.WithUserAgent(cmp.Or(cfg.UserAgent, "handover")),
		// Waiting is this package's business, with its own clock and
		// bound: go-github would otherwise refuse requests until a reset
		// time read from the wall clock.
		gh.WithDisableRateLimitCheck(),
	)
	if err != nil {
		return nil, fmt.Errorf("GITHUB_API_URL %s: %v", base, err)
	}
	r := cfg.Retry
	r.Within = cmp.Or(r.Within, 2*time.Minute)
	r.First = cmp.Or(r.First, time.Second)
	if r.Sleep == nil {
		r.Sleep = sleep
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	return &Client{api: api, owner: owner, repo: name, token: cfg.Token, retry: r}, nil
}

// apiURL checks GITHUB_API_URL and returns it with the trailing slash
// go-github wants. The token goes to it, so it must be encrypted (https)
// unless it is this machine, and it may not carry credentials of its own.
func apiURL(s string) (string, error) {
	s = cmp.Or(s, DefaultAPIURL)
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("GITHUB_API_URL %q is not a URL such as %s", s, DefaultAPIURL)
	}
	if u.User != nil {
		u.User = nil
		return "", fmt.Errorf("GITHUB_API_URL %s holds credentials: remove them, and set the token in GITHUB_TOKEN or HANDOVER_TOKEN", u.Redacted())
	}
	loopback := u.Hostname() == "localhost"
	if ip := net.ParseIP(u.Hostname()); ip != nil {
		loopback = ip.IsLoopback()
	}
	if u.Scheme != "https" && !(u.Scheme == "http" && loopback) {
		return "", fmt.Errorf("GITHUB_API_URL %s: want https://, so that the token is not sent in the clear", u.Redacted())
	}
	u.RawQuery, u.Fragment = "", ""
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Action is what a sync did.
type Action string

// Actions.
const (
	Created   Action = "created"
	Edited    Action = "edited"
	Unchanged Action = "unchanged" // it exists and says what it should
	Closed    Action = "closed"
	None      Action = "none" // nothing to keep, and nothing there
)

// Done is the outcome of a sync.
type Done struct {
	Action Action
	// Number is the issue's (or pull request's) number, 0 for None.
	Number int
	// URL is the web address of the issue or comment, "" for None.
	URL string
}

// Issue is the one issue a repository keeps for handover: among its open
// issues with Label, the oldest whose body starts with Marker.
type Issue struct {
	Title, Label, Marker string
	// Body is what it should say; it starts with Marker.
	Body string
	// Open says whether it should be open. A closed issue is left
	// alone: when it should be open again, a new one is created.
	Open bool
	// Closing is the comment left when it is closed.
	Closing string
}

// SyncIssue makes the repository's issue what want says: created when it
// should be open and is not there, edited when its body differs, closed
// (with its body updated, then the closing comment) when it should not be
// open. An issue is edited in one request, so a failure leaves its old
// body whole.
func (c *Client) SyncIssue(ctx context.Context, want Issue) (Done, error) {
	if err := checkBody(want.Marker, want.Body); err != nil {
		return Done{}, err
	}
	return again(ctx, c, func(w *waiter) (Done, error) {
		found, err := c.findIssue(ctx, w, want.Label, want.Marker)
		switch {
		case err != nil:
			return Done{}, err
		case found == nil && !want.Open:
			return Done{Action: None}, nil
		case found == nil:
			created, _, err := do(ctx, c, w, http.MethodPost, "create the dashboard issue in "+c.repoName(), permIssues, func() (*gh.Issue, *gh.Response, error) {
				return c.api.Issues.Create(ctx, c.owner, c.repo, gh.CreateIssueRequest{Title: want.Title, Body: &want.Body, Labels: []string{want.Label}})
			})
			if err != nil {
				return Done{}, err
			}
			if !slices.ContainsFunc(created.Labels, func(l *gh.Label) bool { return strings.EqualFold(l.Name, want.Label) }) {
				return Done{}, fmt.Errorf("created issue #%d in %s, but GitHub dropped its label %s (only a token with push access may label a new issue): label it by hand, or the next run opens another", created.GetNumber(), c.repoName(), want.Label)
			}
			return Done{Action: Created, Number: created.GetNumber(), URL: created.GetHTMLURL()}, nil
		}
		done := Done{Action: Unchanged, Number: found.GetNumber(), URL: found.GetHTMLURL()}
		edit := gh.UpdateIssueRequest{}
		if found.GetBody() != want.Body {
			edit.Body = &want.Body
			done.Action = Edited
		}
		if !want.Open {
			edit.State, edit.StateReason = new("closed"), new("completed")
			done.Action = Closed
		}
		if done.Action == Unchanged {
			return done, nil
		}
		op := fmt.Sprintf("edit issue #%d of %s", done.Number, c.repoName())
		if _, _, err := do(ctx, c, w, http.MethodPatch, op, permIssues, func() (*gh.Issue, *gh.Response, error) {
			return c.api.Issues.Update(ctx, c.owner, c.repo, done.Number, edit)
		}); err != nil {
			return Done{}, err
		}
		if done.Action == Closed && want.Closing != "" {
			// Closed first: a failed comment must not leave the issue
			// open, and the next run finds nothing to comment on twice.
			op := fmt.Sprintf("comment on issue #%d of %s", done.Number, c.repoName())
			if _, _, err := do(ctx, c, w, http.MethodPost, op, permIssues, func() (*gh.IssueComment, *gh.Response, error) {
				return c.api.Issues.CreateComment(ctx, c.owner, c.repo, done.Number, gh.IssueCommentRequest{Body: want.Closing})
			}); err != nil {
				return Done{}, err
			}
		}
		return done, nil
	})
}

// findIssue returns the oldest open issue with label whose body starts
// with marker, reading every page of the repository's issue list (not the
// search API, whose index lags by minutes and would let a second run
// create a second issue). Pull requests, which the list includes, are
// skipped.
func (c *Client) findIssue(ctx context.Context, w *waiter, label, marker string) (*gh.Issue, error) {
	opts := &gh.IssueListByRepoOptions{State: "open", Labels: []string{label}, ListOptions: gh.ListOptions{PerPage: 100}}
	var found *gh.Issue
	err := pages(ctx, c, w, "list the open issues of "+c.repoName(), permIssues, &opts.ListOptions, func() ([]*gh.Issue, *gh.Response, error) {
		return c.api.Issues.ListByRepo(ctx, c.owner, c.repo, opts)
	}, func(i *gh.Issue) {
		if !i.IsPullRequest() && strings.HasPrefix(i.GetBody(), marker) && (found == nil || i.GetNumber() < found.GetNumber()) {
			found = i
		}
	})
	return found, err
}

// Comment is the one comment handover keeps on a pull request: the
// oldest whose body starts with Marker.
type Comment struct {
	Marker string
	// Body is what it should say; it starts with Marker.
	Body string
	// Create says to create it when it is not there; one that is there
	// is edited either way.
	Create bool
}

// SyncComment makes the comment on pull request pr what want says.
func (c *Client) SyncComment(ctx context.Context, pr int, want Comment) (Done, error) {
	if err := checkBody(want.Marker, want.Body); err != nil {
		return Done{}, err
	}
	return again(ctx, c, func(w *waiter) (Done, error) {
		found, err := c.findComment(ctx, w, pr, want.Marker)
		switch {
		case err != nil:
			return Done{}, err
		case found == nil && !want.Create:
			return Done{Action: None}, nil
		case found == nil:
			created, _, err := do(ctx, c, w, http.MethodPost, fmt.Sprintf("comment on pull request #%d of %s", pr, c.repoName()), permPulls, func() (*gh.IssueComment, *gh.Response, error) {
				return c.api.Issues.CreateComment(ctx, c.owner, c.repo, pr, gh.IssueCommentRequest{Body: want.Body})
			})
			if err != nil {
				return Done{}, err
			}
			return Done{Action: Created, Number: pr, URL: created.GetHTMLURL()}, nil
		case found.GetBody() == want.Body:
			return Done{Action: Unchanged, Number: pr, URL: found.GetHTMLURL()}, nil
		}
		op := fmt.Sprintf("edit the comment on pull request #%d of %s", pr, c.repoName())
		if _, _, err := do(ctx, c, w, http.MethodPatch, op, permPulls, func() (*gh.IssueComment, *gh.Response, error) {
			return c.api.Issues.UpdateComment(ctx, c.owner, c.repo, found.GetID(), gh.IssueCommentRequest{Body: want.Body})
		}); err != nil {
			return Done{}, err
		}
		return Done{Action: Edited, Number: pr, URL: found.GetHTMLURL()}, nil
	})
}

// findComment returns the oldest comment on pull request pr whose body
// starts with marker, reading every page.
func (c *Client) findComment(ctx context.Context, w *waiter, pr int, marker string) (*gh.IssueComment, error) {
	opts := &gh.IssueListCommentsOptions{ListOptions: gh.ListOptions{PerPage: 100}}
	var found *gh.IssueComment
	err := pages(ctx, c, w, fmt.Sprintf("list the comments of pull request #%d of %s", pr, c.repoName()), permPulls, &opts.ListOptions, func() ([]*gh.IssueComment, *gh.Response, error) {
		return c.api.Issues.ListComments(ctx, c.owner, c.repo, pr, opts)
	}, func(cm *gh.IssueComment) {
		if found == nil && strings.HasPrefix(cm.GetBody(), marker) {
			found = cm
		}
	})
	return found, err
}

// checkBody refuses a body the next run could not find, or that GitHub
// would not take.
func checkBody(marker, body string) error {
	if marker == "" || !strings.HasPrefix(body, marker) {
		return fmt.Errorf("the body does not start with its marker %q: the next run would not find it", marker)
	}
	if len(body) > report.BodyLimit {
		return fmt.Errorf("the body is %d bytes, over GitHub's limit of %d", len(body), report.BodyLimit)
	}
	return nil
}

func (c *Client) repoName() string { return c.owner + "/" + c.repo }

// pages reads every page of a list, from the first: list reads the page
// opts names, and visit sees each item.
func pages[T any](ctx context.Context, c *Client, w *waiter, op, perm string, opts *gh.ListOptions, list func() ([]T, *gh.Response, error), visit func(T)) error {
	opts.Page = 0
	for {
		items, resp, err := do(ctx, c, w, http.MethodGet, op, perm, list)
		if err != nil {
			return err
		}
		for _, item := range items {
			visit(item)
		}
		if resp == nil || resp.NextPage == 0 {
			return nil
		}
		opts.Page = resp.NextPage
	}
}
