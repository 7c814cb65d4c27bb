package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/handover-dev/handover/lint/result"
)

// TestHoldForgetsReleased: once a workspace is released on the ordinary
// path, the interrupt handling no longer holds it. A portfolio opens one
// workspace per repository in one run; before, every closed workspace
// stayed reachable until the end, and 20 real repositories checked one at
// a time held 251 MB live instead of at most one repository's 75.
func TestHoldForgetsReleased(t *testing.T) {
	var cl cleanup
	workspace := new([1 << 20]byte)
	gone := weak.Make(workspace)
	closed := 0
	closer := func(ws *[1 << 20]byte) func() error {
		return func() error { closed += len(ws[:]) + int(ws[0]); return nil }
	}
	release, err := cl.hold(closer(workspace))
	if err != nil {
		t.Fatal(err)
	}
	workspace = nil
	release()
	release()
	runtime.GC()
	if closed != 1<<20 {
		t.Errorf("the workspace was closed %d times, want once", closed/(1<<20))
	}
	if gone.Value() != nil {
		t.Error("a released workspace is still reachable from the interrupt handling")
	}
	cl.interrupt()
	if closed != 1<<20 {
		t.Error("an interrupt closed a released workspace again")
	}
}

// TestPortfolioHostile checks every repository of testdata/hostile in one
// portfolio, in every portfolio format: one row each (a repository whose
// check fails is a row with its reason), exit 0 with --fail-on never,
// nothing on stderr, and no panic, file from outside a repository or piece
// of a secret in any output.
func TestPortfolioHostile(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "hostile", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no hostile cases: %v", err)
	}
	var cases []*hostileCase
	var list strings.Builder
	for _, file := range files {
		c := loadHostile(t, file)
		cases = append(cases, c)
		fmt.Fprintf(&list, "- path: %q\n", c.repo)
	}
	listFile := filepath.Join(t.TempDir(), "hostile.yml")
	writeFile(t, listFile, []byte(list.String()))
	for _, format := range formatNames("portfolio") {
		args := []string{"portfolio", listFile, "--format", format, "--now", "2026-11-25", "--fail-on", "never"}
		stdout, stderr, code := runMain(t, args)
		where := "handover " + strings.Join(args, " ")
		if code != exitOK || stderr != "" {
			t.Errorf("%s: exit %d, stderr %q; want 0 and nothing", where, code, stderr)
		}
		for _, c := range cases {
			c.checkClean(t, where, stdout)
		}
		if format != "json" {
			continue
		}
		var p result.Portfolio
		if err := json.Unmarshal([]byte(stdout), &p); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if len(p.Repositories) != len(cases) {
			t.Errorf("%s: %d rows, want one per repository: %d", where, len(p.Repositories), len(cases))
		}
	}
}
