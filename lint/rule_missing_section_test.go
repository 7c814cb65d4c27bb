package lint

import "testing"

func TestMissingSection(t *testing.T) { testRule(t, "missing-section") }
