package lint

import "testing"

func TestNoHistory(t *testing.T) { testRule(t, "no-history") }
