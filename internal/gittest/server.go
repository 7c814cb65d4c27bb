package gittest

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

// Server serves bare repositories over git's smart HTTP protocol on a TLS
// test server: the real git http-backend, run as CGI, as a git host runs
// it. It records the Authorization header of every request.
type Server struct {
	*httptest.Server
	mu   sync.Mutex
	auth []string
}

// Serve serves the bare repositories below root (GIT_PROJECT_ROOT) at
// URL/NAME.git; globalConfig is the server's git configuration file, ""
// for none. The test is skipped without a git binary.
func Serve(t testing.TB, root, globalConfig string) *Server {
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
	s := &Server{}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.auth = append(s.auth, r.Header.Get("Authorization"))
		s.mu.Unlock()
		backend.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// ServeRepo serves a bare copy of the repository in dir and returns its
// https URL.
func ServeRepo(t testing.TB, dir string) (*Server, string) {
	t.Helper()
	root := t.TempDir()
	Git(t, dir, nil, "clone", "-q", "--bare", dir, filepath.Join(root, "repo.git"))
	s := Serve(t, root, "")
	return s, s.URL + "/repo.git"
}

// CertPEM is the server's certificate, for a client that must trust it.
func (s *Server) CertPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate().Raw})
}

// CertFile writes the server's certificate to a file, for a process that
// must trust it: SSL_CERT_FILE=<file> makes Go programs take it as their
// system roots.
func (s *Server) CertFile(t testing.TB) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "server.pem")
	if err := os.WriteFile(name, s.CertPEM(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// Authorizations returns the Authorization headers received so far.
func (s *Server) Authorizations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.auth...)
}
