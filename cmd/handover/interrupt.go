package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// interruptGrace is how long an interrupted run may take to stop by itself
// (a clone stops when its context is cancelled, and removes its folder)
// before handover closes what is still open and exits anyway.
const interruptGrace = 500 * time.Millisecond

var errInterrupted = errors.New("interrupted")

// cleanup is what an interrupt must undo: open workspaces (a clone's
// folder) and output files half written.
type cleanup struct {
	mu          sync.Mutex
	interrupted bool
	undo        []func()
}

// hold registers undo to run on an interrupt. It returns release, which
// runs undo on the ordinary path; undo runs once, whichever path comes
// first. After an interrupt, hold runs undo at once and fails. Once run,
// undo is dropped, so that a released workspace is not kept in memory
// until the end of a run that opens many (a portfolio).
func (cl *cleanup) hold(undo func() error) (release func(), err error) {
	var once sync.Once
	release = func() { once.Do(func() { _ = undo(); undo = nil }) }
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if cl.interrupted {
		release()
		return nil, errInterrupted
	}
	cl.undo = append(cl.undo, release)
	return release, nil
}

// interrupt marks the run interrupted and undoes everything held.
func (cl *cleanup) interrupt() {
	cl.mu.Lock()
	cl.interrupted = true
	undo := cl.undo
	cl.mu.Unlock()
	for _, f := range undo {
		f()
	}
}

func (cl *cleanup) isInterrupted() bool {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	return cl.interrupted
}

// signalNames are the signals that stop handover, with the exit code each
// gives: 128 plus the signal's number, as shells report it.
var signalNames = map[os.Signal]struct {
	name string
	code int
}{
	syscall.SIGINT:  {"SIGINT", 130},
	syscall.SIGTERM: {"SIGTERM", 143},
}

// runInterruptible runs the command line in a goroutine while it waits for
// SIGINT or SIGTERM. The check does not stop in the middle by itself, so a
// signal cancels what can be cancelled (a clone), waits interruptGrace,
// then closes every workspace (removing a clone) and returns 130 or 143
// without waiting for the check: the caller exits, which ends it.
func (c *cli) runInterruptible(args []string) int {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	type result struct {
		code int
		err  error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			// Once interrupted, the workspace may be closed under the
			// check's feet: whatever that breaks is moot, and the process
			// is about to exit.
			if r := recover(); r != nil {
				if c.cleanup.isInterrupted() {
					select {}
				}
				panic(r)
			}
		}()
		code, err := c.run(ctx, args)
		done <- result{code, err}
	}()

	select {
	case r := <-done:
		if r.err != nil {
			return c.fail(r.err)
		}
		return r.code
	case sig := <-sigs:
		cancel()
		select {
		case <-done:
		case <-time.After(interruptGrace):
		}
		c.cleanup.interrupt()
		s := signalNames[sig]
		fmt.Fprintf(c.stderr, "handover: stopped by %s\n", s.name)
		return s.code
	}
}
