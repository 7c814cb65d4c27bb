package history

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// CloneOptions configure OpenURL.
type CloneOptions struct {
	Ref   string // branch, tag or commit; "" = the remote's HEAD
	Token string // sent as HTTP basic auth, never in the URL
	// TokenHosts are the hosts besides github.com the token is sent to
	// (see TokenHosts); every other host is cloned without it.
	TokenHosts []string
	Progress   io.Writer     // nil = silent
	MaxBytes   int64         // 0 = DefaultMaxBytes
	Timeout    time.Duration // 0 = DefaultTimeout

	caBundle []byte // certificates to trust besides the system's, for tests
}

// Defaults for CloneOptions.
const (
	DefaultMaxBytes = 2 << 30
	DefaultTimeout  = 10 * time.Minute
)

// sizePollInterval is how often a clone's size is checked against MaxBytes.
const sizePollInterval = 250 * time.Millisecond

// OpenURL opens the repository at an https:// or file:// URL, with its full
// history. It refuses URLs that carry credentials and every other transport
// (git://, ssh://, scp-like, ext::): a token goes in opts.Token. Errors name
// the URL only as Redact prints it.
//
// An https URL is cloned by go-git into a new temporary directory that
// Close removes; the clone is bare, so content is read through Tree. A
// file:// URL names a repository on this machine, which is read in place,
// in-process, like a local path (but not in the folders above it): go-git's
// file transport would run git-upload-pack instead.
func OpenURL(ctx context.Context, rawURL string, opts CloneOptions) (*Repo, error) {
	shown := Redact(rawURL)
	u, err := checkCloneURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("clone %s: %w", shown, err)
	}
	if u.Scheme == "file" {
		r, err := openLocal(filepath.FromSlash(u.Path))
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", shown, scrub(err, rawURL, ""))
		}
		return r, nil
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	dir, err := os.MkdirTemp("", "handover-clone-")
	if err != nil {
		return nil, fmt.Errorf("clone %s: %w", shown, err)
	}
	r, err := cloneInto(ctx, dir, u, opts)
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("clone %s: %w", shown, scrub(err, rawURL, opts.Token))
	}
	r.tempDir = dir
	return r, nil
}

// openLocal opens the repository at dir itself, as git clone does with a
// local path, without looking in the folders above it.
func openLocal(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("no such directory")
	}
	loc, ok, err := repositoryAt(abs)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrNotRepository
	}
	return openAt(loc, cmp.Or(loc.workTree, loc.gitDir))
}

func cloneInto(ctx context.Context, dir string, u *url.URL, opts CloneOptions) (*Repo, error) {
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	tooBig := watchSize(ctx, cancel, dir, opts.MaxBytes)

	co := &git.CloneOptions{URL: u.String(), Tags: git.AllTags, CABundle: opts.caBundle}
	withToken := opts.Token != "" && tokenAllowed(u, opts.TokenHosts)
	if withToken {
		co.Auth = &http.BasicAuth{Username: "x-access-token", Password: opts.Token}
	}
	if opts.Progress != nil {
		co.Progress = &controlFilter{w: opts.Progress}
	}
	st := filesystem.NewStorage(osfs.New(dir), cache.NewObjectLRUDefault())
	defer st.Close()
	repo, err := git.CloneContext(ctx, &checkedStorage{Storage: st, dir: dir, maxBytes: opts.MaxBytes}, nil, co)
	switch {
	// The size is polled, so a clone that ends between two polls is
	// measured once more.
	case tooBig() || errors.Is(err, ErrTooLarge) || err == nil && dirSize(dir) > opts.MaxBytes:
		return nil, fmt.Errorf("repository is larger than %d MiB; clone it yourself and pass the local path", opts.MaxBytes>>20)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("no result after %s; clone it yourself and pass the local path", opts.Timeout)
	case err != nil && opts.Token != "" && !withToken && needsAuth(err):
		return nil, fmt.Errorf("%w (the token is sent only to github.com, the host of GITHUB_SERVER_URL and the hosts in HANDOVER_TOKEN_HOSTS: add %s there to send it)", err, u.Hostname())
	case err != nil:
		return nil, err
	}
	if opts.Ref != "" {
		if err := detachAt(repo, opts.Ref); err != nil {
			return nil, err
		}
	}
	return openAt(location{gitDir: dir, commonDir: dir}, dir)
}

// needsAuth reports a clone that failed for want of credentials. GitHub
// answers 404 rather than 401 for a private repository.
func needsAuth(err error) bool {
	return errors.Is(err, transport.ErrAuthenticationRequired) || errors.Is(err, transport.ErrAuthorizationFailed) || errors.Is(err, transport.ErrRepositoryNotFound)
}

