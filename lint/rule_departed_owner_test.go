package lint

import "testing"

func TestDepartedOwner(t *testing.T) { testRule(t, "departed-owner") }
