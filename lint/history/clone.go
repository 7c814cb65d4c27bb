package history

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport/http"
)

// CloneOptions configure Clone.
type CloneOptions struct {
	Ref      string        // branch, tag or commit; "" = the remote's HEAD
	Token    string        // sent as HTTP basic auth, never in the URL
	Progress io.Writer     // nil = silent
	MaxBytes int64         // 0 = DefaultMaxBytes
	Timeout  time.Duration // 0 = DefaultTimeout
}

// Defaults for CloneOptions.
const (
	DefaultMaxBytes = 2 << 30
	DefaultTimeout  = 10 * time.Minute
)

// sizePollInterval is how often a clone's size is checked against MaxBytes.
const sizePollInterval = 250 * time.Millisecond

// Clone clones an https:// or file:// URL, with its full history, into a new
// temporary directory that Close removes. It refuses URLs that carry
// credentials and every other transport (git://, ssh://, scp-like, ext::):
// a token goes in opts.Token. The clone is bare, so content is read through
// Tree. Errors name the URL only as Redact prints it.
func Clone(ctx context.Context, rawURL string, opts CloneOptions) (*Repo, error) {
	shown := Redact(rawURL)
	if err := checkCloneURL(rawURL); err != nil {
		return nil, fmt.Errorf("clone %s: %w", shown, err)
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
	repo, err := cloneInto(ctx, dir, rawURL, opts)
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("clone %s: %w", shown, scrub(err, rawURL, opts.Token))
	}
	r, err := newRepo(repo, dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	r.tempDir = dir
	return r, nil
}

func cloneInto(ctx context.Context, dir, rawURL string, opts CloneOptions) (*git.Repository, error) {
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	tooBig := watchSize(ctx, cancel, dir, opts.MaxBytes)

	co := &git.CloneOptions{URL: rawURL, Tags: git.AllTags}
	if opts.Token != "" {
		co.Auth = &http.BasicAuth{Username: "x-access-token", Password: opts.Token}
	}
	if opts.Progress != nil {
		co.Progress = opts.Progress
	}
	repo, err := git.PlainCloneContext(ctx, dir, true, co)
	switch {
	// The size is polled, so a clone that ends between two polls is
	// measured once more.
	case tooBig() || err == nil && dirSize(dir) > opts.MaxBytes:
		return nil, fmt.Errorf("repository is larger than %d MiB; clone it yourself and pass the local path", opts.MaxBytes>>20)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("no result after %s; clone it yourself and pass the local path", opts.Timeout)
	case err != nil:
		return nil, err
	}
	if opts.Ref != "" {
		if err := detachAt(repo, opts.Ref); err != nil {
			return nil, err
		}
	}
	return repo, nil
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
func checkCloneURL(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme == "" || !strings.Contains(rawURL, "://") {
		return errors.New("not a URL: use https://host/org/repo.git, file:///path, or a local path")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		if u.Host == "" {
			return errors.New("the URL has no host")
		}
	case "file":
	default:
		return fmt.Errorf("%s:// is not supported: use https:// (or file:// or a local path)", u.Scheme)
	}
	if u.User != nil {
		return errors.New("the URL contains credentials: remove them and set HANDOVER_TOKEN or GITHUB_TOKEN instead")
	}
	return nil
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
	schemeURL = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)
	scpLike   = regexp.MustCompile(`^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:`)
	transport = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*::`)
)

// IsRemote reports whether arg names a remote repository rather than a
// local path: a URL (scheme://…), an scp-like address (git@host:org/repo) or
// a transport prefix (ext::…). Clone refuses all but https:// and file://,
// and does so with a clear message instead of "no such directory".
func IsRemote(arg string) bool {
	return schemeURL.MatchString(arg) || scpLike.MatchString(arg) || transport.MatchString(arg)
}
