package lint

import "testing"

func TestPlaceholder(t *testing.T) { testRule(t, "placeholder") }
