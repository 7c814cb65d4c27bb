package lint

import "testing"

func TestDeadCover(t *testing.T) { testRule(t, "dead-cover") }
