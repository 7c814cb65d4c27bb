package lint

import "testing"

func TestUndocumentedVendor(t *testing.T) { testRule(t, "undocumented-vendor") }
