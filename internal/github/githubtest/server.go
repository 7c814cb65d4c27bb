// Package githubtest is a fake of the part of GitHub's REST API that
// handover uses, for tests: one repository's issues, pull requests and
// their comments, kept in memory and served in GitHub's wire format (the
// JSON of issues and comments, Link headers that page lists, rate limit
// headers, error bodies with a message and a documentation_url). It can be
// told to answer the next requests with a rate limit, a server error or a
// refusal, and it logs every request it gets.
package githubtest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// BodyLimit is GitHub's cap on an issue or comment body, in characters.
const BodyLimit = 65536

// Issue is an issue or (PullRequest) a pull request of the repository.
type Issue struct {
	Number      int
	Title, Body string
	State       string // open or closed
	StateReason string
	Labels      []string
	PullRequest bool
	Comments    []Comment
	Created     time.Time
}

// Comment is a comment on an issue or a pull request.
type Comment struct {
	ID   int64
	Body string
}

// Request is a request the server got.
type Request struct {
	Method string
	// URL is the path and query as sent.
	URL string
	// Header holds the request's headers, Authorization included.
	Header http.Header
	Body   string
}

// Fault makes the server answer matching requests with an error instead.
type Fault struct {
	// Method and Path select the requests ("" matches any); Path is a
	// regular expression on the URL path.
	Method, Path string
	// Status is the HTTP status: 403 or 429 for rate limits, 5xx, 401…
	Status int
	// RateLimited answers as GitHub does when the primary rate limit is
	// used up: X-RateLimit-Remaining 0 and X-RateLimit-Reset ResetIn
	// from the server's clock.
	RateLimited bool
	ResetIn     time.Duration
	// Secondary answers as GitHub does for a secondary rate limit (its
	// documentation_url), with Retry-After when RetryAfter is set.
	Secondary bool
	// RetryAfter is the Retry-After header, "" for none.
	RetryAfter string
	// Message is the error's message (default: the status text).
	Message string
	// Applied does what the request asks before it answers with the
	// error, as a server that fails after its work is done.
	Applied bool
	// Times is how many requests it answers; 0 answers every one.
	Times int
}

// Server is the fake API of one repository, Owner/Repo.
type Server struct {
	*httptest.Server
	Owner, Repo string
	// Token is the one token it accepts.
	Token string

	mu          sync.Mutex
	dropLabels  bool
	issues      []*Issue
	nextComment int64
	now         time.Time
	faults      []*Fault
	requests    []Request
	writes      int
}

// Start is a zero time for the server's clock: created_at and updated_at
// count from it, a second per change, and rate limits reset after it.
var Start = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

// NewServer starts a fake API for owner/repo that accepts token. Close it
// when done.
func NewServer(owner, repo, token string) *Server {
	s := &Server{Owner: owner, Repo: repo, Token: token, now: Start, nextComment: 1000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Now is the server's clock.
func (s *Server) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now
}

// AddIssue adds an issue (or, pr, a pull request) with labels and returns
// its number.
func (s *Server) AddIssue(title, body string, pr bool, labels ...string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.add(title, body, pr, labels).Number
}

// AddComment adds a comment to issue or pull request number.
func (s *Server) AddComment(number int, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.comment(s.issue(number), body).ID
}

// DropLabels makes the server create issues without their labels, as
// GitHub does, silently, for a token without push access.
func (s *Server) DropLabels() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropLabels = true
}

// Fail makes the server answer the next matching requests with f.
func (s *Server) Fail(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// Issues returns a copy of every issue and pull request, by number.
func (s *Server) Issues() []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Issue
	for _, i := range s.issues {
		c := *i
		c.Labels = slices.Clone(i.Labels)
		c.Comments = slices.Clone(i.Comments)
		out = append(out, c)
	}
	return out
}

// Requests returns the requests the server got, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Writes counts the changes the server made: issues and comments created
// or edited.
func (s *Server) Writes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writes
}

func (s *Server) add(title, body string, pr bool, labels []string) *Issue {
	s.now = s.now.Add(time.Second)
	i := &Issue{Number: len(s.issues) + 1, Title: title, Body: body, State: "open", Labels: labels, PullRequest: pr, Created: s.now}
	s.issues = append(s.issues, i)
	return i
}

