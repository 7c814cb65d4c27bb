package lint

import "testing"

func TestDuplicateDoc(t *testing.T) { testRule(t, "duplicate-doc") }
