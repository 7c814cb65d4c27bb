// Package golden compares test output with golden files that a person has
// reviewed. Tests import it; "go test ./... -update" rewrites the files,
// and the diff is then read before it is committed.
package golden

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

// Update is the -update flag of every test binary that imports golden.
var Update = flag.Bool("update", false, "rewrite golden files (review the diff before committing)")

// Check compares got with the golden file, or rewrites the file with -update.
func Check(t testing.TB, file string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (go test -run '%s' -update writes it; review it before committing)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it; review the diff):\n--- got\n%s--- want\n%s", file, got, want)
	}
}
