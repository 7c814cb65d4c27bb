package main

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/github/githubtest"
	"github.com/rogpeppe/go-internal/testscript"
)

// scriptToken is the token the fake API of the github scripts accepts
// ($TOKEN in a script). It does not look like a credential, so that no
// redaction of credential-shaped text can hide a leak.
const scriptToken = "handover-script-token-51d2e8"

// TestGitHubScripts runs testdata/github/*.txtar: the dashboard and
// comment commands end to end against a fake GitHub API
// (internal/github/githubtest) that the "github" command of the scripts
// fills, inspects and makes fail.
func TestGitHubScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/github",
		Setup: func(env *testscript.Env) error {
			if err := scriptEnv(env); err != nil {
				return err
			}
			s := githubtest.NewServer("acme", "shop", scriptToken)
			env.Defer(s.Close)
			env.Values["github"] = s
			env.Setenv("GITHUB_API_URL", s.URL)
			env.Setenv("GITHUB_TOKEN", scriptToken)
			env.Setenv("TOKEN", scriptToken)
			env.Setenv("GITHUB_REPOSITORY", "acme/shop")
			return nil
		},
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"github": githubCommand},
		RequireExplicitExec: true,
	})
}

// githubCommand is the scripts' view of the fake API:
//
//	github issues              one line per issue: #N state labels "title" (C comments)
//	github body N              the body of issue N
//	github comments N          the comments of issue N, each after "-- ID --"
//	github add-issue [-pr] TITLE FILE [LABEL...]   an issue (or pull request) with FILE's body
//	github writes N            fail unless the server made N changes in all
//	github requests            one line per request: METHOD URL
func githubCommand(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("github: no negation")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: github issues|body|comments|add-issue|writes|requests")
	}
	s := ts.Value("github").(*githubtest.Server)
	issue := func(arg string) githubtest.Issue {
		n, err := strconv.Atoi(arg)
		issues := s.Issues()
		if err != nil || n < 1 || n > len(issues) {
			ts.Fatalf("github: no issue %q", arg)
		}
		return issues[n-1]
	}
	out := ts.Stdout()
	switch args[0] {
	case "issues":
		for _, i := range s.Issues() {
			fmt.Fprintf(out, "#%d %s [%s] %q (%d comments)\n", i.Number, i.State, strings.Join(i.Labels, ","), i.Title, len(i.Comments))
		}
	case "body":
		fmt.Fprint(out, issue(args[1]).Body)
	case "comments":
		for _, c := range issue(args[1]).Comments {
			fmt.Fprintf(out, "-- %d --\n%s\n", c.ID, c.Body)
		}
	case "add-issue":
		pr := len(args) > 1 && args[1] == "-pr"
		if pr {
			args = args[1:]
		}
		if len(args) < 3 {
			ts.Fatalf("usage: github add-issue [-pr] TITLE FILE [LABEL...]")
		}
		s.AddIssue(args[1], ts.ReadFile(args[2]), pr, args[3:]...)
	case "writes":
		if want, _ := strconv.Atoi(args[1]); s.Writes() != want {
			ts.Fatalf("the server made %d changes, want %d", s.Writes(), want)
		}
	case "requests":
		for _, r := range s.Requests() {
			fmt.Fprintf(out, "%s %s\n", r.Method, r.URL)
		}
	default:
		ts.Fatalf("github: unknown subcommand %q", args[0])
	}
}
