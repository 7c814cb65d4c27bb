package lint

import "testing"

func TestUnknownOwner(t *testing.T) { testRule(t, "unknown-owner") }
