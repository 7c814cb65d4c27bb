package lint

import "testing"

func TestDrift(t *testing.T) { testRule(t, "drift") }
