package lint

import "testing"

func TestMissingDoc(t *testing.T) { testRule(t, "missing-doc") }
