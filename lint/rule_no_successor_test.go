package lint

import "testing"

func TestNoSuccessor(t *testing.T) { testRule(t, "no-successor") }
