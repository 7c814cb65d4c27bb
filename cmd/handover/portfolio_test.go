package main

import (
	"runtime"
	"testing"
	"weak"
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
