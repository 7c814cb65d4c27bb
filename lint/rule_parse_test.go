package lint

import "testing"

func TestParse(t *testing.T) { testRule(t, "parse") }
