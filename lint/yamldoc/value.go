package yamldoc

import (
	"encoding/json"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// ToValue converts a parsed node into the value encoding/json would produce
// for the same data: map[string]any, []any, string, bool, json.Number or nil.
// Timestamps stay the text they were written as, so "reviewed: 2026-01-31"
// is the string "2026-01-31" that a "format": "date" schema checks. Aliases
// and merge keys are expanded within MaxValues values and MaxDepth levels.
func ToValue(n *yaml.Node) (any, *Error) {
	c := converter{}
	return c.value(n, 0)
}

type converter struct {
	count int
	// alias is the outermost alias being expanded. A limit hit inside it
	// is reported there, where the copy was asked for, not at a value of
	// the anchor it copies.
	alias *yaml.Node
}

// expanding runs fn with n as the outermost alias, unless one is set already.
func (c *converter) expanding(n *yaml.Node, fn func() *Error) *Error {
	if c.alias != nil || n.Kind != yaml.AliasNode {
		return fn()
	}
	c.alias = n
	defer func() { c.alias = nil }()
	return fn()
}

func (c *converter) value(n *yaml.Node, depth int) (any, *Error) {
	at := n
	if c.alias != nil {
		at = c.alias
	}
	c.count++
	if c.count > MaxValues {
		return nil, errorf(at.Line, at.Column, "aliases expand to more than %d values: use fewer nested aliases", MaxValues)
	}
	if depth > MaxDepth {
		return nil, errorf(at.Line, at.Column, "nesting is deeper than %d levels once aliases are expanded", MaxDepth)
	}
	switch n.Kind {
	case yaml.AliasNode:
		var v any
		err := c.expanding(n, func() (err *Error) {
			v, err = c.value(n.Alias, depth)
			return err
		})
		return v, err
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.value(n.Content[0], depth)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, item := range n.Content {
			v, err := c.value(item, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		if err := c.mapping(n, out, depth); err != nil {
			return nil, err
		}
		return out, nil
	}
	return scalar(n), nil
}

// mapping fills out with the pairs of n. Explicit keys win over merged ones,
// whatever their order, as YAML 1.1 merge keys specify.
func (c *converter) mapping(n *yaml.Node, out map[string]any, depth int) *Error {
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		val, err := c.value(v, depth+1)
		if err != nil {
			return err
		}
		out[k.Value] = val
	}
	for _, m := range merges {
		sources := []*yaml.Node{m}
		if deref(m).Kind == yaml.SequenceNode {
			sources = deref(m).Content
		}
		for _, s := range sources {
			target := deref(s)
			if target.Kind != yaml.MappingNode {
				return errorf(target.Line, target.Column, "a merge key (<<) takes a mapping or a list of mappings")
			}
			merged := map[string]any{}
			if err := c.expanding(s, func() *Error { return c.mapping(target, merged, depth) }); err != nil {
				return err
			}
			for k, v := range merged {
				if _, explicit := out[k]; !explicit {
					out[k] = v
				}
			}
		}
	}
	return nil
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < MaxDepth; i++ {
		n = n.Alias
	}
	return n
}

func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		var u uint64
		if n.Decode(&u) == nil {
			return json.Number(strconv.FormatUint(u, 10))
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	// Strings, timestamps, binary and anything unusual keep their source text.
	return n.Value
}
