package lint

import "testing"

func TestFutureDate(t *testing.T) { testRule(t, "future-date") }
