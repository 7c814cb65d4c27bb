package report

import (
	"path/filepath"
	"testing"

	"github.com/handover-dev/handover/lint/result"
)

func TestDashboardGolden(t *testing.T) {
	d := NewDashboard(fixtureResult(), result.Warning)
	golden(t, filepath.Join("testdata", "dashboard.md"), d.Body)
}
