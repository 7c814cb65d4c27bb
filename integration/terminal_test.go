package integration

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
)

// TestCloneProgress: cloning a URL shows git's progress on a terminal
// (here a pseudo-terminal made by script(1)), and nothing when standard
// error is not one, as in CI logs.
func TestCloneProgress(t *testing.T) {
	script := needTool(t, "script")
	r := techRepo(t, "")
	server, url := gittest.ServeRepo(t, r.dir)
	certs := server.CertFile(t)
	args := []string{handoverBin, "check", url, "--now", "2026-11-25"}
	const progress = "Counting objects: 100%"

	cmd := exec.Command(script, "--quiet", "--return", "--command", strings.Join(args, " "), "/dev/null")
	cmd.Env = append(cleanEnv(t.TempDir()), "SHELL=/bin/sh", "TERM=dumb", "SSL_CERT_FILE="+certs)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	if !strings.Contains(string(out), progress) {
		t.Errorf("no clone progress on a terminal:\n%s", out)
	}
	if !strings.Contains(string(out), "no findings in 1 of 5 documents") {
		t.Errorf("no check result on the terminal:\n%s", out)
	}

	cmd = exec.Command(args[0], args[1:]...)
	cmd.Env = append(cleanEnv(t.TempDir()), "SSL_CERT_FILE="+certs)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, &stderr)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr is not a terminal, yet handover wrote to it:\n%s", &stderr)
	}
}
