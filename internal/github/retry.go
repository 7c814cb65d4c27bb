package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	gh "github.com/google/go-github/v93/github"
)

// The permissions each sync needs, as a workflow grants them.
const (
	permIssues = "Issues: read and write (in a workflow: permissions: issues: write)"
	permPulls  = "Pull requests: read and write (in a workflow: permissions: pull-requests: write)"
)

// waiter keeps the time one sync has spent waiting, so that all its
// calls together wait at most Retry.Within.
type waiter struct {
	retry  Retry
	waited time.Duration
	tries  int
}

// again runs one sync, from finding the issue or comment on, with a fresh
// waiter. When a create failed in a way that leaves unknown whether it
// happened (a server error or a broken connection on a POST), it waits
// and runs the sync again from the start, so that what was created is
// found rather than created twice.
func again(ctx context.Context, c *Client, sync func(*waiter) (Done, error)) (Done, error) {
	w := &waiter{retry: c.retry}
	for {
		done, err := sync(w)
		var unsure *unsureError
		if !errors.As(err, &unsure) {
			return done, err
		}
		if err := w.wait(ctx, c, unsure.op, unsure.perm, unsure.err, true); err != nil {
			return Done{}, err
		}
	}
}

// unsureError is a request that may or may not have taken effect.
type unsureError struct {
	op, perm string
	err      error
}

func (e *unsureError) Error() string { return e.err.Error() }

// do makes one request, with fn, and waits out rate limits and (for
// requests that can be repeated: GET and PATCH) server errors. op says
// what the request does and perm the permission it needs, for the error.
func do[T any](ctx context.Context, c *Client, w *waiter, method, op, perm string, fn func() (T, *gh.Response, error)) (T, *gh.Response, error) {
	repeatable := method != http.MethodPost
	for {
		out, resp, err := fn()
		if err == nil {
			return out, resp, nil
		}
		var zero T
		if !repeatable && unsure(err) {
			return zero, nil, &unsureError{op, perm, err}
		}
		if err := w.wait(ctx, c, op, perm, err, repeatable); err != nil {
			return zero, nil, err
		}
	}
}

// unsure reports an error after which a request may have taken effect:
// the server failed, or the connection did.
func unsure(err error) bool {
	var resp *gh.ErrorResponse
	if errors.As(err, &resp) {
		return resp.Response != nil && resp.Response.StatusCode >= 500
	}
	return noAnswer(err)
}

// noAnswer reports a request that got no answer: the connection failed or
// timed out (not because the run was interrupted).
func noAnswer(err error) bool {
	var uerr *url.Error
	return errors.As(err, &uerr) && !errors.Is(err, context.Canceled)
}

// wait waits before the request is tried again, or returns the error to
// give up with: err is not worth another try, or the wait would pass the
// bound.
func (w *waiter) wait(ctx context.Context, c *Client, op, perm string, err error, repeatable bool) error {
	d, ok := w.delay(err, repeatable)
	if !ok || w.waited+d > w.retry.Within {
		return c.explain(op, perm, err, w.waited)
	}
	w.tries++
	w.waited += d
	if serr := w.retry.Sleep(ctx, d); serr != nil {
		return serr
	}
	return nil
}

// delay is how long to wait before trying again after err, and whether
// to: until a rate limit resets, for as long as Retry-After says, or a
// doubling backoff after a server error.
func (w *waiter) delay(err error, repeatable bool) (time.Duration, bool) {
	backoff := w.retry.First << min(w.tries, 16)
	var rate *gh.RateLimitError
	var abuse *gh.AbuseRateLimitError
	var resp *gh.ErrorResponse
	switch {
	case errors.As(err, &rate):
		// The reset is a whole second; GitHub resets within it.
		return max(0, rate.Rate.Reset.Sub(w.retry.Now())) + time.Second, true
	case errors.As(err, &abuse):
		if abuse.RetryAfter != nil {
			return *abuse.RetryAfter, true
		}
		return backoff, true
	case errors.As(err, &resp):
		status := 0
		if resp.Response != nil {
			status = resp.Response.StatusCode
			if after, ok := retryAfter(resp.Response); ok && (status == http.StatusTooManyRequests || status == http.StatusForbidden) {
				return after, true
			}
		}
		switch {
		case status == http.StatusTooManyRequests:
			return backoff, true
		case status >= 500:
			return backoff, repeatable
		}
		return 0, false
	case noAnswer(err):
		return backoff, repeatable
	}
	return 0, false
}