func (s *Server) issue(number int) *Issue {
	if number < 1 || number > len(s.issues) {
		return nil
	}
	return s.issues[number-1]
}

func (s *Server) comment(i *Issue, body string) Comment {
	s.now = s.now.Add(time.Second)
	s.nextComment++
	c := Comment{ID: s.nextComment, Body: body}
	i.Comments = append(i.Comments, c)
	return c
}

var (
	issuesPath   = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues$`)
	issuePath    = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/([0-9]+)$`)
	commentsPath = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/([0-9]+)/comments$`)
	commentPath  = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/issues/comments/([0-9]+)$`)
)

// docs are the documentation_url GitHub gives with each error.
const (
	docsREST      = "https://docs.github.com/rest"
	docsRateLimit = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit"
	docsSecondary = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
	docsIssues    = "https://docs.github.com/rest/issues/issues"
	docsComments  = "https://docs.github.com/rest/issues/comments"
)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<22))
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: r.Method, URL: r.URL.RequestURI(), Header: r.Header.Clone(), Body: string(body)})
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-GitHub-Media-Type", "github.v3; format=json")
	h.Set("X-GitHub-Api-Version-Selected", cmp.Or(r.Header.Get("X-GitHub-Api-Version"), "2022-11-28"))
	h.Set("X-GitHub-Request-Id", fmt.Sprintf("F00D:%04X", len(s.requests)))
	h.Set("X-RateLimit-Limit", "5000")
	h.Set("X-RateLimit-Remaining", strconv.Itoa(5000-len(s.requests)))
	h.Set("X-RateLimit-Used", strconv.Itoa(len(s.requests)))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(s.now.Add(time.Hour).Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")

	switch auth := r.Header.Get("Authorization"); {
	case auth == "":
		s.fail(w, http.StatusUnauthorized, "Requires authentication", docsREST)
		return
	case auth != "Bearer "+s.Token && auth != "token "+s.Token:
		s.fail(w, http.StatusUnauthorized, "Bad credentials", docsREST)
		return
	}
	f := s.fault(r)
	if f != nil && !f.Applied {
		s.answerFault(w, f)
		return
	}
	if f != nil {
		defer s.answerFault(w, f)
		w = httptest.NewRecorder()
	}
	s.route(w, r, body)
}

// route does what a request asks.
func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	path := r.URL.Path
	for _, re := range []*regexp.Regexp{issuesPath, issuePath, commentsPath, commentPath} {
		if m := re.FindStringSubmatch(path); m != nil && !(strings.EqualFold(m[1], s.Owner) && strings.EqualFold(m[2], s.Repo)) {
			s.fail(w, http.StatusNotFound, "Not Found", docsIssues)
			return
		}
	}
	switch {
	case issuesPath.MatchString(path) && r.Method == http.MethodGet:
		s.listIssues(w, r)
	case issuesPath.MatchString(path) && r.Method == http.MethodPost:
		s.createIssue(w, body)
	case issuePath.MatchString(path) && r.Method == http.MethodGet:
		if i := s.issue(number(issuePath, path)); i != nil {
			s.json(w, http.StatusOK, s.issueJSON(i))
			return
		}
		s.fail(w, http.StatusNotFound, "Not Found", docsIssues)
	case issuePath.MatchString(path) && r.Method == http.MethodPatch:
		s.editIssue(w, s.issue(number(issuePath, path)), body)
	case commentsPath.MatchString(path) && r.Method == http.MethodGet:
		s.listComments(w, r, s.issue(number(commentsPath, path)))
	case commentsPath.MatchString(path) && r.Method == http.MethodPost:
		s.createComment(w, s.issue(number(commentsPath, path)), body)
	case commentPath.MatchString(path) && r.Method == http.MethodPatch:
		s.editComment(w, int64(number(commentPath, path)), body)
	default:
		s.fail(w, http.StatusNotFound, "Not Found", docsREST)
	}
}

