package lint

import "testing"

func TestBrokenLink(t *testing.T) { testRule(t, "broken-link") }
