package github

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handover-dev/handover/internal/github/githubtest"
)

// token is what the fake accepts. It does not look like a credential, so
// that no redaction of credential-shaped strings can hide a leak of it.
const token = "handover-test-secret-7f3a9c"

const marker = "<!-- handover:dashboard -->"

// clock is the time a test client sees: the fake server's clock plus
// every wait, which it records instead of waiting.
type clock struct {
	start time.Time
	waits []time.Duration
}

func (c *clock) now() time.Time {
	t := c.start
	for _, d := range c.waits {
		t = t.Add(d)
	}
	return t
}

func (c *clock) sleep(_ context.Context, d time.Duration) error {
	c.waits = append(c.waits, d)
	return nil
}

func newFake(t *testing.T) *githubtest.Server {
	t.Helper()
	s := githubtest.NewServer("acme", "shop", token)
	t.Cleanup(s.Close)
	return s
}

func newClient(t *testing.T, s *githubtest.Server) (*Client, *clock) {
	t.Helper()
	clk := &clock{start: s.Now()}
	c, err := New(Config{APIURL: s.URL, Token: token, Repo: "acme/shop", Retry: Retry{Sleep: clk.sleep, Now: clk.now}})
	if err != nil {
		t.Fatal(err)
	}
	return c, clk
}

func issue(body string, open bool) Issue {
	return Issue{Title: "Handover dashboard", Label: "handover", Marker: marker, Body: marker + "\n" + body, Open: open, Closing: "All clear."}
}

func sync(t *testing.T, c *Client, want Issue) Done {
	t.Helper()
	done, err := c.SyncIssue(t.Context(), want)
	if err != nil {
		t.Fatal(err)
	}
	return done
}

// TestIssueLifecycle: created with the label when something is wrong,
// left alone when nothing changed, edited in place, closed with a comment
// when clean; a closed issue is not reopened: the next time, a new one.
func TestIssueLifecycle(t *testing.T) {
	s := newFake(t)
	c, _ := newClient(t, s)

	if done := sync(t, c, issue("clean", false)); done.Action != None {
		t.Errorf("clean, no issue: %v, want none", done)
	}
	done := sync(t, c, issue("3 findings", true))
	if done.Action != Created || done.Number != 1 || done.URL != "https://github.com/acme/shop/issues/1" {
		t.Errorf("first run: %+v, want issue #1 created", done)
	}
	writes := s.Writes()
	if done := sync(t, c, issue("3 findings", true)); done.Action != Unchanged {
		t.Errorf("same body: %v, want unchanged", done.Action)
	}
	if s.Writes() != writes {
		t.Errorf("a run with the same body wrote %d times", s.Writes()-writes)
	}
	if done := sync(t, c, issue("2 findings", true)); done.Action != Edited || done.Number != 1 {
		t.Errorf("new body: %+v, want #1 edited", done)
	}
	if done := sync(t, c, issue("clean now", false)); done.Action != Closed || done.Number != 1 {
		t.Errorf("clean: %+v, want #1 closed", done)
	}
	if done := sync(t, c, issue("clean now", false)); done.Action != None {
		t.Errorf("clean again: %v, want none", done.Action)
	}
	if done := sync(t, c, issue("1 finding", true)); done.Action != Created || done.Number != 2 {
		t.Errorf("findings again: %+v, want a new issue #2", done)
	}

	issues := s.Issues()
	if len(issues) != 2 {
		t.Fatalf("%d issues, want 2", len(issues))
	}
	first := issues[0]
	if first.State != "closed" || first.StateReason != "completed" || first.Body != marker+"\nclean now" || first.Title != "Handover dashboard" ||
		!slices.Equal(first.Labels, []string{"handover"}) {
		t.Errorf("closed issue: %+v", first)
	}
	if len(first.Comments) != 1 || first.Comments[0].Body != "All clear." {
		t.Errorf("closing comments: %+v, want the one closing comment", first.Comments)
	}
	if issues[1].State != "open" || issues[1].Body != marker+"\n1 finding" {
		t.Errorf("second issue: %+v", issues[1])
	}
}