func number(re *regexp.Regexp, path string) int {
	n, _ := strconv.Atoi(re.FindStringSubmatch(path)[3])
	return n
}

// fault returns the fault that answers r, if any, and counts it.
func (s *Server) fault(r *http.Request) *Fault {
	for i, f := range s.faults {
		if f.Method != "" && f.Method != r.Method || f.Path != "" && !regexp.MustCompile(f.Path).MatchString(r.URL.Path) {
			continue
		}
		if f.Times > 0 {
			if f.Times--; f.Times == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
		}
		return f
	}
	return nil
}

func (s *Server) answerFault(w http.ResponseWriter, f *Fault) {
	h := w.Header()
	doc := docsREST
	switch {
	case f.RateLimited:
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Used", "5000")
		h.Set("X-RateLimit-Reset", strconv.FormatInt(s.now.Add(f.ResetIn).Unix(), 10))
		doc = docsRateLimit
	case f.Secondary:
		doc = docsSecondary
	}
	if f.RetryAfter != "" {
		h.Set("Retry-After", f.RetryAfter)
	}
	msg := cmp.Or(f.Message, http.StatusText(f.Status))
	if f.RateLimited {
		msg = cmp.Or(f.Message, "API rate limit exceeded for installation ID 4242.")
	}
	s.fail(w, f.Status, msg, doc)
}

// fail writes GitHub's error body.
func (s *Server) fail(w http.ResponseWriter, status int, msg, doc string) {
	s.json(w, status, map[string]any{"message": msg, "documentation_url": doc, "status": strconv.Itoa(status)})
}

// invalid writes GitHub's 422 for a field of a resource.
func (s *Server) invalid(w http.ResponseWriter, resource, field, code, msg, doc string) {
	e := map[string]any{"resource": resource, "field": field, "code": code}
	if msg != "" {
		e["message"] = msg
	}
	s.json(w, http.StatusUnprocessableEntity, map[string]any{
		"message": "Validation Failed", "errors": []any{e}, "documentation_url": doc, "status": "422",
	})
}

func (s *Server) json(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// page serves items [lo, hi) of n with GitHub's Link header: per_page
// (default 30, at most 100) and page (from 1) as GitHub reads them, and
// links that keep the request's other parameters.
func (s *Server) page(w http.ResponseWriter, r *http.Request, n int) (lo, hi int) {
	q := r.URL.Query()
	per, err := strconv.Atoi(q.Get("per_page"))
	if err != nil || per < 1 {
		per = 30
	}
	per = min(per, 100)
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	last := max(1, (n+per-1)/per)
	link := func(p int, rel string) string {
		q.Set("page", strconv.Itoa(p))
		u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: q.Encode()}
		return fmt.Sprintf("<%s>; rel=%q", u.String(), rel)
	}
	var links []string
	if page > 1 {
		links = append(links, link(min(page-1, last), "prev"))
	}
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	lo = min(n, (page-1)*per)
	return lo, min(n, lo+per)
}

// listIssues serves GET /repos/{owner}/{repo}/issues: state (open,
// closed, all; default open) and labels (all of them), newest first;
// pull requests are issues too.
func (s *Server) listIssues(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	state := cmp.Or(q.Get("state"), "open")
	var labels []string
	if l := q.Get("labels"); l != "" {
		labels = strings.Split(l, ",")
	}
	var match []*Issue
	for _, i := range slices.Backward(s.issues) {
		if state != "all" && i.State != state {
			continue
		}
		if !slices.ContainsFunc(labels, func(l string) bool {
			return !slices.ContainsFunc(i.Labels, func(have string) bool { return strings.EqualFold(have, l) })
		}) {
			match = append(match, i)
		}
	}
	lo, hi := s.page(w, r, len(match))
	out := []any{}
	for _, i := range match[lo:hi] {
		out = append(out, s.issueJSON(i))
	}
	s.json(w, http.StatusOK, out)
}

type issueRequest struct {
	Title       *string  `json:"title"`
	Body        *string  `json:"body"`
	Labels      []string `json:"labels"`
	State       *string  `json:"state"`
	StateReason *string  `json:"state_reason"`
}

