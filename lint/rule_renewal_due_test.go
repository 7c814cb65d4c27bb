package lint

import "testing"

func TestRenewalDue(t *testing.T) { testRule(t, "renewal-due") }
