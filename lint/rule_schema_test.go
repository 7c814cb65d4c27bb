package lint

import "testing"

func TestSchema(t *testing.T) { testRule(t, "schema") }