// TestFindsIssueOnLaterPage: the dashboard issue is the oldest of 130
// labelled issues, so it is on the second page of the list; it is found
// and edited, and the labelled issues without the marker (one of them
// quoting it in the middle of its body) and a labelled pull request
// starting with it are left alone.
func TestFindsIssueOnLaterPage(t *testing.T) {
	s := newFake(t)
	dashboard := s.AddIssue("Handover dashboard", marker+"\nold", false, "handover")
	for i := range 130 {
		s.AddIssue(fmt.Sprintf("Question %d", i), "How does the dashboard work? It starts with "+marker, false, "handover", "question")
	}
	pr := s.AddIssue("Edit the dashboard", marker+"\nfrom a pull request", true, "handover")
	c, _ := newClient(t, s)

	done := sync(t, c, issue("new", true))
	if done.Action != Edited || done.Number != dashboard {
		t.Fatalf("%+v, want #%d edited", done, dashboard)
	}
	var pages []string
	for _, r := range s.Requests() {
		if r.Method == http.MethodGet {
			pages = append(pages, r.URL)
		}
	}
	want := []string{
		"/repos/acme/shop/issues?labels=handover&per_page=100&state=open",
		"/repos/acme/shop/issues?labels=handover&page=2&per_page=100&state=open",
	}
	if !slices.Equal(pages, want) {
		t.Errorf("list requests %q, want %q", pages, want)
	}
	for _, i := range s.Issues() {
		switch {
		case i.Number == dashboard:
			if i.Body != marker+"\nnew" {
				t.Errorf("dashboard body %q", i.Body)
			}
		case i.Number == pr:
			if i.Body != marker+"\nfrom a pull request" {
				t.Errorf("the pull request was edited: %q", i.Body)
			}
		case !strings.HasPrefix(i.Body, "How does"):
			t.Errorf("issue #%d without the marker was edited: %q", i.Number, i.Body)
		}
	}
	if len(s.Issues()) != 132 {
		t.Errorf("%d issues, want the 132 there were", len(s.Issues()))
	}
}

// TestIgnoresLookalikes: an issue with the label but without the marker
// first, an issue with the marker but without the label, and a pull
// request with both are not the dashboard: a new issue is created, and
// they are not touched.
func TestIgnoresLookalikes(t *testing.T) {
	s := newFake(t)
	s.AddIssue("Notes", "We keep a dashboard.\n"+marker, false, "handover")
	s.AddIssue("Unlabelled", marker+"\nold", false)
	s.AddIssue("PR", marker+"\nold", true, "handover")
	c, _ := newClient(t, s)
	if done := sync(t, c, issue("new", true)); done.Action != Created || done.Number != 4 {
		t.Fatalf("%+v, want #4 created", done)
	}
	for _, i := range s.Issues()[:3] {
		if strings.HasSuffix(i.Body, "new") || len(i.Comments) > 0 {
			t.Errorf("lookalike #%d was touched: %+v", i.Number, i)
		}
	}
}

