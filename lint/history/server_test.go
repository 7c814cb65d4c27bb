package history

import (
	"encoding/pem"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
)

// trusting returns CloneOptions that trust a test server's certificate.
func trusting(s *httptest.Server) CloneOptions {
	return CloneOptions{caBundle: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate().Raw})}
}

// httpsRemote builds a history, serves a bare copy of it over https and
// returns the repository's URL, the work tree it was built in, and HEAD.
func httpsRemote(t *testing.T) (s *gittest.Server, url, workdir, head string) {
	t.Helper()
	h, headMark := scenarios["criss-cross"]()
	dir, marks := h.build(t, headMark)
	root := t.TempDir()
	gitRun(t, dir, "clone", "-q", "--bare", dir, filepath.Join(root, "repo.git"))
	s = gittest.Serve(t, root, "")
	return s, s.URL + "/repo.git", dir, marks[headMark]
}
