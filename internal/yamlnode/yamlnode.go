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