func TestCommentLifecycle(t *testing.T) {
	s := newFake(t)
	pr := s.AddIssue("Add billing", "", true)
	for i := range 40 {
		s.AddComment(pr, fmt.Sprintf("LGTM %d", i))
	}
	c, _ := newClient(t, s)
	comment := func(body string, create bool) Done {
		t.Helper()
		done, err := c.SyncComment(t.Context(), pr, Comment{Marker: "<!-- handover:comment -->", Body: "<!-- handover:comment -->\n" + body, Create: create})
		if err != nil {
			t.Fatal(err)
		}
		return done
	}
	if done := comment("nothing to say", false); done.Action != None {
		t.Errorf("nothing to say and no comment: %v, want none", done.Action)
	}
	done := comment("71% to 78%", true)
	if done.Action != Created || !strings.HasPrefix(done.URL, "https://github.com/acme/shop/pull/1#issuecomment-") {
		t.Errorf("%+v, want a comment created", done)
	}
	for i := range 40 {
		s.AddComment(pr, fmt.Sprintf("more review %d", i))
	}
	if done := comment("71% to 78%", true); done.Action != Unchanged {
		t.Errorf("same body: %v, want unchanged", done.Action)
	}
	if done := comment("71% to 80%", true); done.Action != Edited {
		t.Errorf("new body: %v, want edited", done.Action)
	}
	// A comment that exists is brought up to date even with nothing to say.
	if done := comment("nothing to say any more", false); done.Action != Edited {
		t.Errorf("nothing to say, a comment there: %v, want edited", done.Action)
	}
	var ours []string
	for _, cm := range s.Issues()[0].Comments {
		if strings.HasPrefix(cm.Body, "<!-- handover:comment -->") {
			ours = append(ours, cm.Body)
		}
	}
	if !slices.Equal(ours, []string{"<!-- handover:comment -->\nnothing to say any more"}) {
		t.Errorf("handover's comments: %q, want one, edited", ours)
	}
}

// TestRetries: each kind of refusal GitHub gives under load is waited out
// as GitHub asks (until the reset, Retry-After) or with a doubling
// backoff, and the sync then succeeds.
func TestRetries(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault githubtest.Fault
		waits []time.Duration
	}{
		{"primary rate limit (403)", githubtest.Fault{Status: 403, RateLimited: true, ResetIn: 30 * time.Second, Times: 1}, []time.Duration{31 * time.Second}},
		{"primary rate limit (429)", githubtest.Fault{Status: 429, RateLimited: true, ResetIn: 5 * time.Second, Times: 1}, []time.Duration{6 * time.Second}},
		{"secondary rate limit", githubtest.Fault{Status: 403, Secondary: true, RetryAfter: "7", Times: 2}, []time.Duration{7 * time.Second, 7 * time.Second}},
		{"429 with Retry-After", githubtest.Fault{Status: 429, RetryAfter: "3", Times: 1}, []time.Duration{3 * time.Second}},
		{"429 without Retry-After", githubtest.Fault{Status: 429, Times: 2}, []time.Duration{time.Second, 2 * time.Second}},
		{"server errors on the list", githubtest.Fault{Method: "GET", Status: 502, Times: 3}, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}},
		{"server error on the edit", githubtest.Fault{Method: "PATCH", Status: 500, Times: 1}, []time.Duration{time.Second}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newFake(t)
			s.AddIssue("Handover dashboard", marker+"\nold", false, "handover")
			c, clk := newClient(t, s)
			s.Fail(tc.fault)
			done := sync(t, c, issue("new", true))
			if done.Action != Edited {
				t.Errorf("%+v, want edited", done)
			}
			if !slices.Equal(clk.waits, tc.waits) {
				t.Errorf("waited %v, want %v", clk.waits, tc.waits)
			}
			if s.Issues()[0].Body != marker+"\nnew" || s.Writes() != 1 {
				t.Errorf("body %q after %d writes, want it edited once", s.Issues()[0].Body, s.Writes())
			}
		})
	}
}

// TestRetryBound: what cannot be waited out within Retry.Within is an
// error that says so, and leaves the issue as it was.
func TestRetryBound(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fault   githubtest.Fault
		message string
		waited  time.Duration
	}{
		{"server keeps failing", githubtest.Fault{Method: "PATCH", Status: 503},
			"cannot edit issue #1 of acme/shop: GitHub answered 503 Service Unavailable (still, after waiting 1m3s): nothing was changed by this request; run again later", 63 * time.Second},
		{"rate limit resets in an hour", githubtest.Fault{Status: 403, RateLimited: true, ResetIn: time.Hour},
			"cannot list the open issues of acme/shop: GitHub's API rate limit for this token is used up until 10:00 UTC: run again after that", 0},
		{"Retry-After past the bound", githubtest.Fault{Status: 429, RetryAfter: "600"},
			"cannot list the open issues of acme/shop: GitHub answered 429 Too Many Requests: run again in a few minutes", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newFake(t)
			s.AddIssue("Handover dashboard", marker+"\nold", false, "handover")
			c, clk := newClient(t, s)
			s.Fail(tc.fault)
			_, err := c.SyncIssue(t.Context(), issue("new", true))
			if err == nil || err.Error() != tc.message {
				t.Errorf("error %v,\nwant   %s", err, tc.message)
			}
			var waited time.Duration
			for _, d := range clk.waits {
				waited += d
			}
			if waited != tc.waited || waited > 2*time.Minute {
				t.Errorf("waited %v in all (%v), want %v", waited, clk.waits, tc.waited)
			}
			if s.Issues()[0].Body != marker+"\nold" {
				t.Errorf("a failed sync changed the body to %q", s.Issues()[0].Body)
			}
		})
	}
}

