package history

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// location is where git keeps a repository's files: the git directory
// holds HEAD and the index of one work tree, the common directory the
// objects, refs and config that linked worktrees share.
type location struct {
	gitDir, commonDir string
	workTree          string // "" for a bare repository
}

// maxPathFileBytes bounds the small files that hold a path or a ref (a .git
// file, commondir, HEAD, objects/info/alternates): git reads them whole, and
// a huge one is a sign of a hostile repository, not a real path.
const maxPathFileBytes = 64 << 10

// discover finds the repository holding dir the way git's setup does: in
// each folder from dir up to the root, a .git directory, a .git file naming
// one ("gitdir: …", as in linked worktrees and submodules), or the folder
// itself when it is a bare repository. Like git, it skips a .git that is
// none of these (a named pipe, a socket, a device, a directory without a
// repository) and looks further up; it never opens one.
func discover(dir string) (location, error) {
	for {
		loc, ok, err := repositoryAt(dir)
		if err != nil || ok {
			return loc, err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return location{}, ErrNotRepository
		}
		dir = parent
	}
}

// repositoryAt looks for a repository in dir itself, without walking up.
func repositoryAt(dir string) (location, bool, error) {
	dotGit := filepath.Join(dir, ".git")
	// Stat follows a .git that is a symbolic link, as git does.
	fi, err := os.Stat(dotGit)
	switch {
	case err == nil && fi.Mode().IsRegular():
		gitDir, err := readGitFile(dotGit)
		if err != nil {
			return location{}, false, err
		}
		loc, ok := gitDirectory(gitDir)
		if !ok {
			return location{}, false, fmt.Errorf("%s names %s, which is not a git repository (git: fatal: not a git repository): repair or remove the .git file", dotGit, gitDir)
		}
		loc.workTree = dir
		return loc, true, nil
	case err == nil && fi.IsDir():
		if loc, ok := gitDirectory(dotGit); ok {
			loc.workTree = dir
			return loc, true, nil
		}
	}
	loc, ok := gitDirectory(dir)
	return loc, ok, nil
}

// readGitFile reads the path a .git file names, relative to its folder.
func readGitFile(name string) (string, error) {
	data, err := readSmallFile(name)
	if err != nil {
		return "", err
	}
	rest, ok := bytes.CutPrefix(data, []byte("gitdir: "))
	if !ok {
		return "", fmt.Errorf("%s is a file without the \"gitdir: PATH\" line of a worktree or submodule (git: invalid gitfile format): remove it, or point it at the repository", name)
	}
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	gitDir := strings.TrimSpace(string(line))
	if gitDir == "" {
		return "", fmt.Errorf("%s has no path after \"gitdir: \" (git: no path in gitfile)", name)
	}
	if !filepath.IsAbs(gitDir) {
		gitDir = filepath.Join(filepath.Dir(name), gitDir)
	}
	return gitDir, nil
}

// gitDirectory reports whether dir is a git directory as git's
// is_git_directory() decides: HEAD is a valid ref or object id, and the
// common directory (dir itself, or the one its commondir file names) has
// objects/ and refs/.
func gitDirectory(dir string) (location, bool) {
	loc := location{gitDir: dir, commonDir: dir}
	if data, err := readSmallFile(filepath.Join(dir, "commondir")); err == nil {
		common := strings.TrimSpace(string(data))
		if !filepath.IsAbs(common) {
			common = filepath.Join(dir, common)
		}
		loc.commonDir = filepath.Clean(common)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return location{}, false
	}
	for _, sub := range []string{"objects", "refs"} {
		if fi, err := os.Stat(filepath.Join(loc.commonDir, sub)); err != nil || !fi.IsDir() {
			return location{}, false
		}
	}
	head, err := readSmallFile(filepath.Join(dir, "HEAD"))
	if err != nil || !validHead(head) {
		return location{}, false
	}
	return loc, true
}