// retryAfter reads a Retry-After header in seconds.
func retryAfter(r *http.Response) (time.Duration, bool) {
	s, err := strconv.Atoi(strings.TrimSpace(r.Header.Get("Retry-After")))
	if err != nil || s < 0 {
		return 0, false
	}
	return time.Duration(s) * time.Second, true
}

// explain turns a failed request into one line that says what failed and
// what to fix, and how long it waited before it gave up. It never holds
// the token.
func (c *Client) explain(op, perm string, err error, waited time.Duration) error {
	msg := c.message(op, perm, err, waited)
	return errors.New(strings.ReplaceAll(msg, c.token, "[token]"))
}

func (c *Client) message(op, perm string, err error, waitedFor time.Duration) string {
	var rate *gh.RateLimitError
	var abuse *gh.AbuseRateLimitError
	var resp *gh.ErrorResponse
	waited := ""
	if waitedFor > 0 {
		waited = fmt.Sprintf(" (still, after waiting %s)", waitedFor)
	}
	switch {
	case errors.As(err, &rate):
		reset := rate.Rate.Reset.UTC().Format("15:04 MST")
		return fmt.Sprintf("cannot %s: GitHub's API rate limit for this token is used up until %s%s: run again after that", op, reset, waited)
	case errors.As(err, &abuse):
		return fmt.Sprintf("cannot %s: GitHub's secondary rate limit (%s)%s: run again in a few minutes", op, oneLine(abuse.Message), waited)
	case errors.As(err, &resp):
		status := 0
		if resp.Response != nil {
			status = resp.Response.StatusCode
		}
		answer := fmt.Sprintf("%d %s", status, oneLine(resp.Message))
		switch {
		case status == http.StatusUnauthorized:
			return fmt.Sprintf("cannot %s: GitHub refused the token (%s): set GITHUB_TOKEN or HANDOVER_TOKEN to a valid token", op, answer)
		case status == http.StatusNotFound:
			check := "--repo (or GITHUB_REPOSITORY)"
			if perm == permPulls {
				check += " and --pr"
			}
			return fmt.Sprintf("cannot %s: GitHub answered %s: check %s, and that the token can see %s; it needs %s", op, answer, check, c.repoName(), perm)
		case status == http.StatusForbidden:
			return fmt.Sprintf("cannot %s: GitHub answered %s: the token needs %s", op, answer, perm)
		case status == http.StatusGone:
			return fmt.Sprintf("cannot %s: GitHub answered %s: issues are turned off in %s; turn them on in its settings", op, answer, c.repoName())
		case status == http.StatusTooManyRequests:
			return fmt.Sprintf("cannot %s: GitHub answered %s%s: run again in a few minutes", op, answer, waited)
		case status >= 500:
			return fmt.Sprintf("cannot %s: GitHub answered %s%s: nothing was changed by this request; run again later", op, answer, waited)
		}
		for _, e := range resp.Errors {
			if e.Message != "" {
				answer += "; " + oneLine(e.Message)
			} else if e.Field != "" {
				answer += fmt.Sprintf("; %s %s", e.Field, e.Code)
			}
		}
		return fmt.Sprintf("cannot %s: GitHub answered %s", op, answer)
	}
	return fmt.Sprintf("cannot %s: %v%s", op, err, waited)
}

// oneLine is a server's message on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
