// Package saas finds the hosted services (SaaS vendors) a repository depends
// on, each with the file, line and column that prove it, so that the
// undocumented-vendor rule can report vendors missing from the vendors doc.
//
// The vendors and the packages and secrets that reveal them are data: an
// embedded table (vendors.json) with, per vendor, Go module paths, npm,
// PyPI, RubyGems, crates.io and Composer package names, GitHub Actions
// secret-name prefixes and action repositories. A name ending in "*" is a
// prefix ("@sentry/*", "aws-sdk-*"); any other name must match exactly after
// the registry's own normalisation (PEP 503 for PyPI, '-' = '_' for crates),
// so a package that merely contains a vendor's name ("stripe-mock-server")
// is not a vendor SDK. Go module paths also match their subpaths and major
// versions ("github.com/stripe/stripe-go/v76").
//
// Only what the project itself chose to run in production counts:
//   - go.mod: `// indirect` requirements are skipped; they are dependencies
//     of dependencies, which the project did not pick.
//   - package.json: dependencies, optionalDependencies and peerDependencies;
//     not devDependencies (build and test tools). An npm alias
//     ("name": "npm:real@1") counts as the real package.
//   - composer.json: require, not require-dev.
//   - Cargo.toml: [dependencies], [target.*.dependencies] and
//     [workspace.dependencies], with `package = "..."` renames; not
//     dev- or build-dependencies.
//   - pyproject.toml: [project] dependencies and [tool.poetry.dependencies];
//     not optional-dependencies, dependency groups or Poetry groups, which
//     are mostly dev and test sets.
//   - Gemfile: gems outside `group :development/:test` blocks and without a
//     `group: :development/:test` option.
//   - requirements files: requirements*.txt and requirements/*.txt, except
//     those named for dev, test, lint or docs (requirements-dev.txt).
//   - Workflows (.github/workflows/*.yml|yaml): `secrets.NAME` references
//     inside `${{ }}` expressions whose NAME starts with a vendor prefix
//     (GITHUB_TOKEN names GitHub itself and matches nothing), and `uses:`
//     actions published by a vendor. Workflows are read as text, so a
//     reference in a comment counts: the secret still exists in the
//     repository's settings.
//
// Manifests under node_modules, vendor, bower_components, site-packages,
// .venv or testdata are third-party copies or fixtures, not the project's
// own dependencies, and are ignored.
//
// JSON and TOML files that do not parse give no hits; line-based formats
// skip the lines they cannot read. Columns count characters (runes), as
// YAML and editors do.
package saas

import (
	"bytes"
	"cmp"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
)

// Hit is one piece of evidence that a file depends on a vendor.
type Hit struct {
	Vendor       *Vendor
	Path         string // repo-relative file as given to Scan
	Line, Column int    // 1-based, of the dependency name or secret reference
	Evidence     string // `github.com/stripe/stripe-go/v76 in go.mod`
}

// scanner collects candidate hits of one file; finish orders them and keeps
// the first per vendor.
type scanner struct {
	path    string
	content []byte
	hits    []Hit
}

type scanFunc func(s *scanner)

// IsManifest reports whether Scan reads the file at path, a repo-relative
// path with '/' (or '\') separators.
func IsManifest(p string) bool {
	return scannerFor(p) != nil
}

// Scan returns the vendors that the file at path depends on, at most one
// hit per vendor (its first occurrence), ordered by position. A file that
// is not a manifest, or does not parse, gives none.
func Scan(p string, content []byte) []Hit {
	scan := scannerFor(p)
	if scan == nil {
		return nil
	}
	s := &scanner{path: p, content: content}
	scan(s)
	return s.finish()
}

var ignoredDirs = map[string]bool{
	"node_modules": true, "vendor": true, "bower_components": true,
	"site-packages": true, ".venv": true, "testdata": true,
}

func scannerFor(p string) scanFunc {
	segs := strings.Split(path.Clean(strings.ReplaceAll(p, `\`, "/")), "/")
	dirs, base := segs[:len(segs)-1], segs[len(segs)-1]
	if slices.ContainsFunc(dirs, func(d string) bool { return ignoredDirs[d] }) {
		return nil
	}
	switch base {
	case "go.mod":
		return scanGoMod
	case "package.json":
		return scanPackageJSON
	case "composer.json":
		return scanComposerJSON
	case "Cargo.toml":
		return scanCargo
	case "pyproject.toml":
		return scanPyproject
	case "Gemfile":
		return scanGemfile
	}
	parent := ""
	if len(dirs) > 0 {
		parent = dirs[len(dirs)-1]
	}
	if stem, ok := strings.CutSuffix(base, ".txt"); ok && (strings.HasPrefix(stem, "requirements") || parent == "requirements") {
		if devRequirements(stem) {
			return nil
		}
		return scanRequirements
	}
	if parent == "workflows" && len(dirs) >= 2 && dirs[len(dirs)-2] == ".github" &&
		(strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")) {
		return scanWorkflow
	}
	return nil
}

var devWords = map[string]bool{
	"dev": true, "devel": true, "develop": true, "development": true,
	"test": true, "tests": true, "testing": true, "lint": true, "linting": true,
	"doc": true, "docs": true, "typing": true,
}

// devRequirements reports whether the words of a requirements file name
// ("requirements-dev", "test" inside requirements/) mark it as a
// development set.
func devRequirements(stem string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(stem), func(r rune) bool {
		return r == '-' || r == '_' || r == '.'
	}) {
		if devWords[w] {
			return true
		}
	}
	return false
}

// add records name (a package or secret as written) at byte offset off of
// the content when eco's table knows it. display is what the evidence
// names: usually the name itself.
func (s *scanner) add(eco ecosystem, name string, off int, display string) {
	v := table.lookup(eco, name)
	if v == nil {
		return
	}
	line, col := position(s.content, off)
	s.hits = append(s.hits, Hit{Vendor: v, Path: s.path, Line: line, Column: col, Evidence: display + " in " + s.path})
}

func (s *scanner) finish() []Hit {
	slices.SortStableFunc(s.hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	seen := map[*Vendor]bool{}
	out := s.hits[:0]
	for _, h := range s.hits {
		if !seen[h.Vendor] {
			seen[h.Vendor] = true
			out = append(out, h)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// position converts a byte offset to a 1-based line and a 1-based column
// counted in runes.
func position(content []byte, off int) (line, col int) {
	off = min(max(off, 0), len(content))
	before := content[:off]
	start := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte{'\n'}) + 1, utf8.RuneCount(before[start:]) + 1
}

// lines calls fn for every line of content with the byte offset of its
// start, without its line terminator.
func lines(content []byte, fn func(off int, line string)) {
	off := 0
	for l := range bytes.Lines(content) {
		fn(off, strings.TrimRight(string(l), "\r\n"))
		off += len(l)
	}
}
