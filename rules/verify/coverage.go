package verify

import (
	"slices"
)

// Coverage returns, sorted, the rules that the files' engines use
// (Engine.UsedRuleIDs, their union over the files) and that no result
// exercised. A case exercises a rule when the rule's ID is among those its
// verdict's explanation cites (Result.Rules); results are those of running
// the files (Run or RunT). A suite of cases that leaves no rule out returns
// nil.
func Coverage(files []*File, results []Result) []string {
	seen := map[string]bool{}
	for _, r := range results {
		for _, id := range r.Rules {
			seen[id] = true
		}
	}
	var out []string
	for _, f := range files {
		if f == nil || f.eng == nil {
			continue
		}
		for _, id := range f.eng.UsedRuleIDs() {
			if !seen[id] {
				out = append(out, id)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// usedRules is the number of distinct rules the files' engines use.
func usedRules(files []*File) int {
	seen := map[string]bool{}
	for _, f := range files {
		if f == nil || f.eng == nil {
			continue
		}
		for _, id := range f.eng.UsedRuleIDs() {
			seen[id] = true
		}
	}
	return len(seen)
}
