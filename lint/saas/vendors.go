package saas

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// Vendor is a hosted service as a vendors doc would list it.
type Vendor struct {
	Name     string   // canonical name: "Stripe", "AWS", "Google Cloud"
	Aliases  []string // other names that count as listing it: "Amazon Web Services", "GCP"
	Category string   // payments, email, monitoring, analytics, auth, cloud, ai, ...

	matchers map[ecosystem][]string // normalised; a trailing "*" makes a prefix
}

// ecosystem is where a matcher applies: a package registry, secret and
// environment-variable names, workflow actions, container images or the
// names of platform configuration files.
type ecosystem string

const (
	ecoGo       ecosystem = "go"
	ecoNPM      ecosystem = "npm"
	ecoPyPI     ecosystem = "pypi"
	ecoGem      ecosystem = "gem"
	ecoCargo    ecosystem = "cargo"
	ecoComposer ecosystem = "composer"
	ecoSecret   ecosystem = "secrets" // workflow secrets and environment-template variables
	ecoAction   ecosystem = "actions"
	ecoImage    ecosystem = "images"
	ecoFile     ecosystem = "files"
)

var ecosystems = []ecosystem{ecoGo, ecoNPM, ecoPyPI, ecoGem, ecoCargo, ecoComposer, ecoSecret, ecoAction, ecoImage, ecoFile}

// normalize maps a name to the form the registry treats as identical, so
// the table and the manifests meet in one spelling.
func normalize(eco ecosystem, name string) string {
	switch eco {
	case ecoGo, ecoFile:
		return name // module paths and file names are case-sensitive
	case ecoPyPI:
		return pep503(name)
	case ecoCargo:
		// crates.io treats - and _ as the same character.
		return strings.ReplaceAll(strings.ToLower(name), "_", "-")
	case ecoSecret:
		return strings.ToUpper(name) // GitHub secret names are case-insensitive
	default:
		return strings.ToLower(name)
	}
}

// pep503 normalises a Python project name: lower case, and any run of
// '-', '_' and '.' becomes one '-'.
func pep503(name string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(name) {
		if r == '-' || r == '_' || r == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteRune(r)
	}
	return b.String()
}

//go:embed vendors.json
var vendorsJSON []byte

// tableEntry is one vendor of vendors.json. Every name in it is one that a
// registry serves or a real manifest uses; a library that only mentions a
// vendor (svix, which also verifies Clerk's and Resend's webhooks; an
// OpenAI-compatible client) is left out, since it proves no account.
type tableEntry struct {
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases"`
	Category string   `json:"category"`
	Go       []string `json:"go"`
	NPM      []string `json:"npm"`
	PyPI     []string `json:"pypi"`
	Gem      []string `json:"gem"`
	Cargo    []string `json:"cargo"`
	Composer []string `json:"composer"`
	// Secrets are prefixes ("STRIPE_*") or names of workflow secrets and
	// of environment-template variables.
	Secrets []string `json:"secrets"`
	// Actions are owner/repo names of the GitHub Actions that call the
	// service (getsentry/action-release creates Sentry releases), never a
	// whole organisation.
	Actions []string `json:"actions"`
	// Images are container repositories of agents that work for an
	// account of the vendor (datadog/agent), not servers the project runs
	// itself (getsentry/sentry).
	Images []string `json:"images"`
	// Files are names of configuration files read only by the vendor's
	// platform (fly.toml).
	Files []string `json:"files"`
}

// index answers "which vendor publishes this package" per ecosystem.
type index struct {
	exact  map[ecosystem]map[string]*Vendor
	prefix map[ecosystem][]prefixMatcher
}

type prefixMatcher struct {
	prefix string
	vendor *Vendor
}

var vendors, table = mustLoad(vendorsJSON)

// mustLoad panics because the table is compiled into the binary: a broken
// table is a build defect that the package tests catch, not an input error.
func mustLoad(data []byte) ([]*Vendor, *index) {
	vs, idx, err := load(data)
	if err != nil {
		panic("lint/saas: vendors.json: " + err.Error())
	}
	return vs, idx
}

func load(data []byte) ([]*Vendor, *index, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var entries []tableEntry
	if err := dec.Decode(&entries); err != nil {
		return nil, nil, err
	}
	idx := &index{exact: map[ecosystem]map[string]*Vendor{}, prefix: map[ecosystem][]prefixMatcher{}}
	vs := make([]*Vendor, 0, len(entries))
	for _, e := range entries {
		v := &Vendor{Name: e.Name, Aliases: e.Aliases, Category: e.Category, matchers: map[ecosystem][]string{}}
		lists := map[ecosystem][]string{
			ecoGo: e.Go, ecoNPM: e.NPM, ecoPyPI: e.PyPI, ecoGem: e.Gem, ecoCargo: e.Cargo,
			ecoComposer: e.Composer, ecoSecret: e.Secrets, ecoAction: e.Actions,
			ecoImage: e.Images, ecoFile: e.Files,
		}
		for eco, names := range lists {
			for _, name := range names {
				if err := idx.add(eco, name, v); err != nil {
					return nil, nil, fmt.Errorf("%s: %w", e.Name, err)
				}
			}
		}
		vs = append(vs, v)
	}
	return vs, idx, nil
}

