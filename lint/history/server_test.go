package history

import (
	"encoding/pem"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// gitServer serves bare repositories over git's smart HTTP protocol on a
// TLS test server: the real git http-backend, run as CGI, as a git host
// runs it. It records the Authorization header of every request.
type gitServer struct {
	*httptest.Server
	mu   sync.Mutex
	auth []string
}

// serveGit serves the bare repositories below root (GIT_PROJECT_ROOT);
// globalConfig is the server's git configuration file, "" for none.
func serveGit(t *testing.T, root, globalConfig string) *gitServer {
	t.Helper()
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git binary")
	}
	if globalConfig == "" {
		globalConfig = os.DevNull
	}
	backend := &cgi.Handler{
		Path: gitPath,
		Args: []string{"http-backend"},
		Env: []string{
			"GIT_PROJECT_ROOT=" + root, "GIT_HTTP_EXPORT_ALL=1",
			"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + globalConfig, "HOME=" + root,
		},
	}
	s := &gitServer{}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.auth = append(s.auth, r.Header.Get("Authorization"))
		s.mu.Unlock()
		backend.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// options returns CloneOptions that trust the server's certificate.
func (s *gitServer) options() CloneOptions {
	return CloneOptions{caBundle: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate().Raw})}
}

// authorizations returns the Authorization headers received so far.
func (s *gitServer) authorizations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.auth...)
}

// httpsRemote builds a history, serves a bare copy of it over https and
// returns the repository's URL, the work tree it was built in, and HEAD.
func httpsRemote(t *testing.T) (s *gitServer, url, workdir, head string) {
	t.Helper()
	h, headMark := scenarios["criss-cross"]()
	dir, marks := h.build(t, headMark)
	root := t.TempDir()
	gitRun(t, dir, "clone", "-q", "--bare", dir, filepath.Join(root, "repo.git"))
	s = serveGit(t, root, "")
	return s, s.URL + "/repo.git", dir, marks[headMark]
}
