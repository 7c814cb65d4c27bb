package lint

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReadinessOfTemplates checks that the templates of handover init,
// unfilled, do not count as a done handover: a placeholder successor is no
// successor, placeholders leave a document unfinished, and no activity
// is done.
func TestReadinessOfTemplates(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	if _, err := Init(filepath.Join(dir, "handover"), DefaultConfig().Require, now); err != nil {
		t.Fatal(err)
	}
	res := checkDir(t, dir, Options{Now: now})
	for _, a := range res.Readiness.Activities {
		if a.ID == "ramp-down" && (a.Done || !strings.Contains(a.Detail, "no successor")) {
			t.Errorf("ramp-down of the template = %+v, want not done with no successor", a)
		}
		if a.Done {
			t.Errorf("activity %s is done on unfilled templates: %+v", a.ID, a)
		}
	}
}
