package portfolio

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestMatrix: repositories on the workflow's server are checked out by
// owner/name, other URLs are cloned by handover; names, refs and folders
// pass through, and the title is the row's name should the job fail.
func TestMatrix(t *testing.T) {
	src := `- url: https://github.com/acme/api
- {url: https://GitHub.com/globex/platform.git/, name: Globex, ref: v2, dir: docs/handover}
- url: https://gitlab.com/initech/app
- url: https://github.com/acme/api/tree/main
- url: file:///srv/git/hooli
`
	entries, err := ParseList("clients.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := Matrix("clients.yml", entries, "https://github.com")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(jobs)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"name":"","title":"api","target":"https://github.com/acme/api","repository":"acme/api","ref":"","dir":""},` +
		`{"name":"Globex","title":"Globex","target":"https://GitHub.com/globex/platform.git/","repository":"globex/platform","ref":"v2","dir":"docs/handover"},` +
		`{"name":"","title":"app","target":"https://gitlab.com/initech/app","repository":"","ref":"","dir":""},` +
		`{"name":"","title":"main","target":"https://github.com/acme/api/tree/main","repository":"","ref":"","dir":""},` +
		`{"name":"","title":"hooli","target":"file:///srv/git/hooli","repository":"","ref":"","dir":""}]`
	if string(b) != want {
		t.Errorf("matrix:\n got %s\nwant %s", b, want)
	}
	// On GitHub Enterprise Server, its own host is the one checked out.
	ghes, err := Matrix("clients.yml", entries[2:3], "https://gitlab.com")
	if err != nil || ghes[0].Repository != "initech/app" {
		t.Errorf("server gitlab.com: %+v, %v; want initech/app checked out", ghes, err)
	}
}

func TestMatrixErrors(t *testing.T) {
	entries, err := ParseList("clients.yml", []byte("- url: https://github.com/acme/api\n- path: ../web\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Matrix("clients.yml", entries, "https://github.com")
	if want := `clients.yml:2:3: /1: a path is a folder on your machine`; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("a path entry: err = %v, want %q…", err, want)
	}

	var b strings.Builder
	for i := range MaxMatrixJobs + 1 {
		fmt.Fprintf(&b, "- url: https://github.com/acme/repo-%d\n", i)
	}
	entries, err = ParseList("clients.yml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if jobs, err := Matrix("clients.yml", entries[:MaxMatrixJobs], "https://github.com"); err != nil || len(jobs) != MaxMatrixJobs {
		t.Errorf("%d entries: %d jobs, %v; want them all", MaxMatrixJobs, len(jobs), err)
	}
	_, err = Matrix("clients.yml", entries, "https://github.com")
	if want := "clients.yml:257:3: /256: the list has 257 repositories, and a GitHub Actions matrix runs at most 256 jobs"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("257 entries: err = %v, want %q…", err, want)
	}
}
