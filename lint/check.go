package lint

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/handover-dev/handover/internal/repopath"
	"github.com/handover-dev/handover/lint/result"
	"github.com/handover-dev/handover/schemas"
)

// Options are the inputs of a check besides the repository.
type Options struct {
	// Dir overrides the config's handover folder.
	Dir string
	// Config is an explicit configuration file on disk; "" reads .handover.yml.
	Config string
	// Ref checks a commit's tree instead of the working tree.
	Ref string
	// Base enables pr-drift against the merge base of Base and HEAD.
	Base string
	// Now is the time to compute ages against.
	Now time.Time
	// Token authenticates clones of https URLs on github.com and on the
	// TokenHosts (host names or URLs, each entry possibly a comma-separated
	// list, such as GITHUB_SERVER_URL and HANDOVER_TOKEN_HOSTS); other
	// hosts are cloned without it.
	Token      string
	TokenHosts []string
	// Progress receives clone progress; nil for none.
	Progress io.Writer
}

// Check lints the workspace. The error is for usage, config, I/O and git
// problems (exit code 2); everything about the documents is a finding.
func Check(ws *Workspace, opts Options) (*Result, error) {
	cfg, err := LoadConfig(ws.Source, opts.Config, os.ReadFile)
	if err != nil {
		return nil, err
	}
	if opts.Dir != "" {
		dir, ok := repopath.Clean(filepath.ToSlash(opts.Dir))
		if !ok {
			return nil, fmt.Errorf("--dir %s leaves the repository: give the handover folder relative to the repository root, such as docs/handover", opts.Dir)
		}
		cfg.Dir = dir
	}
	validators, err := loadValidators(cfg, ws.Source)
	if err != nil {
		return nil, err
	}
	pass := &Pass{
		Folder: loadFolder(ws.Source, cfg, validators),
		Config: cfg, Now: cmp.Or(opts.Now, time.Now()), Source: ws.Source, Repo: ws.Repo, Head: ws.Head, Shallow: ws.Shallow,
	}
	historyOK := ws.Repo != nil && ws.Head != "" && !ws.Shallow
	if opts.Base != "" {
		if err := pass.resolveBase(opts.Base); err != nil {
			return nil, err
		}
	}
	if historyOK && needsHistory(cfg) {
		if err := attachHistory(pass); err != nil {
			return nil, err
		}
	}
	var findings []Finding
	for _, r := range registry {
		rc := cfg.Rules[r.ID]
		if rc.Off || (r.History && !historyOK) {
			continue
		}
		findings = append(findings, pass.run(r, cmp.Or(rc.Severity, r.Severity))...)
	}
	SortFindings(findings)
	res := newResult(ws, pass, findings)
	sanitize(res, pass.Folder)
	return res, nil
}

// run runs one rule and returns its findings that no directive silences,
// at severity sev. A rule that fails says so in one more finding.
func (p *Pass) run(r *Rule, sev Severity) []Finding {
	p.rule, p.findings = r, nil
	if err := r.Run(p); err != nil {
		p.Report(At(p.Config.Dir, 0, 0, "%s could not run: %v", r.ID, err))
	}
	var out []Finding
	for _, f := range p.findings {
		f.Severity = sev
		if f.Doc == "" {
			f.Doc = kindOf(p.Folder, f.Path)
		}
		if !p.Folder.silenced(f) {
			out = append(out, f)
		}
	}
	return out
}

// resolveBase resolves --base and lists the files changed since the merge
// base, for pr-drift and the github format.
func (p *Pass) resolveBase(base string) error {
	if p.Repo == nil {
		return fmt.Errorf("--base %s needs a git repository", base)
	}
	var err error
	if p.Base, err = p.Repo.Resolve(base); err != nil {
		return fmt.Errorf("--base %s: %v", base, err)
	}
	if p.Head == "" {
		return nil
	}
	if p.Changed, err = p.Repo.ChangedFiles(p.Base, p.Head); err != nil {
		return fmt.Errorf("--base %s: %v", base, err)
	}
	return nil
}

// needsHistory reports whether an enabled rule reads the documents' last
// changes and drift, so that a check without them skips the walk.
func needsHistory(cfg *Config) bool {
	for _, id := range []string{ruleDrift.ID, ruleStaleReview.ID} {
		if !cfg.Rules[id].Off {
			return true
		}
	}
	return false
}

// SortFindings orders findings by path, line, column, rule, then message.
func SortFindings(fs []Finding) { result.SortFindings(fs) }

// kindOf returns the kind whose document is at path, or "".
func kindOf(f *Folder, path string) string {
	for kind, c := range f.Candidates {
		if slices.Contains(c, path) {
			return kind
		}
	}
	return ""
}

// silenced reports whether a handover-disable-next-line comment on the
// line above the finding names its rule.
func (f *Folder) silenced(fd Finding) bool {
	for _, file := range f.Files {
		if file.Path == fd.Path {
			return slices.Contains(file.disabled[fd.Line], fd.Rule)
		}
	}
	return false
}

func kindOrder(k string) int {
	if i := slices.Index(schemas.Kinds, k); i >= 0 {
		return i
	}
	return len(schemas.Kinds)
}
