package lint

import "testing"

func TestCodeowners(t *testing.T) { testRule(t, "codeowners") }
