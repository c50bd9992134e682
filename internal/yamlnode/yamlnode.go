// Package yamlnode holds what pacta's YAML loaders share for walking node
// trees by hand (to keep every value's line and column). It is internal: no
// promise is made about it.
package yamlnode

import "go.yaml.in/yaml/v3"

// IsNull reports a missing node or an explicit null.
func IsNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// Absent reports a value that is not there or says nothing.
func Absent(n *yaml.Node) bool {
	return IsNull(n) || (n.Kind == yaml.ScalarNode && n.Value == "")
}

// KindOf names a node's kind for a message: "a scalar", "a mapping"…
func KindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		if IsNull(n) {
			return "nothing"
		}
		return "a scalar"
	case yaml.SequenceNode:
		return "a sequence"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	return "an unknown node"
}

// MaxNodes bounds how many YAML nodes a file of untrusted input may hold.
// The YAML library builds the whole tree before a loader sees it, at a few
// hundred bytes a node, so a 16 MiB file of tiny list items would take
// gigabytes; a file over the bound is refused before it is parsed.
const MaxNodes = 1_000_000

// TooManyNodes reports whether data may hold more than max nodes. It counts
// the bytes that can begin or separate a node (an upper bound on the nodes),
// so it never refuses a file that holds fewer.
func TooManyNodes(data []byte, max int) bool {
	n := 0
	for _, c := range data {
		switch c {
		case '\n', ',', ':', '-', '[', '{', '?':
			n++
			if n > 2*max+1 {
				return true
			}
		}
	}
	return false
}

// Anchors returns, in document order, the nodes of the tree that carry an
// anchor or are aliases, at most max of them. Loaders of untrusted input
// refuse them: an alias can make a small file expand enormously.
func Anchors(root *yaml.Node, max int) []*yaml.Node {
	var found []*yaml.Node
	stack := []*yaml.Node{root}
	for len(stack) > 0 && len(found) < max {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil {
			continue
		}
		if n.Anchor != "" || n.Kind == yaml.AliasNode {
			found = append(found, n)
		}
		if n.Kind != yaml.AliasNode {
			for i := len(n.Content) - 1; i >= 0; i-- {
				stack = append(stack, n.Content[i])
			}
		}
	}
	return found
}
