package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/handover-dev/handover/lint/result"
)

// Option is a setting of a rule in .handover.yml, such as
// `renewal-due: {days: 45}`. A rule declares its options as variables and
// reads them with Pass.Int or Pass.List, so that a misspelt name is a
// compile error and a value of the wrong type is a configuration error
// with its line and column, never a surprise while the rule runs.
type Option interface {
	info() result.OptionInfo
	// check validates the declaration itself, at registration.
	check() error
	// parse validates a value from the configuration.
	parse(v any) (any, error)
}

// IntOption is a whole number of at least 0.
type IntOption struct {
	Name    string
	Default int
	Doc     string
}

func (o *IntOption) info() result.OptionInfo {
	return result.OptionInfo{Name: o.Name, Default: strconv.Itoa(o.Default), Doc: o.Doc}
}

func (o *IntOption) check() error {
	if o.Default < 0 {
		return fmt.Errorf("default %d is less than 0", o.Default)
	}
	return nil
}

func (o *IntOption) parse(v any) (any, error) {
	num, ok := v.(json.Number)
	if !ok {
		return nil, fmt.Errorf("got %s, want integer", jsonType(v))
	}
	n, err := strconv.ParseInt(string(num), 10, 32)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return nil, fmt.Errorf("%s is too large", num)
	case err != nil:
		return nil, fmt.Errorf("got number, want integer")
	case n < 0:
		return nil, fmt.Errorf("%d is less than 0", n)
	}
	return int(n), nil
}

// ListOption is a list of names, email addresses or globs, matched
// case-insensitively (see ListOption.Match).
type ListOption struct {
	Name string
	Doc  string
}

func (o *ListOption) info() result.OptionInfo {
	return result.OptionInfo{Name: o.Name, Default: "[]", Doc: o.Doc}
}

func (o *ListOption) check() error { return nil }

func (o *ListOption) parse(v any) (any, error) {
	items, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("got %s, want a list such as [name, \"*@example.com\"]", jsonType(v))
	}
	out := make([]string, 0, len(items))
	for i, it := range items {
		s, ok := it.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return nil, fmt.Errorf("item %d: want a non-empty string", i)
		}
		if !doublestar.ValidatePattern(strings.ToLower(s)) {
			return nil, fmt.Errorf("item %d: %q is not a valid glob", i, s)
		}
		out = append(out, s)
	}
	return out, nil
}

// matchAny reports whether any of the values matches one of the patterns:
// a name or address compared case-insensitively, or a glob such as
// "*[bot]" or "*@ci.example.com".
func matchAny(patterns []string, values ...string) bool {
	for _, p := range patterns {
		p = strings.ToLower(p)
		for _, v := range values {
			v = strings.ToLower(v)
			if v == "" {
				continue
			}
			if ok, _ := doublestar.Match(p, v); ok || p == v {
				return true
			}
		}
	}
	return false
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// Int returns the configured value of one of the running rule's options.
func (p *Pass) Int(o *IntOption) int {
	if v, ok := p.Config.Rules[p.rule.ID].Options[o.Name].(int); ok {
		return v
	}
	return o.Default
}

// List returns the configured value of one of the running rule's options.
func (p *Pass) List(o *ListOption) []string {
	v, _ := p.Config.Rules[p.rule.ID].Options[o.Name].([]string)
	return v
}