func (idx *index) add(eco ecosystem, name string, v *Vendor) error {
	base, isPrefix := strings.CutSuffix(name, "*")
	if base == "" || strings.Contains(base, "*") || (isPrefix && eco == ecoGo) {
		return fmt.Errorf("%s matcher %q: want a name, or a prefix ending in one '*' (not for go, where module paths already match their subpaths)", eco, name)
	}
	if isPrefix && (eco == ecoAction || eco == ecoFile) {
		// A vendor's GitHub organisation also publishes generic tools
		// (getsentry/action-clickhouse-in-ci, azure/setup-helm) that do
		// not touch its service: only the actions that call it count.
		return fmt.Errorf("%s matcher %q: list each one by its full name; an organisation's other actions need not use its service", eco, name)
	}
	n := normalize(eco, base)
	if isPrefix {
		idx.prefix[eco] = append(idx.prefix[eco], prefixMatcher{n, v})
		v.matchers[eco] = append(v.matchers[eco], n+"*")
		return nil
	}
	if idx.exact[eco] == nil {
		idx.exact[eco] = map[string]*Vendor{}
	}
	if other := idx.exact[eco][n]; other != nil {
		return fmt.Errorf("%s matcher %q is also listed under %s", eco, name, other.Name)
	}
	idx.exact[eco][n] = v
	v.matchers[eco] = append(v.matchers[eco], n)
	return nil
}

// lookup returns the vendor publishing name in eco, or nil. A Go module
// matches a table entry that is the module path itself or a parent path, so
// "github.com/aws/aws-sdk-go-v2/service/s3" and
// "github.com/stripe/stripe-go/v76" match their SDK roots, while
// "github.com/stripe/stripe-go-mock" does not.
func (idx *index) lookup(eco ecosystem, name string) *Vendor {
	n := normalize(eco, name)
	if eco == ecoGo {
		for p := n; p != ""; {
			if v := idx.exact[eco][p]; v != nil {
				return v
			}
			i := strings.LastIndexByte(p, '/')
			if i < 0 {
				break
			}
			p = p[:i]
		}
		return nil
	}
	if v := idx.match(eco, n); v != nil || eco != ecoSecret {
		return v
	}
	for _, p := range frameworkPrefixes {
		if rest, ok := strings.CutPrefix(n, p); ok {
			return idx.match(eco, rest)
		}
	}
	return nil
}

// frameworkPrefixes are put before a variable's name by front-end build
// tools to expose it to the browser: NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is
// still Stripe's key.
var frameworkPrefixes = []string{
	"NEXT_PUBLIC_", "REACT_APP_", "VITE_", "EXPO_PUBLIC_", "NUXT_PUBLIC_", "NUXT_", "GATSBY_", "VUE_APP_", "PUBLIC_",
}

// match looks a normalised name up among the exact names, then the
// prefixes, of eco.
func (idx *index) match(eco ecosystem, n string) *Vendor {
	if v := idx.exact[eco][n]; v != nil {
		return v
	}
	for _, m := range idx.prefix[eco] {
		if strings.HasPrefix(n, m.prefix) && len(n) > len(m.prefix) {
			return m.vendor
		}
	}
	return nil
}

// Vendors returns the embedded table, in table order. The vendors are
// shared: callers must not modify them.
func Vendors() []*Vendor {
	return append([]*Vendor(nil), vendors...)
}

// Listed reports whether any of names, as written in a vendors doc, names v
// by its Name or an alias. The comparison ignores case, punctuation such as
// "(", ",", ":" and "/", a web-domain suffix (".io", ".com"), a trailing
// company form ("Inc.", "Ltd") and anything after the vendor's name, so
// "Stripe, Inc.", "Sentry (errors)", "sentry.io" and "AWS S3" all list their
// vendor.
func (v *Vendor) Listed(names []string) bool {
	forms := make([]string, 0, 1+len(v.Aliases))
	for _, n := range append([]string{v.Name}, v.Aliases...) {
		if f := docForm(n); f != "" {
			forms = append(forms, f)
		}
	}
	for _, name := range names {
		d := docForm(name)
		for _, f := range forms {
			if d == f || strings.HasPrefix(d, f+" ") {
				return true
			}
		}
	}
	return false
}

var companyForms = map[string]bool{"inc": true, "ltd": true, "llc": true, "gmbh": true, "corp": true, "corporation": true, "co": true, "plc": true}

// docForm reduces a vendor name to lower-case words without punctuation or
// domain suffixes.
func docForm(name string) string {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return strings.ContainsRune(" \t(),;:/|[]{}\"'–—", r)
	})
	out := words[:0]
	for _, w := range words {
		w = strings.TrimRight(w, ".")
		for _, tld := range []string{".io", ".com", ".dev", ".ai", ".co", ".so"} {
			if t, ok := strings.CutSuffix(w, tld); ok && t != "" {
				w = t
				break
			}
		}
		if w == "" || w == "-" {
			continue
		}
		out = append(out, w)
	}
	for len(out) > 1 && companyForms[out[len(out)-1]] {
		out = out[:len(out)-1]
	}
	return strings.Join(out, " ")
}
