package history

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/handover-dev/handover/internal/gittest"
)

func TestCloneAgreesWithLocalRepository(t *testing.T) {
	s, url, dir, head := httpsRemote(t)
	r, err := OpenURL(context.Background(), url, trusting(s.Server))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got, err := r.Resolve("HEAD")
	if err != nil || got != head {
		t.Fatalf("clone HEAD = %s, %v; want %s", got, err, head)
	}
	if shallow, _ := r.Shallow(); shallow {
		t.Error("a full clone reports Shallow")
	}
	paths := allPaths(t, dir)
	fromClone, err := r.LastChanges(head, paths)
	if err != nil {
		t.Fatal(err)
	}
	fromLocal, err := openRepo(t, dir).LastChanges(head, paths)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromClone, fromLocal) {
		t.Errorf("LastChanges differ between the clone and the local repository")
	}
	files, err := r.TrackedFiles()
	if err != nil || len(files) == 0 {
		t.Errorf("TrackedFiles of a clone = %q, %v; want HEAD's files", files, err)
	}
	root := r.Root()
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(root); err == nil {
		t.Errorf("Close left the clone at %s", root)
	}
}

func TestCloneAtRef(t *testing.T) {
	s, url, dir, _ := httpsRemote(t)
	want := gitRun(t, dir, "rev-parse", "HEAD~1")
	opts := trusting(s.Server)
	opts.Ref = want[:10]
	r, err := OpenURL(context.Background(), url, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got, err := r.Resolve("HEAD"); err != nil || got != want {
		t.Errorf("HEAD after Clone with Ref = %s, %v; want %s", got, err, want)
	}
	opts.Ref = "no-such-ref"
	if _, err := OpenURL(context.Background(), url, opts); err == nil || !strings.Contains(err.Error(), "no-such-ref") {
		t.Errorf("Clone with a bad ref: error %v, want one naming it", err)
	}
}

func TestCloneRefusesUnsafeURLs(t *testing.T) {
	for _, tc := range []struct{ url, secret, want string }{
		{"https://user:hunter2@example.com/org/repo.git", "hunter2", "credentials"},
		{"https://ghp_abcdefghijklmnop@example.com/org/repo.git", "ghp_abcdefghijklmnop", "credentials"},
		{"git://example.com/org/repo.git", "", "git:// is not supported"},
		{"ssh://git@example.com/org/repo.git", "", "not supported"},
		{"http://example.com/org/repo.git", "", "not supported"},
		{"ext::sh -c touch% /tmp/pwned", "", "not a URL"},
		{"git@example.com:org/repo.git", "", "not a URL"},
		{"https://", "", "no host"},
	} {
		_, err := OpenURL(context.Background(), tc.url, CloneOptions{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("OpenURL(%q) error = %v, want %q", tc.url, err, tc.want)
			continue
		}
		if tc.secret != "" && strings.Contains(err.Error(), tc.secret) {
			t.Errorf("OpenURL(%q) error repeats the secret: %v", tc.url, err)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("OpenURL(%q) error spans lines: %q", tc.url, err)
		}
	}
}

func TestCloneErrorsInOneLine(t *testing.T) {
	missing := "file://" + t.TempDir() + "/nope.git?token=s3cret"
	_, err := OpenURL(context.Background(), missing, CloneOptions{Token: "tok123"})
	if err == nil {
		t.Fatal("Clone of a missing repository succeeded")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || strings.Contains(msg, "s3cret") || strings.Contains(msg, "tok123") {
		t.Errorf("error %q: want one line without secrets", msg)
	}
	if !strings.Contains(msg, "nope.git") {
		t.Errorf("error %q does not name the repository", msg)
	}
}

func TestCloneLimits(t *testing.T) {
	s, url, _, _ := httpsRemote(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := OpenURL(ctx, url, trusting(s.Server)); err == nil {
		t.Error("Clone with a cancelled context succeeded")
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"https://user:pw@github.com/o/r.git":      "https://***@github.com/o/r.git",
		"https://tok@github.com/o/r.git?x=1#frag": "https://***@github.com/o/r.git?***#***",
		"https://github.com/o/r.git":              "https://github.com/o/r.git",
		"file:///tmp/repo":                        "file:///tmp/repo",
		"https://us er:p%zz@host/x":               "https://***@host/x",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsRemote(t *testing.T) {
	for arg, want := range map[string]bool{
		"https://github.com/o/r": true, "file:///tmp/r": true, "git@github.com:o/r.git": true,
		"ext::sh -c x": true, ".": false, "../repo": false, "/abs/path": false, "dir:with:colons": false,
		"C:\\Users\\repo": false,
	} {
		if got := IsRemote(arg); got != want {
			t.Errorf("IsRemote(%q) = %v, want %v", arg, got, want)
		}
	}
}

func TestShallowRepository(t *testing.T) {
	h, head := scenarios["linear"]()
	dir, marks := h.build(t, head)
	shallow := t.TempDir()
	gitRun(t, t.TempDir(), "clone", "-q", "--depth", "2", "file://"+dir, shallow)
	r := openRepo(t, shallow)
	if s, err := r.Shallow(); err != nil || !s {
		t.Fatalf("Shallow() = %v, %v; want true", s, err)
	}
	if full, _ := openRepo(t, dir).Shallow(); full {
		t.Error("a full repository reports Shallow")
	}
	paths := allPaths(t, dir)
	if _, err := r.LastChanges(marks[head], paths); err != nil {
		t.Errorf("LastChanges on a shallow clone: %v", err)
	}
	drifts, err := r.DriftAll(marks[head], []DriftQuery{{Since: marks[head], Globs: []string{"**"}}})
	if err != nil || drifts[0].Commits != 0 {
		t.Errorf("DriftAll on a shallow clone = %+v, %v", drifts, err)
	}
	if _, err := r.Authors(marks[head], timeAt(0), nil); err != nil {
		t.Errorf("Authors on a shallow clone: %v", err)
	}
	checkLastChanges(t, shallow, r, marks[head], paths)
}

func TestWalksRejectBadHashes(t *testing.T) {
	h := &history{}
	dir, _ := h.build(t, h.on(nil, set("a", "a")))
	r := openRepo(t, dir)
	missing := strings.Repeat("ab", 20)
	if _, err := r.LastChanges(missing, []string{"a"}); err == nil {
		t.Error("LastChanges from a missing commit succeeded")
	}
	if _, err := r.Tree(missing); err == nil {
		t.Error("Tree of a missing commit succeeded")
	}
	if _, err := r.DriftAll("main", []DriftQuery{{Since: missing}}); err == nil {
		t.Error("DriftAll with a branch name instead of a hash succeeded")
	}
}

// TestOpenURLReadsFileInPlace: a file:// URL is read in-process, where it
// is, without git-upload-pack (go-git's file transport runs it) and without
// a copy.
func TestOpenURLReadsFileInPlace(t *testing.T) {
	h, headMark := scenarios["criss-cross"]()
	dir, marks := h.build(t, headMark)
	bare := filepath.Join(t.TempDir(), "repo.git")
	gitRun(t, dir, "clone", "-q", "--bare", dir, bare)
	paths := allPaths(t, dir)
	want, err := openRepo(t, dir).LastChanges(marks[headMark], paths)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", "")
	for _, url := range []string{"file://" + bare, "file://localhost" + bare, "file://" + dir} {
		r, err := OpenURL(context.Background(), url, CloneOptions{})
		if err != nil {
			t.Fatalf("OpenURL(%s): %v", url, err)
		}
		if got, err := r.Resolve("HEAD"); err != nil || got != marks[headMark] {
			t.Errorf("OpenURL(%s): HEAD = %s, %v; want %s", url, got, err, marks[headMark])
		}
		if got, err := r.LastChanges(marks[headMark], paths); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("OpenURL(%s): LastChanges differ from the repository's own, %v", url, err)
		}
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(bare, "HEAD")); err != nil {
		t.Errorf("Close removed the repository a file:// URL named: %v", err)
	}
	for url, want := range map[string]string{
		"file://" + filepath.Join(dir, "infra"): "no such directory",
		"file://" + t.TempDir():                 "not a git repository",
		"file://server/srv/repo.git":            "names a path on this machine",
	} {
		if _, err := OpenURL(context.Background(), url, CloneOptions{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("OpenURL(%s) error = %v, want %q", url, err, want)
		}
	}
}

// TestTokenGoesOnlyToItsHosts: the token is GitHub's; another host gets a
// clone without it unless the user named that host.
func TestTokenGoesOnlyToItsHosts(t *testing.T) {
	for _, tc := range []struct {
		hosts []string
		sent  bool
	}{
		{nil, false},
		{[]string{"git.example.com"}, false},
		{TokenHosts("", "git.example.com, 127.0.0.1"), true},
	} {
		s, url, _, _ := httpsRemote(t)
		opts := trusting(s.Server)
		opts.Token, opts.TokenHosts = "tok-s3cret", tc.hosts
		r, err := OpenURL(context.Background(), url, opts)
		if err != nil {
			t.Fatalf("TokenHosts %q: %v", tc.hosts, err)
		}
		r.Close()
		auth := s.Authorizations()
		want := ""
		if tc.sent {
			want = "Basic " + base64.StdEncoding.EncodeToString([]byte("x-access-token:tok-s3cret"))
		}
		for _, got := range auth {
			if got != want {
				t.Errorf("TokenHosts %q: the server at 127.0.0.1 received Authorization %q, want %q", tc.hosts, got, want)
			}
		}
		if len(auth) == 0 {
			t.Errorf("TokenHosts %q: the server received no request", tc.hosts)
		}
	}
}

func TestTokenHosts(t *testing.T) {
	got := TokenHosts("https://GHE.example.com/", " git.example.com,,https://Other.Example:8443/x ")
	want := []string{"ghe.example.com", "git.example.com", "other.example"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TokenHosts = %q, want %q", got, want)
	}
	if got := TokenHosts("", ""); len(got) != 0 {
		t.Errorf("TokenHosts of nothing = %q", got)
	}
}

// TestTokenWithheldSaysHow: a host that wants credentials the token was not
// sent to gets an error that says how to send it.
func TestTokenWithheldSaysHow(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Basic realm="git"`)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()
	opts := trusting(srv)
	opts.Token = "tok-s3cret"
	_, err := OpenURL(context.Background(), srv.URL+"/repo.git", opts)
	if err == nil || !strings.Contains(err.Error(), "HANDOVER_TOKEN_HOSTS") || strings.Contains(err.Error(), "tok-s3cret") {
		t.Errorf("clone of a host that wants credentials: %v, want a hint at HANDOVER_TOKEN_HOSTS", err)
	}
}

// TestCloneProgressHasNoControlSequences: what a server writes to the
// progress channel reaches the terminal without escape sequences. The
// server's pack-objects hook writes them, as a hostile host could.
func TestCloneProgressHasNoControlSequences(t *testing.T) {
	h, headMark := scenarios["linear"]()
	dir, _ := h.build(t, headMark)
	root := t.TempDir()
	gitRun(t, dir, "clone", "-q", "--bare", dir, filepath.Join(root, "repo.git"))
	hook := filepath.Join(t.TempDir(), "hook.sh")
	script := "#!/bin/sh\nprintf 'pwned\\033]0;title\\007 \\033[2J\\302\\23331m\\033Pdcs\\033\\\\ done\\n' >&2\nexec \"$@\"\n"
	if err := os.WriteFile(hook, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(t.TempDir(), "gitconfig")
	if err := os.WriteFile(config, []byte("[uploadpack]\n\tpackObjectsHook = "+hook+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := gittest.Serve(t, root, config)
	var progress strings.Builder
	opts := trusting(s.Server)
	opts.Progress = &progress
	r, err := OpenURL(context.Background(), s.URL+"/repo.git", opts)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	got := progress.String()
	if !strings.Contains(got, "pwned  done\n") {
		t.Fatalf("progress %q does not hold the server's line without its escapes", got)
	}
	if strings.ContainsAny(got, "\x1b\x07\u009b") {
		t.Errorf("progress holds control characters: %q", got)
	}
}

func TestStripControls(t *testing.T) {
	for in, want := range map[string]string{
		"Receiving objects:  50% (1/2)\r":    "Receiving objects:  50% (1/2)\r",
		"a\x1b[2Jb\x1b[38;5;1mc\n":           "abc\n",
		"t\x1b]0;title\x07x\x1b]8;;u\x1b\\y": "txy",
		"\u009b31mred \u009d0;t\u009cok\t":   "red ok\t",
		"\x1bcreset \x1b(Bset \x07bell\x00":  "reset set bell",
		"caf\u00e9 \xff\xfe ✓":               "caf\u00e9  ✓",
		"\x1b]0;unterminated\n":              "\n",
		"\x1b":                               "",
	} {
		if got := string(stripControls([]byte(in))); got != want {
			t.Errorf("stripControls(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzStripControls(f *testing.F) {
	f.Add([]byte("a\x1b[2Jb\u009b1m\x1b]0;x\x07\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out := stripControls(data)
		for _, r := range string(out) {
			if r != '\n' && r != '\r' && r != '\t' && unicode.IsControl(r) {
				t.Fatalf("stripControls(%q) = %q keeps %U", data, out, r)
			}
		}
	})
}

// TestTokenDoesNotFollowRedirects: a host the token goes to cannot pass it
// on by redirecting the clone to another origin.
func TestTokenDoesNotFollowRedirects(t *testing.T) {
	s, url, _, _ := httpsRemote(t)
	allowed := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, s.URL+"/repo.git"+strings.TrimPrefix(r.URL.RequestURI(), "/moved.git"), http.StatusFound)
	}))
	defer allowed.Close()
	opts := trusting(s.Server)
	opts.Token, opts.TokenHosts = "tok-s3cret", []string{"127.0.0.1"}
	r, err := OpenURL(context.Background(), allowed.URL+"/moved.git", opts)
	if err != nil {
		t.Fatalf("clone through a redirect: %v (the repository is at %s)", err, url)
	}
	r.Close()
	for _, got := range s.Authorizations() {
		if got != "" {
			t.Errorf("the origin redirected to received Authorization %q", got)
		}
	}
}
