package yamldoc

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Locate follows a JSON pointer (RFC 6901, e.g. "/members/1/email") from
// root and returns the node it names. When the pointer names something that
// does not exist (a missing property), it returns the deepest node on the
// way, which is where the fix belongs. A nil root gives nil.
func Locate(root *yaml.Node, pointer string) *yaml.Node {
	if root == nil {
		return nil
	}
	n := root
	if pointer == "" || pointer == "/" {
		return n
	}
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		next := child(deref(n), tok)
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// child returns the value node under key tok of a mapping (including keys
// brought in by merge keys) or at index tok of a sequence.
func child(n *yaml.Node, tok string) *yaml.Node {
	switch n.Kind {
	case yaml.SequenceNode:
		i, err := strconv.Atoi(tok)
		if err != nil || i < 0 || i >= len(n.Content) {
			return nil
		}
		return n.Content[i]
	case yaml.MappingNode:
		var merged *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.ShortTag() == "!!merge" {
				if merged == nil {
					merged = fromMerge(n.Content[i+1], tok)
				}
				continue
			}
			if k.Value == tok {
				return n.Content[i+1]
			}
		}
		return merged
	}
	return nil
}

func fromMerge(v *yaml.Node, tok string) *yaml.Node {
	v = deref(v)
	if v.Kind == yaml.SequenceNode {
		for _, s := range v.Content {
			if c := child(deref(s), tok); c != nil {
				return c
			}
		}
		return nil
	}
	return child(v, tok)
}

// KeyOf returns the key node whose value is v in mapping m, or nil.
func KeyOf(m, v *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i+1] == v {
			return m.Content[i]
		}
	}
	return nil
}
