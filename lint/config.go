package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/lint/result"
	"github.com/handover-dev/handover/lint/yamldoc"
	"github.com/handover-dev/handover/schemas"
)

// ConfigFile is where a repository keeps its configuration.
const ConfigFile = ".handover.yml"

// DefaultReviewEvery is the review period of a document that sets none.
const DefaultReviewEvery = 90

// Config is a validated .handover.yml.
type Config struct {
	// Path is the file the configuration came from, "" for the defaults.
	Path string
	// Dir is the handover folder, repository-relative.
	Dir string
	// Require lists the kinds that must have a document.
	Require []string
	// ReviewEvery is the default review period in days.
	ReviewEvery int
	// Schemas maps a kind to a repository-relative schema file replacing the embedded one.
	Schemas map[string]string
	// Rules holds per-rule settings by rule id.
	Rules map[string]RuleConfig
	// Ignore holds globs of handover-folder files to leave alone.
	Ignore []string
}

// RuleConfig is the configuration of one rule.
type RuleConfig struct {
	// Severity overrides the rule's default; 0 keeps it.
	Severity Severity
	// Off switches the rule off.
	Off bool
	// Options holds the rule's options by name, as their Option parsed them.
	Options map[string]any
}

// ConfigError is a problem in the configuration file, at a line and column.
type ConfigError struct {
	Path         string
	Line, Column int
	Message      string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Message)
}

// DefaultConfig returns the configuration of a repository without .handover.yml.
func DefaultConfig() *Config {
	return &Config{
		Dir:         "handover",
		Require:     slices.Clone(schemas.Kinds),
		ReviewEvery: DefaultReviewEvery,
		Schemas:     map[string]string{},
		Rules:       map[string]RuleConfig{},
	}
}

