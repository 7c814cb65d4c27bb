package lint

import "testing"

func TestMissingOwnerGitHub(t *testing.T) { testRule(t, "missing-owner-github") }
