package portfolio

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/handover-dev/handover/lint"
)

// MaxMatrixJobs is the most jobs a GitHub Actions matrix runs.
const MaxMatrixJobs = 256

// Job is one job of the portfolio workflow's matrix: what it checks out or
// clones, and what its row is called.
type Job struct {
	// Name is the list's name for the repository, "" to take the result's.
	Name string `json:"name"`
	// Title names the job, and the row when the check fails.
	Title string `json:"title"`
	// Target is the entry's URL.
	Target string `json:"target"`
	// Repository is owner/name on the workflow's GitHub server, checked
	// out with actions/checkout; "" when the URL is elsewhere, and
	// handover clones it.
	Repository string `json:"repository"`
	Ref        string `json:"ref"`
	Dir        string `json:"dir"`
}

// Matrix turns a list into the jobs of the portfolio workflow's matrix.
// server is the GitHub server the workflow runs on (https://github.com);
// its repositories are checked out, other URLs cloned. A local path means
// nothing on a runner, and a matrix holds at most MaxMatrixJobs: both are
// errors at the entry, in file, that is the first of the problem.
func Matrix(file string, entries []Entry, server string) ([]Job, error) {
	host := server
	if u, err := url.Parse(server); err == nil && u.Host != "" {
		host = u.Host
	}
	jobs := make([]Job, 0, len(entries))
	for i, e := range entries {
		fail := func(format string, args ...any) error {
			return &lint.ConfigError{Path: file, Line: e.Line, Column: e.Column, Message: fmt.Sprintf("/%d: ", i) + fmt.Sprintf(format, args...)}
		}
		switch {
		case i == MaxMatrixJobs:
			return nil, fail("the list has %d repositories, and a GitHub Actions matrix runs at most %d jobs: split it into lists of at most %d and call the workflow once per list", len(entries), MaxMatrixJobs, MaxMatrixJobs)
		case e.URL == "":
			return nil, fail("a path is a folder on your machine, which a GitHub Actions runner does not have: give the repository's url")
		}
		jobs = append(jobs, Job{Name: e.Name, Title: e.Title(), Target: e.URL, Repository: repository(e.URL, host), Ref: e.Ref, Dir: e.Dir})
	}
	return jobs, nil
}

// repository is owner/name for https://HOST/owner/name(.git), else "".
func repository(rawURL, host string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "https" || !strings.EqualFold(u.Host, host) || u.RawQuery != "" || u.Fragment != "" {
		return ""
	}
	parts := strings.Split(strings.TrimSuffix(strings.Trim(u.Path, "/"), ".git"), "/")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return ""
	}
	return parts[0] + "/" + parts[1]
}