// decode reads a request body strictly: a field GitHub would not know is
// a bug of the caller.
func decode(body []byte, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func (s *Server) createIssue(w http.ResponseWriter, body []byte) {
	var req issueRequest
	if err := decode(body, &req); err != nil {
		s.fail(w, http.StatusBadRequest, "Problems parsing JSON", docsIssues)
		return
	}
	switch {
	case req.Title == nil || *req.Title == "":
		s.invalid(w, "Issue", "title", "missing_field", "", docsIssues)
		return
	case req.Body != nil && utf8.RuneCountInString(*req.Body) > BodyLimit:
		s.invalid(w, "Issue", "body", "custom", "body is too long (maximum is 65536 characters)", docsIssues)
		return
	}
	labels := req.Labels
	if s.dropLabels {
		labels = nil
	}
	i := s.add(*req.Title, deref(req.Body), false, labels)
	s.writes++
	w.Header().Set("Location", s.URL+"/repos/"+s.Owner+"/"+s.Repo+"/issues/"+strconv.Itoa(i.Number))
	s.json(w, http.StatusCreated, s.issueJSON(i))
}

func (s *Server) editIssue(w http.ResponseWriter, i *Issue, body []byte) {
	if i == nil {
		s.fail(w, http.StatusNotFound, "Not Found", docsIssues)
		return
	}
	var req issueRequest
	if err := decode(body, &req); err != nil {
		s.fail(w, http.StatusBadRequest, "Problems parsing JSON", docsIssues)
		return
	}
	switch {
	case req.State != nil && *req.State != "open" && *req.State != "closed":
		s.invalid(w, "Issue", "state", "invalid", "", docsIssues)
		return
	case req.Body != nil && utf8.RuneCountInString(*req.Body) > BodyLimit:
		s.invalid(w, "Issue", "body", "custom", "body is too long (maximum is 65536 characters)", docsIssues)
		return
	}
	if req.Title != nil {
		i.Title = *req.Title
	}
	if req.Body != nil {
		i.Body = *req.Body
	}
	if req.Labels != nil {
		i.Labels = req.Labels
	}
	if req.State != nil {
		i.State = *req.State
		i.StateReason = ""
		if i.State == "closed" {
			i.StateReason = cmp.Or(deref(req.StateReason), "completed")
		}
	}
	s.now = s.now.Add(time.Second)
	s.writes++
	s.json(w, http.StatusOK, s.issueJSON(i))
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request, i *Issue) {
	if i == nil {
		s.fail(w, http.StatusNotFound, "Not Found", docsComments)
		return
	}
	lo, hi := s.page(w, r, len(i.Comments))
	out := []any{}
	for _, c := range i.Comments[lo:hi] {
		out = append(out, s.commentJSON(i, c))
	}
	s.json(w, http.StatusOK, out)
}

type commentRequest struct {
	Body *string `json:"body"`
}

// commentBody reads a comment request's body, or answers why not.
func (s *Server) commentBody(w http.ResponseWriter, body []byte) (string, bool) {
	var req commentRequest
	switch err := decode(body, &req); {
	case err != nil:
		s.fail(w, http.StatusBadRequest, "Problems parsing JSON", docsComments)
	case req.Body == nil || *req.Body == "":
		s.invalid(w, "IssueComment", "body", "missing_field", "", docsComments)
	case utf8.RuneCountInString(*req.Body) > BodyLimit:
		s.invalid(w, "IssueComment", "body", "custom", "body is too long (maximum is 65536 characters)", docsComments)
	default:
		return *req.Body, true
	}
	return "", false
}

func (s *Server) createComment(w http.ResponseWriter, i *Issue, body []byte) {
	if i == nil {
		s.fail(w, http.StatusNotFound, "Not Found", docsComments)
		return
	}
	text, ok := s.commentBody(w, body)
	if !ok {
		return
	}
	c := s.comment(i, text)
	s.writes++
	s.json(w, http.StatusCreated, s.commentJSON(i, c))
}

func (s *Server) editComment(w http.ResponseWriter, id int64, body []byte) {
	for _, i := range s.issues {
		for k := range i.Comments {
			if i.Comments[k].ID != id {
				continue
			}
			text, ok := s.commentBody(w, body)
			if !ok {
				return
			}
			i.Comments[k].Body = text
			s.now = s.now.Add(time.Second)
			s.writes++
			s.json(w, http.StatusOK, s.commentJSON(i, i.Comments[k]))
			return
		}
	}
	s.fail(w, http.StatusNotFound, "Not Found", docsComments)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// user is the author of everything the fake holds: the Actions bot.
func (s *Server) user() map[string]any {
	return map[string]any{
		"login": "github-actions[bot]", "id": 41898282, "node_id": "MDM6Qm90NDE4OTgyODI=",
		"avatar_url": "https://avatars.githubusercontent.com/in/15368?v=4", "gravatar_id": "",
		"url": s.URL + "/users/github-actions%5Bbot%5D", "html_url": "https://github.com/apps/github-actions",
		"type": "Bot", "user_view_type": "public", "site_admin": false,
	}
}

func (s *Server) issueJSON(i *Issue) map[string]any {
	api := fmt.Sprintf("%s/repos/%s/%s", s.URL, s.Owner, s.Repo)
	kind := "issues"
	if i.PullRequest {
		kind = "pull"
	}
	html := fmt.Sprintf("https://github.com/%s/%s/%s/%d", s.Owner, s.Repo, kind, i.Number)
	labels := []any{}
	for k, l := range i.Labels {
		labels = append(labels, map[string]any{
			"id": 7000 + k, "node_id": fmt.Sprintf("LA_%d", 7000+k), "url": api + "/labels/" + url.PathEscape(l),
			"name": l, "color": "ededed", "default": false, "description": nil,
		})
	}
	var closedAt, stateReason any
	if i.State == "closed" {
		closedAt, stateReason = s.now.Format(time.RFC3339), i.StateReason
	}
	out := map[string]any{
		"url": fmt.Sprintf("%s/issues/%d", api, i.Number), "repository_url": api,
		"labels_url":   fmt.Sprintf("%s/issues/%d/labels{/name}", api, i.Number),
		"comments_url": fmt.Sprintf("%s/issues/%d/comments", api, i.Number),
		"events_url":   fmt.Sprintf("%s/issues/%d/events", api, i.Number),
		"html_url":     html, "id": 3000000000 + i.Number, "node_id": fmt.Sprintf("I_kwDO%08d", i.Number),
		"number": i.Number, "title": i.Title, "user": s.user(), "labels": labels,
		"state": i.State, "state_reason": stateReason, "locked": false, "assignee": nil, "assignees": []any{},
		"milestone": nil, "comments": len(i.Comments), "created_at": i.Created.Format(time.RFC3339),
		"updated_at": s.now.Format(time.RFC3339), "closed_at": closedAt, "author_association": "CONTRIBUTOR",
		"active_lock_reason": nil, "body": i.Body,
	}
	if i.PullRequest {
		out["draft"] = false
		out["pull_request"] = map[string]any{
			"url": fmt.Sprintf("%s/pulls/%d", api, i.Number), "html_url": html,
			"diff_url": html + ".diff", "patch_url": html + ".patch", "merged_at": nil,
		}
	}
	return out
}

func (s *Server) commentJSON(i *Issue, c Comment) map[string]any {
	api := fmt.Sprintf("%s/repos/%s/%s", s.URL, s.Owner, s.Repo)
	kind := "issues"
	if i.PullRequest {
		kind = "pull"
	}
	return map[string]any{
		"url": fmt.Sprintf("%s/issues/comments/%d", api, c.ID), "id": c.ID, "node_id": fmt.Sprintf("IC_kwDO%08d", c.ID),
		"html_url":  fmt.Sprintf("https://github.com/%s/%s/%s/%d#issuecomment-%d", s.Owner, s.Repo, kind, i.Number, c.ID),
		"issue_url": fmt.Sprintf("%s/issues/%d", api, i.Number), "body": c.Body, "user": s.user(),
		"created_at": s.now.Format(time.RFC3339), "updated_at": s.now.Format(time.RFC3339), "author_association": "CONTRIBUTOR",
	}
}
