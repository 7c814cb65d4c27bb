// Package architecture holds the test that keeps ARCHITECTURE.md true: the
// arrows that may exist between handover's packages, and the ones that
// must not.
package architecture