// TestCreateFailsAfterCreating: GitHub creates the issue but answers 502.
// The create is not repeated blindly: the list is read again, the issue
// is found, and there is one issue. When the 502 came before anything was
// created, the create is tried again.
func TestCreateFailsAfterCreating(t *testing.T) {
	for _, applied := range []bool{true, false} {
		s := newFake(t)
		c, clk := newClient(t, s)
		s.Fail(githubtest.Fault{Method: "POST", Status: 502, Applied: applied, Times: 1})
		done := sync(t, c, issue("new", true))
		if n := len(s.Issues()); n != 1 || done.Number != 1 {
			t.Errorf("applied %v: %d issues, and %+v; want exactly issue #1", applied, n, done)
		}
		if !slices.Equal(clk.waits, []time.Duration{time.Second}) {
			t.Errorf("applied %v: waited %v, want one second before looking again", applied, clk.waits)
		}
	}
}

// TestRefusals: what waiting cannot fix is one line that says what to fix.
func TestRefusals(t *testing.T) {
	for _, tc := range []struct {
		name    string
		repo    string
		token   string
		fault   *githubtest.Fault
		message string
	}{
		{"bad token", "acme/shop", "expired-token", nil,
			"cannot list the open issues of acme/shop: GitHub refused the token (401 Bad credentials): set GITHUB_TOKEN or HANDOVER_TOKEN to a valid token"},
		{"no such repository", "acme/shoop", token, nil,
			"cannot list the open issues of acme/shoop: GitHub answered 404 Not Found: check --repo (or GITHUB_REPOSITORY), and that the token can see acme/shoop; it needs Issues: read and write (in a workflow: permissions: issues: write)"},
		{"read-only token", "acme/shop", token, &githubtest.Fault{Method: "POST", Status: 403, Message: "Resource not accessible by integration"},
			"cannot create the dashboard issue in acme/shop: GitHub answered 403 Resource not accessible by integration: the token needs Issues: read and write (in a workflow: permissions: issues: write)"},
		{"issues turned off", "acme/shop", token, &githubtest.Fault{Status: 410, Message: "Issues are disabled for this repo"},
			"cannot list the open issues of acme/shop: GitHub answered 410 Issues are disabled for this repo: issues are turned off in acme/shop; turn them on in its settings"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newFake(t)
			if tc.fault != nil {
				s.Fail(*tc.fault)
			}
			c, err := New(Config{APIURL: s.URL, Token: tc.token, Repo: tc.repo, Retry: Retry{Sleep: func(context.Context, time.Duration) error {
				t.Error("waited for a refusal that waiting cannot fix")
				return nil
			}}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.SyncIssue(t.Context(), issue("x", true))
			if err == nil || err.Error() != tc.message {
				t.Errorf("error %v,\nwant   %s", err, tc.message)
			}
			if len(s.Issues()) != 0 {
				t.Errorf("issues were created: %+v", s.Issues())
			}
		})
	}
}

// TestTokenNeverLeaks: the token travels only in the Authorization
// header of requests to the API: never in a URL or a body, and never in
// an error, even one whose server message repeats it.
func TestTokenNeverLeaks(t *testing.T) {
	s := newFake(t)
	c, _ := newClient(t, s)
	sync(t, c, issue("new", true))
	if _, err := c.SyncComment(t.Context(), 1, Comment{Marker: marker, Body: marker + "\nc", Create: true}); err != nil {
		t.Fatal(err)
	}
	s.Fail(githubtest.Fault{Status: 403, Message: "token " + token + " lacks a scope"})
	_, err := c.SyncIssue(t.Context(), issue("newer", true))
	if err == nil || strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "token [token] lacks a scope") {
		t.Errorf("error %v: want the server's message without the token", err)
	}
	for _, r := range s.Requests() {
		if strings.Contains(r.URL, token) || strings.Contains(r.Body, token) {
			t.Errorf("%s %s carries the token in its URL or body", r.Method, r.URL)
		}
		for name, values := range r.Header {
			for _, v := range values {
				if strings.Contains(v, token) && (name != "Authorization" || v != "Bearer "+token) {
					t.Errorf("%s %s: header %s carries the token", r.Method, r.URL, name)
				}
			}
		}
	}
}