// validHead is git's validate_headref(): a symbolic ref into refs/, or an
// object id.
func validHead(data []byte) bool {
	s := strings.TrimSpace(string(data))
	if target, ok := strings.CutPrefix(s, "ref:"); ok {
		return strings.HasPrefix(strings.TrimSpace(target), "refs/")
	}
	return plumbing.IsHash(s) || isHex(s, 64)
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

// readSmallFile reads a regular file of at most maxPathFileBytes.
func readSmallFile(name string) ([]byte, error) {
	data, err := readRegular(name, maxPathFileBytes)
	if errors.Is(err, ErrTooLarge) {
		err = fmt.Errorf("%s is larger than %d KiB, too large for the path or ref it should hold", name, maxPathFileBytes>>10)
	}
	return data, err
}

// readRegular reads a regular file of at most limit bytes (ErrTooLarge for
// a bigger one). It refuses anything else before opening it: opening a
// named pipe would block.
func readRegular(name string, limit int64) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		return nil, ErrTooLarge
	}
	return data, err
}

// openAt opens the repository at loc with go-git's storage, reading objects
// through the bounded reader of objects.go and the configuration through
// readStorage.Config.
func openAt(loc location, root string) (*Repo, error) {
	gitDir, err := filepath.EvalSymlinks(loc.gitDir)
	if err != nil {
		return nil, err
	}
	commonDir, err := filepath.EvalSymlinks(loc.commonDir)
	if err != nil {
		return nil, err
	}
	// Real paths: go-git's file systems refuse symbolic links that leave
	// their root, and a .git may be one.
	var dot billy.Filesystem = osfs.New(gitDir)
	if commonDir != gitDir {
		dot = dotgit.NewRepositoryFilesystem(dot, osfs.New(commonDir))
	}
	st := filesystem.NewStorageWithOptions(dot, cache.NewObjectLRU(packCacheBytes), filesystem.Options{
		// Pack files stay open: by default go-git opens the pack again for
		// every object it reads, which dominated walks.
		KeepDescriptors: true,
		// Bigger objects are streamed rather than inflated on lookup, so
		// that readObject can refuse them before they are in memory.
		LargeObjectThreshold: largeObjectBytes,
		// git writes absolute paths in objects/info/alternates (clone
		// --shared, --reference); go-git resolves them against this.
		AlternatesFS: osfs.New(string(filepath.Separator)),
	})
	cfg, err := st.Config()
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("read %s: %w", filepath.Join(commonDir, "config"), err)
	}
	partial := promisor(cfg, commonDir)
	if err := checkFormat(cfg); err != nil {
		st.Close()
		return nil, err
	}
	objects := newObjectReader(st, filepath.Join(commonDir, "objects"))
	storage := &readStorage{Storage: st, cfg: cfg, objects: objects}
	var wt billy.Filesystem
	if loc.workTree != "" {
		wt = osfs.New(loc.workTree)
	}
	repo, err := git.Open(storage, wt)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("open repository at %s: %w", root, err)
	}
	r := &Repo{
		git:       repo,
		storage:   st,
		objects:   objects,
		root:      root,
		gitDir:    gitDir,
		commonDir: commonDir,
		bare:      loc.workTree == "",
		partial:   partial,
		bigFile:   bigFileThreshold(cfg),
		shallow:   map[plumbing.Hash]bool{},
		commits:   newCache[*commitNode](scaled(commitCacheBytes, cacheFloor, objects.packedObjects)),
		trees:     newCache[rawTree](scaled(treeCacheBytes, cacheFloor, objects.packedObjects)),
	}
	shallow, err := st.Shallow()
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("read shallow commits: %w", err)
	}
	for _, h := range shallow {
		r.shallow[h] = true
	}
	return r, nil
}

// readStorage is go-git's storage with two changes: every object go-git
// itself reads (resolving revisions, merge bases) goes through the bounded
// object reader, and the configuration it is given leaves out the
// repository extensions checkFormat accepted, which go-git would refuse
// although they do not change how a reader sees the repository.
type readStorage struct {
	*filesystem.Storage
	cfg     *config.Config
	objects *objectReader
}

func (s *readStorage) Config() (*config.Config, error) { return s.cfg, nil }

func (s *readStorage) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	typ, data, err := s.objects.read(t, h, maxObjectBytes)
	var wrongType *wrongTypeError
	if errors.As(err, &wrongType) {
		// go-git's contract: an object of another type is not found.
		err = plumbing.ErrObjectNotFound
	}
	if err != nil {
		return nil, err
	}
	obj := &plumbing.MemoryObject{}
	obj.SetType(typ)
	_, err = obj.Write(data)
	return obj, err
}

