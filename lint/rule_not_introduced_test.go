package lint

import "testing"

func TestNotIntroduced(t *testing.T) { testRule(t, "not-introduced") }
