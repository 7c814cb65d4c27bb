package lint

import "testing"

func TestStaleReview(t *testing.T) { testRule(t, "stale-review") }