// ParseConfig reads and validates a configuration file's text. name is
// used in error messages.
func ParseConfig(name string, src []byte) (*Config, error) {
	cfg := DefaultConfig()
	cfg.Path = name
	fail := func(line, col int, format string, args ...any) error {
		return &ConfigError{Path: name, Line: line, Column: col, Message: fmt.Sprintf(format, args...)}
	}
	value, root, err := ReadYAML(name, "config", src)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return cfg, nil
	}
	m, _ := value.(map[string]any)
	if m == nil {
		return nil, fail(root.Line, root.Column, "the configuration must be a mapping of settings")
	}
	if dir, ok := m["dir"].(string); ok {
		clean := path.Clean(strings.TrimPrefix(dir, "./"))
		if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
			n := yamldoc.Locate(root, "/dir")
			return nil, fail(n.Line, n.Column, "dir %q leaves the repository: give a path inside it, such as handover", dir)
		}
		cfg.Dir = clean
	}
	if req, ok := m["require"].([]any); ok {
		cfg.Require = cfg.Require[:0]
		for _, k := range req {
			cfg.Require = append(cfg.Require, k.(string))
		}
	}
	if p, ok := m["review_every"].(string); ok {
		days, err := ParsePeriod(p)
		if err != nil {
			n := yamldoc.Locate(root, "/review_every")
			return nil, fail(n.Line, n.Column, "%v", err)
		}
		cfg.ReviewEvery = days
	}
	if sm, ok := m["schemas"].(map[string]any); ok {
		for kind, file := range sm {
			cfg.Schemas[kind] = file.(string)
		}
	}
	if ig, ok := m["ignore"].([]any); ok {
		for i, g := range ig {
			if !doublestar.ValidatePattern(g.(string)) {
				n := yamldoc.Locate(root, "/ignore/"+strconv.Itoa(i))
				return nil, fail(n.Line, n.Column, "ignore pattern %q is not a valid glob", g)
			}
			cfg.Ignore = append(cfg.Ignore, g.(string))
		}
	}
	if rules, ok := m["rules"].(map[string]any); ok {
		if err := cfg.parseRules(rules, root, fail); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

func (cfg *Config) parseRules(rules map[string]any, root *yaml.Node, fail func(int, int, string, ...any) error) error {
	// Sorted, so that of two mistakes the same one is reported every run.
	for _, id := range slices.Sorted(maps.Keys(rules)) {
		v := rules[id]
		ptr := "/rules" + pointer([]string{id})
		// at is the position of the key a pointer's value is under.
		at := func(ptr string) (int, int) {
			n := yamldoc.Locate(root, ptr)
			if k := yamldoc.KeyOf(yamldoc.Locate(root, parentPointer(ptr)), n); k != nil {
				return k.Line, k.Column
			}
			return n.Line, n.Column
		}
		rule := RuleByID(id)
		if rule == nil {
			line, col := at(ptr)
			return fail(line, col, "unknown rule %q: `handover rules` lists the rule ids", id)
		}
		rc := RuleConfig{Options: map[string]any{}}
		level := ""
		switch v := v.(type) {
		case string:
			level = v
		case map[string]any:
			for _, name := range slices.Sorted(maps.Keys(v)) {
				o := v[name]
				if name == "severity" {
					level, _ = o.(string)
					continue
				}
				opt := rule.option(name)
				if opt == nil {
					line, col := at(ptr + pointer([]string{name}))
					return fail(line, col, "rule %s has no option %q%s", id, name, rule.optionHint())
				}
				value, err := opt.parse(o)
				if err != nil {
					optPtr := ptr + pointer([]string{name})
					n := yamldoc.Locate(root, optPtr)
					return fail(n.Line, n.Column, "%s", located(optPtr, err.Error()))
				}
				rc.Options[name] = value
			}
		}
		switch level {
		case "", "default":
		case "off":
			rc.Off = true
		default:
			rc.Severity, _ = result.ParseSeverity(level)
		}
		cfg.Rules[id] = rc
	}
	return nil
}

// ReadYAML reads a YAML file that an embedded schema describes (config,
// portfolio): its text is checked as a document's is (size, encoding),
// parsed with positions and validated. Every problem is a *ConfigError at
// name:line:col. It returns the value and the YAML tree, for the caller's
// own checks to locate what they find; both are nil for an empty file.
func ReadYAML(name, schema string, src []byte) (any, *yaml.Node, error) {
	fail := func(line, col int, msg string) error {
		return &ConfigError{Path: name, Line: line, Column: col, Message: msg}
	}
	if err := checkText(src); err != nil {
		return nil, nil, fail(err.Line, err.Column, err.Message)
	}
	root, perr := yamldoc.Parse(yamldoc.Normalize(src), 1)
	if perr != nil {
		return nil, nil, fail(perr.Line, perr.Column, perr.Message)
	}
	if root == nil {
		return nil, nil, nil
	}
	value, perr := yamldoc.ToValue(root)
	if perr != nil {
		return nil, nil, fail(perr.Line, perr.Column, perr.Message)
	}
	if verr := embeddedSchema(schema).validate(value, root); verr != nil {
		return nil, nil, fail(verr.Line, verr.Column, verr.Message)
	}
	return value, root, nil
}

// LoadConfig reads the configuration: the file named explicitly (a path on
// disk), else .handover.yml at the root of src, else the defaults.
func LoadConfig(src Source, explicit string, readFile func(string) ([]byte, error)) (*Config, error) {
	if explicit != "" {
		b, err := readFile(explicit)
		if err != nil {
			return nil, fmt.Errorf("cannot read config %s: %w", explicit, unwrapPathError(err))
		}
		if len(b) > MaxFileSize {
			return nil, fmt.Errorf("config %s is larger than 1 MiB", explicit)
		}
		return ParseConfig(explicit, b)
	}
	b, err := src.ReadFile(ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return DefaultConfig(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", ConfigFile, unwrapPathError(err))
	}
	return ParseConfig(ConfigFile, b)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ParsePeriod reads a review period such as 90d, 6w, 3m (30 days) or 1y
// (365 days) and returns it in days.
func ParsePeriod(s string) (int, error) {
	if len(s) < 2 {
		return 0, fmt.Errorf("review period %q: want a number and a unit d, w, m or y, such as 90d", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 0 {
		return 0, fmt.Errorf("review period %q: want a number and a unit d, w, m or y, such as 90d", s)
	}
	unit := map[byte]int{'d': 1, 'w': 7, 'm': 30, 'y': 365}[s[len(s)-1]]
	if unit == 0 {
		return 0, fmt.Errorf("review period %q: the unit must be d, w, m or y", s)
	}
	if n > 100*365/unit {
		return 0, fmt.Errorf("review period %q is longer than 100 years", s)
	}
	return n * unit, nil
}

// ignored reports whether a handover-folder file is excluded by the config.
func (cfg *Config) ignored(name string) bool {
	for _, g := range cfg.Ignore {
		if ok, _ := doublestar.Match(g, name); ok {
			return true
		}
	}
	return false
}
