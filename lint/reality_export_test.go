package lint

import "testing"

// Fixture helpers for the tests of package lint_test, which may import
// packages that import lint (lint/report) and so cannot live in package lint.

// CheckFixture builds the repository of a txtar fixture and checks it.
func CheckFixture(t testing.TB, archive string) *Result { return loadFixture(t, archive).check(t) }

// FindingLines renders findings one per line, as the text format does.
var FindingLines = findingLines

// Golden compares got with a golden file, or rewrites it with -update.
var Golden = golden
