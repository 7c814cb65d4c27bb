package lint

import "testing"

func TestShallowHistory(t *testing.T) { testRule(t, "shallow-history") }
