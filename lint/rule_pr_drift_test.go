package lint

import "testing"

func TestPRDrift(t *testing.T) { testRule(t, "pr-drift") }
