// Package format renders a result.Result in the output formats of
// `handover check --format`: text, json, sarif, github and markdown. Each
// format is one file behind the Formatter interface.
package format

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/handover-dev/handover/lint/result"
)

// Options tune a formatter.
type Options struct {
	// Color enables ANSI colours in the text format.
	Color bool
	// Rules documents the rules, for SARIF's rule descriptors.
	Rules []result.RuleInfo
}

// Formatter writes a result.
type Formatter interface {
	Format(w io.Writer, res *result.Result) error
}

var formats = map[string]func(Options) Formatter{
	"text":     func(o Options) Formatter { return Text{Color: o.Color} },
	"json":     func(Options) Formatter { return JSON{} },
	"sarif":    func(o Options) Formatter { return SARIF{Rules: o.Rules} },
	"github":   func(Options) Formatter { return GitHub{} },
	"markdown": func(Options) Formatter { return Markdown{} },
}

// Names lists the formats, sorted.
func Names() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns the formatter called name.
func New(name string, opts Options) (Formatter, error) {
	f, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Names(), ", "))
	}
	return f(opts), nil
}