// tokenAllowed reports whether the token may go to u's host: it is a GitHub
// token, so only github.com and the hosts the user named get it.
func tokenAllowed(u *url.URL, hosts []string) bool {
	host := strings.ToLower(u.Hostname())
	return host == "github.com" || slices.Contains(hosts, host)
}

// TokenHosts lists the hosts a token may be sent to besides github.com:
// each entry is a comma-separated list of host names or URLs, such as
// GITHUB_SERVER_URL (set by GitHub Actions, it names a GitHub Enterprise
// Server) and HANDOVER_TOKEN_HOSTS. Names are lowercased.
func TokenHosts(entries ...string) []string {
	var hosts []string
	for _, h := range strings.Split(strings.Join(entries, ","), ",") {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if !strings.Contains(h, "://") {
			h = "https://" + h
		}
		if u, err := url.Parse(h); err == nil && u.Hostname() != "" {
			hosts = append(hosts, strings.ToLower(u.Hostname()))
		}
	}
	return hosts
}

// detachAt points the clone's HEAD at ref, so that HEAD means what the user
// asked for.
func detachAt(repo *git.Repository, ref string) error {
	h, err := repo.ResolveRevision(plumbing.Revision(ref))
	if err != nil {
		return fmt.Errorf("ref %q: %w", ref, err)
	}
	return repo.Storer.SetReference(plumbing.NewHashReference(plumbing.HEAD, *h))
}

// watchSize cancels the clone once dir grows beyond max bytes. The returned
// function reports whether it did.
func watchSize(ctx context.Context, cancel context.CancelFunc, dir string, max int64) func() bool {
	exceeded := make(chan struct{})
	go func() {
		tick := time.NewTicker(sizePollInterval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if dirSize(dir) > max {
					close(exceeded)
					cancel()
					return
				}
			}
		}
	}()
	return func() bool {
		select {
		case <-exceeded:
			return true
		default:
			return false
		}
	}
}

func dirSize(dir string) int64 {
	var total int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
		}
		return nil
	})
	return total
}

// checkCloneURL allows https:// and file:// URLs without credentials.
func checkCloneURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme == "" || !strings.Contains(rawURL, "://") {
		return nil, errors.New("not a URL: use https://host/org/repo.git, file:///path, or a local path")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch u.Scheme {
	case "https":
		if u.Host == "" {
			return nil, errors.New("the URL has no host")
		}
	case "file":
		if h := u.Hostname(); h != "" && !strings.EqualFold(h, "localhost") {
			return nil, fmt.Errorf("a file:// URL names a path on this machine, not on %s: use file:///path", h)
		}
	default:
		return nil, fmt.Errorf("%s:// is not supported: use https:// (or file:// or a local path)", u.Scheme)
	}
	if u.User != nil {
		return nil, errors.New("the URL contains credentials: remove them and set HANDOVER_TOKEN or GITHUB_TOKEN instead")
	}
	return u, nil
}

// scrub removes the URL and token from an error that a transport may have
// built from them.
func scrub(err error, rawURL, token string) error {
	msg := err.Error()
	if token != "" {
		msg = strings.ReplaceAll(msg, token, "***")
	}
	msg = strings.ReplaceAll(msg, rawURL, Redact(rawURL))
	return errors.New(msg)
}

// Redact returns the URL with its user information, query and fragment
// replaced by "***", fit to print: "https://***@host/x.git".
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme == "" {
		return redactLoose(rawURL)
	}
	s := u.Scheme + "://"
	if u.User != nil {
		s += "***@"
	}
	s += u.Host + u.EscapedPath()
	if u.RawQuery != "" || u.ForceQuery {
		s += "?***"
	}
	if u.Fragment != "" {
		s += "#***"
	}
	return s
}

var looseUserinfo = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@`)

// redactLoose handles strings net/url cannot parse, which may still hold a
// password before an '@'.
func redactLoose(s string) string {
	if m := looseUserinfo.FindStringSubmatchIndex(s); m != nil {
		s = s[:m[3]] + "***@" + s[m[1]:]
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i] + s[i:i+1] + "***"
	}
	return s
}

var (
	schemeURL       = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)
	scpLike         = regexp.MustCompile(`^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:`)
	transportPrefix = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*::`)
)

// IsRemote reports whether arg names a remote repository rather than a
// local path: a URL (scheme://…), an scp-like address (git@host:org/repo) or
// a transport prefix (ext::…). OpenURL refuses all but https:// and file://,
// and does so with a clear message instead of "no such directory".
func IsRemote(arg string) bool {
	return schemeURL.MatchString(arg) || scpLike.MatchString(arg) || transportPrefix.MatchString(arg)
}
