// Package saas finds the hosted services (SaaS vendors) a repository depends
// on, each with the file, line and column that prove it, so that the
// undocumented-vendor rule can report vendors missing from the vendors doc.
//
// The vendors and the names that reveal them are data: an embedded table
// (vendors.json) with, per vendor, Go module paths, npm, PyPI, RubyGems,
// crates.io and Composer package names, secret and environment-variable
// prefixes, GitHub Actions, container images and platform configuration
// files. A name ending in "*" is a prefix ("@sentry/*", "aws-sdk-*"); any
// other name must match exactly after the registry's own normalisation
// (PEP 503 for PyPI, '-' = '_' for crates), so a package that merely
// contains a vendor's name ("stripe-mock-server") is not a vendor SDK. Go
// module paths also match their subpaths and major versions
// ("github.com/stripe/stripe-go/v76"). Actions and platform files take no
// prefix: a vendor's GitHub organisation also publishes generic tools
// (getsentry/action-clickhouse-in-ci, azure/setup-helm), so each action
// that calls the service is listed by name.
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
//     actions that call a vendor's service. Workflows are read as text, so a
//     reference in a comment counts: the secret still exists in the
//     repository's settings. A generic action of a vendor's organisation
//     still reveals the vendor through the secrets its step is given.
//   - Platform files (fly.toml, vercel.json, render.yaml, railway.toml,
//     netlify.toml, heroku.yml, wrangler.toml, firebase.json): the file
//     itself, at its first line that is not blank or a comment.
//   - Compose files (compose.yaml, docker-compose*.yml): `image:` lines
//     whose repository is an agent of a vendor's account (datadog/agent,
//     cloudflare/cloudflared). Servers the project runs itself (postgres,
//     redis, getsentry/sentry) are not hosted services. Files and folders
//     named for development, tests or CI (docker-compose.test.yml,
//     docker/development/compose.yml) are skipped.
//   - Environment templates (.env.example, .env.sample, .env.template,
//     .env.dist, also .env.production.example): variables whose names
//     start with a vendor prefix, also behind NEXT_PUBLIC_, VITE_ and other
//     front-end prefixes; commented-out variables are options not taken.
//     The live .env files hold the real values and are never read.
//
// Files under node_modules, vendor, bower_components, site-packages or
// .venv are third-party copies, and those under testdata, test, tests,
// __tests__, e2e, fixtures, examples or .devcontainer are tests, samples
// and development setups: none is what the project runs, and all are
// ignored.
//
// JSON and TOML files that do not parse give no hits; line-based formats
// skip the lines they cannot read. Columns count characters (runes), as
// YAML and editors do.
package saas

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
)

// Hit is one piece of evidence that a file depends on a vendor. Vendor,
// Name and Path are what a list of accepted exceptions would match: the
// vendor, the thing that revealed it, or the file.
type Hit struct {
	Vendor       *Vendor
	Path         string // repo-relative file as given to Scan
	Line, Column int    // 1-based, of the dependency name or secret reference
	// Name is what the table matched, as written: a package
	// ("github.com/stripe/stripe-go/v76", "async-stripe"), a secret or
	// variable ("NEXT_PUBLIC_POSTHOG_KEY"), an action repository
	// ("getsentry/action-release"), an image repository
	// ("gcr.io/datadoghq/agent") or a platform file ("fly.toml").
	Name     string
	Evidence string // for people: `github.com/stripe/stripe-go/v76 in go.mod`
}

// scanner collects candidate hits of one file; finish keeps the first per
// vendor and orders them.
type scanner struct {
	path    string
	content []byte
	found   []candidate
}

// candidate is a hit before its position is known: positions are computed
// for the hits kept only, since a file may name one vendor on every line.
type candidate struct {
	vendor        *Vendor
	off           int
	name, display string
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

// ignoredDirs hold third-party copies (node_modules, vendor), tests and
// their fixtures, examples for users and development containers: none of
// them is what the project runs in production.
var ignoredDirs = map[string]bool{
	"node_modules": true, "vendor": true, "bower_components": true,
	"site-packages": true, ".venv": true,
	"testdata": true, "test": true, "tests": true, "__tests__": true, "e2e": true,
	"fixtures": true, "__fixtures__": true,
	"examples": true, "example": true, ".devcontainer": true,
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
		if devOnly(stem) {
			return nil
		}
		return scanRequirements
	}
	if parent == "workflows" && len(dirs) >= 2 && dirs[len(dirs)-2] == ".github" &&
		(strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")) {
		return scanWorkflow
	}
	if table.lookup(ecoFile, base) != nil {
		return scanPlatformFile
	}
	if stem, ok := composeFile(base); ok {
		// docker-compose.test.yml, docker/development/compose.yml
		if devOnly(stem) || devOnly(parent) {
			return nil
		}
		return scanCompose
	}
	if qualifiers, ok := envTemplate(base); ok {
		// .env.test.example
		if devOnly(qualifiers) {
			return nil
		}
		return scanEnvTemplate
	}
	return nil
}

var devWords = map[string]bool{
	"dev": true, "devel": true, "develop": true, "development": true, "local": true,
	"test": true, "tests": true, "testing": true, "e2e": true, "ci": true,
	"lint": true, "linting": true, "doc": true, "docs": true, "typing": true,
}

// devOnly reports whether the words of a file or folder name
// ("requirements-dev", "test" inside requirements/, "docker-compose.ci")
// mark it as a development or test set.
func devOnly(stem string) bool {
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
	if v := table.lookup(eco, name); v != nil {
		s.found = append(s.found, candidate{v, min(max(off, 0), len(s.content)), name, display})
	}
}

func (s *scanner) finish() []Hit {
	first := map[*Vendor]candidate{}
	for _, c := range s.found {
		if f, ok := first[c.vendor]; !ok || c.off < f.off {
			first[c.vendor] = c
		}
	}
	if len(first) == 0 {
		return nil
	}
	kept := slices.SortedFunc(maps.Values(first), func(a, b candidate) int { return cmp.Compare(a.off, b.off) })
	out := make([]Hit, len(kept))
	var pos positioner
	for i, c := range kept {
		line, col := pos.at(s.content, c.off)
		out[i] = Hit{Vendor: c.vendor, Path: s.path, Line: line, Column: col, Name: c.name, Evidence: c.display + " in " + s.path}
	}
	return out
}

// positioner converts increasing byte offsets to 1-based lines and
// 1-based columns counted in runes, reading each byte of the content once.
type positioner struct {
	off, line, lineStart int
}

func (p *positioner) at(content []byte, off int) (line, col int) {
	if p.line == 0 {
		p.line = 1
	}
	for i := p.off; i < off; i++ {
		if content[i] == '\n' {
			p.line++
			p.lineStart = i + 1
		}
	}
	p.off = off
	return p.line, utf8.RuneCount(content[p.lineStart:off]) + 1
}

// lines calls fn for every line of content with the byte offset of its
// start, without its line terminator.
func lines(content []byte, fn func(off int, line string)) {
	text := string(content) // one copy, not one per line
	off := 0
	for l := range strings.Lines(text) {
		fn(off, strings.TrimRight(l, "\r\n"))
		off += len(l)
	}
}

// skipBlanks returns the offset of the first byte at or after i in line
// that is not a space or a tab.
func skipBlanks(line string, i int) int {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i
}
