package lint

import "testing"

func TestEmptySection(t *testing.T) { testRule(t, "empty-section") }
