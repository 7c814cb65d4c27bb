package integration

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/handover-dev/handover/internal/gittest"
)

// signalDeadline is how long handover may take to exit after a signal
// before the test calls it a hang. It is not a speed assertion: handover
// exits within about half a second.
const signalDeadline = 20 * time.Second

// bigHistory builds, with git fast-import, a repository of n commits: the
// tech document in the first, then n-1 commits to the infrastructure it
// covers, so that checking it walks the whole history.
func bigHistory(t *testing.T, n int) string {
	t.Helper()
	r := newRepo(t)
	var s strings.Builder
	doc := techDoc("2026-11-01", "")
	for i := range n {
		fmt.Fprintf(&s, "commit refs/heads/main\ncommitter Ana Lima <ana@acme.example> %d +0000\ndata 4\nwork\n", 1_780_000_000+i*60)
		if i == 0 {
			fmt.Fprintf(&s, "M 100644 inline .handover.yml\ndata 16\nrequire: [tech]\nM 100644 inline handover/tech.md\ndata %d\n%s\n", len(doc), doc)
		}
		change := fmt.Sprintf("resource %d\n", i)
		fmt.Fprintf(&s, "M 100644 inline infra/f%d.tf\ndata %d\n%s\n", i%50, len(change), change)
	}
	gittest.FastImport(t, r.dir, strings.NewReader(s.String()))
	return r.dir
}

// TestSignal signals handover in the middle of its work: during the clone
// of an https URL of a long history (SIGTERM), and during the check, while
// it reads a --config that is a named pipe nobody writes to, as
// --config <(…) is in a shell (SIGINT). It must exit with 128 + the
// signal's number, print one line, and leave no clone in its TMPDIR.
func TestSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a history of 20,000 commits; skipped with -short")
	}
	server, url := gittest.ServeRepo(t, bigHistory(t, 20_000))
	certs := server.CertFile(t)
	fifo := filepath.Join(t.TempDir(), "config.yml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, sigName string
		sig           syscall.Signal
		code          int
		args          []string
		// ready reports, from the process and its TMPDIR, when to send
		// the signal.
		ready func(pid int, tmp string) bool
	}{
		{"SIGTERM during the clone", "SIGTERM", syscall.SIGTERM, 143, []string{url}, func(_ int, tmp string) bool {
			clones, _ := filepath.Glob(filepath.Join(tmp, "handover-clone-*"))
			return len(clones) == 1
		}},
		{"SIGINT during the check", "SIGINT", syscall.SIGINT, 130, []string{".", "--config", fifo}, func(pid int, _ string) bool {
			return waitsForWriter(pid)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(handoverBin, append([]string{"check", "--now", "2026-11-25"}, tc.args...)...)
			cmd.Dir = t.TempDir()
			cmd.Env = append(cleanEnv(tmp), "TMPDIR="+tmp, "SSL_CERT_FILE="+certs)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			waitFor(t, func() bool { return tc.ready(cmd.Process.Pid, tmp) }, exited)
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			signalled := time.Now()
			var err error
			select {
			case err = <-exited:
			case <-time.After(signalDeadline):
				cmd.Process.Kill()
				<-exited
				t.Fatalf("handover still runs %s after %s (a hang); stderr:\n%s", signalDeadline, tc.sig, &stderr)
			}
			t.Logf("exited %s after the signal", time.Since(signalled).Round(time.Millisecond))
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != tc.code {
				t.Errorf("exit %v, want %d\nstdout:\n%s\nstderr:\n%s", err, tc.code, &stdout, &stderr)
			}
			if want := "handover: stopped by " + tc.sigName + "\n"; !strings.HasSuffix(stderr.String(), want) {
				t.Errorf("stderr %q, want it to end with %q", stderr.String(), want)
			}
			if stdout.Len() > 0 {
				t.Errorf("the check was not interrupted: it printed\n%s", &stdout)
			}
			left, _ := filepath.Glob(filepath.Join(tmp, "handover-clone-*"))
			if len(left) > 0 {
				t.Errorf("the clone was left behind: %s", left)
			}
		})
	}
}

// waitsForWriter reports whether a thread of process pid waits in the
// kernel for a writer to open a named pipe it opens for reading.
func waitsForWriter(pid int) bool {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/wchan", pid))
	for _, task := range tasks {
		if b, err := os.ReadFile(task); err == nil && string(b) == "wait_for_partner" {
			return true
		}
	}
	return false
}

// waitFor waits until ready says it is time to signal handover. It fails
// if handover exits first.
func waitFor(t *testing.T, ready func() bool, exited chan error) {
	t.Helper()
	deadline := time.After(5 * time.Minute)
	for !ready() {
		select {
		case err := <-exited:
			t.Fatalf("handover exited (%v) before it could be signalled", err)
		case <-deadline:
			t.Fatal("handover did not get there in 5 minutes")
		case <-time.After(5 * time.Millisecond):
		}
	}
}