func TestAPIURL(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"", "https://api.github.com/", ""},
		{"https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3/", ""},
		{"https://ghe.example.com/api/v3/", "https://ghe.example.com/api/v3/", ""},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/", ""},
		{"http://[::1]:8080/api", "http://[::1]:8080/api/", ""},
		{"http://ghe.example.com/api/v3", "", "GITHUB_API_URL http://ghe.example.com/api/v3: want https://, so that the token is not sent in the clear"},
		{"https://bot:hunter2@ghe.example.com/api/v3", "", "GITHUB_API_URL https://ghe.example.com/api/v3 holds credentials: remove them, and set the token in GITHUB_TOKEN or HANDOVER_TOKEN"},
		{"api.github.com", "", `GITHUB_API_URL "api.github.com" is not a URL such as https://api.github.com`},
	} {
		got, err := apiURL(tc.in)
		if got != tc.want || (err == nil) != (tc.err == "") || err != nil && err.Error() != tc.err {
			t.Errorf("apiURL(%q) = %q, %v; want %q, %s", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestParseRepo(t *testing.T) {
	for in, ok := range map[string]bool{
		"acme/shop": true, "handover-dev/handover": true, "a/b.c_d-e": true,
		"acme": false, "acme/": false, "/shop": false, "acme/shop/extra": false, "../shop": false,
		"acme/..": false, "-acme/shop": false, "acme/shop?x=1": false, "acme/sh op": false,
	} {
		if _, _, err := ParseRepo(in); (err == nil) != ok {
			t.Errorf("ParseRepo(%q): %v, want ok %v", in, err, ok)
		}
	}
}

func TestBodyChecked(t *testing.T) {
	s := newFake(t)
	c, _ := newClient(t, s)
	for _, want := range []Issue{
		{Title: "t", Label: "handover", Marker: marker, Body: "no marker", Open: true},
		{Title: "t", Label: "handover", Marker: marker, Body: marker + strings.Repeat("x", 65536), Open: true},
	} {
		if _, err := c.SyncIssue(t.Context(), want); err == nil {
			t.Errorf("a body of %d bytes starting %.10q was accepted", len(want.Body), want.Body)
		}
	}
	if len(s.Requests()) != 0 {
		t.Errorf("a refused body reached GitHub")
	}
}

// TestDroppedLabel: GitHub silently drops the labels of a new issue when
// the token has no push access. Unlabelled, the next run would not find
// it and would open another: that is an error that says so.
func TestDroppedLabel(t *testing.T) {
	s := newFake(t)
	s.DropLabels()
	c, _ := newClient(t, s)
	_, err := c.SyncIssue(t.Context(), issue("new", true))
	want := "created issue #1 in acme/shop, but GitHub dropped its label handover (only a token with push access may label a new issue): label it by hand, or the next run opens another"
	if err == nil || err.Error() != want {
		t.Errorf("error %v,\nwant   %s", err, want)
	}
}