// readerExtensions are the repository extensions that change nothing for a
// reader of commits and trees: partialClone (objects may be missing, which
// readObject reports), worktreeConfig (config.worktree holds settings such
// as sparse checkout), preciousObjects (do not prune), noop.
var readerExtensions = map[string]bool{
	"noop": true, "noop-v1": true, "partialclone": true, "worktreeconfig": true, "preciousobjects": true,
}

// checkFormat refuses what git would refuse or handover cannot read, with
// one line that says which, and removes the extensions it accepted from
// cfg so that go-git opens the repository. In format version 0 git ignores
// extensions, and so does handover.
func checkFormat(cfg *config.Config) error {
	// go-git keeps only version 1 in cfg.Core.
	version := strings.TrimSpace(cfg.Raw.Section("core").Option("repositoryformatversion"))
	switch version {
	case "", "0", "1":
	default:
		return fmt.Errorf("core.repositoryformatversion is %s; git and handover read versions 0 and 1 only", version)
	}
	if !cfg.Raw.HasSection("extensions") {
		return nil
	}
	if version == "1" {
		for _, opt := range cfg.Raw.Section("extensions").Options {
			key, value := strings.ToLower(opt.Key), strings.ToLower(strings.TrimSpace(opt.Value))
			switch {
			case readerExtensions[key]:
			case key == "objectformat" && value == "sha256":
				return errors.New("the repository uses SHA-256 object names (extensions.objectFormat = sha256), which handover cannot read yet: check a SHA-1 repository")
			case key == "objectformat" && value != "sha1":
				return fmt.Errorf("the repository uses an unknown object format (extensions.objectFormat = %s)", opt.Value)
			case key == "refstorage" && value != "files":
				return fmt.Errorf("the repository stores its refs as %s (extensions.refStorage), which handover cannot read: convert it with git refs migrate --ref-format=files", opt.Value)
			case key == "objectformat", key == "refstorage":
			default:
				return fmt.Errorf("the repository uses the extension extensions.%s, which handover does not know, so it cannot read the repository safely", opt.Key)
			}
		}
	}
	cfg.Raw.RemoveSection("extensions")
	return nil
}

// promisor returns the partial clone of a repository: the promisor remote
// and its filter, nil when the repository is complete. git marks a partial
// clone with extensions.partialClone, remote.NAME.promisor or .promisor
// pack files.
func promisor(cfg *config.Config, commonDir string) *partialClone {
	var p *partialClone
	if cfg.Raw != nil {
		if name := cfg.Raw.Section("extensions").Option("partialclone"); name != "" {
			p = &partialClone{remote: name}
		}
		for _, sub := range cfg.Raw.Section("remote").Subsections {
			if p == nil && strings.EqualFold(sub.Option("promisor"), "true") {
				p = &partialClone{remote: sub.Name}
			}
		}
	}
	if p == nil {
		packs, _ := filepath.Glob(filepath.Join(commonDir, "objects", "pack", "*.promisor"))
		if len(packs) == 0 {
			return nil
		}
		p = &partialClone{}
	}
	if cfg.Raw != nil && p.remote != "" {
		p.filter = cfg.Raw.Section("remote").Subsection(p.remote).Option("partialclonefilter")
	}
	return p
}

// bigFileThreshold is core.bigFileThreshold, git's bound on the files it
// line-diffs (bigger ones count as binary): 512 MiB unless the config sets
// a number with an optional k, m or g. A value handover cannot read leaves
// git's default.
func bigFileThreshold(cfg *config.Config) int64 {
	const gitDefault = 512 << 20
	v := ""
	if cfg.Raw != nil {
		v = strings.TrimSpace(cfg.Raw.Section("core").Option("bigfilethreshold"))
	}
	unit := int64(1)
	if v != "" {
		switch v[len(v)-1] {
		case 'k', 'K':
			unit = 1 << 10
		case 'm', 'M':
			unit = 1 << 20
		case 'g', 'G':
			unit = 1 << 30
		}
	}
	if unit > 1 {
		v = v[:len(v)-1]
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/unit {
		return gitDefault
	}
	return n * unit
}

// partialClone is what git records about a partial clone.
type partialClone struct {
	remote, filter string
}
