package history

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestCloneLimitsAreEnforced checks both limits deterministically: a clone
// larger than MaxBytes fails however fast it ends, and one that cannot end
// within Timeout fails with a message that says so.
func TestCloneLimitsAreEnforced(t *testing.T) {
	s, url, _, _ := httpsRemote(t)
	opts := trusting(s.Server)
	opts.MaxBytes = 1
	_, err := OpenURL(context.Background(), url, opts)
	if err == nil || !strings.Contains(err.Error(), "larger than 0 MiB") || !strings.Contains(err.Error(), "clone it yourself") {
		t.Errorf("Clone over MaxBytes: %v, want an error about the size", err)
	}
	opts = trusting(s.Server)
	opts.Timeout = time.Nanosecond
	_, err = OpenURL(context.Background(), url, opts)
	if err == nil || !strings.Contains(err.Error(), "no result after 1ns") {
		t.Errorf("Clone past Timeout: %v, want an error about the time", err)
	}
}
