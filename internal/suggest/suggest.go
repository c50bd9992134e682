// Package suggest finds the known names nearest to a misspelt one, for the
// "did you mean" of pacta's messages. It is internal: no promise is made
// about it.
package suggest

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxLen bounds the names compared: a name longer than this is no typo of a
// short ID, and comparing it would cost time in proportion to its length
// times every known name's.
const maxLen = 128

// Closest returns up to max of the known names nearest to name, nearest
// first. Distance is the Levenshtein edit distance between the lower-cased
// names, so "ru" suggests "RU"; ties are broken by name. A known name further
// away than half of name's length (at least 1) is left out: a suggestion
// should be a plausible typo, not any name at all. Duplicates in known are
// suggested once, and name itself is never suggested.
func Closest(name string, known []string, max int) []string {
	if max <= 0 {
		return nil
	}
	cands := nearest(name, known)
	if len(cands) > max {
		cands = cands[:max]
	}
	out := make([]string, len(cands))
	for i, c := range cands {
		out[i] = c.name
	}
	return out
}

// DidYouMean returns ` (did you mean "X"?)`, ` (did you mean "X" or "Y"?)`
// or "" when nothing is close. It offers only the nearest names (at most
// three), so that "ratifcation" suggests "ratification" and not also
// "notification".
func DidYouMean(name string, known []string) string {
	var c []string
	cands := nearest(name, known)
	for _, k := range cands {
		if k.dist > cands[0].dist || len(c) == 3 {
			break
		}
		c = append(c, strconv.Quote(k.name))
	}
	switch len(c) {
	case 0:
		return ""
	case 1:
		return " (did you mean " + c[0] + "?)"
	}
	return " (did you mean " + strings.Join(c[:len(c)-1], ", ") + " or " + c[len(c)-1] + "?)"
}

type candidate struct {
	name string
	dist int
}

// nearest returns the known names within Closest's distance limit, nearest
// first, ties by name.
func nearest(name string, known []string) []candidate {
	n := utf8.RuneCountInString(name)
	if n == 0 || len(name) > maxLen {
		return nil
	}
	limit := max(1, n/2)
	var cands []candidate
	lname := []rune(strings.ToLower(name))
	seen := make(map[string]bool)
	for _, k := range known {
		if k == name || seen[k] || len(k) > maxLen {
			continue
		}
		seen[k] = true
		lk := []rune(strings.ToLower(k))
		// The difference in length is a lower bound on the distance.
		if d := len(lk) - len(lname); d > limit || -d > limit {
			continue
		}
		if d, ok := levenshtein(lname, lk, limit); ok {
			cands = append(cands, candidate{k, d})
		}
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(a.name, b.name))
	})
	return cands
}

// levenshtein returns the edit distance of a and b when it is at most limit;
// it stops early once every path exceeds limit.
func levenshtein(a, b []rune, limit int) (int, bool) {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return 0, false
		}
		prev, cur = cur, prev
	}
	d := prev[len(b)]
	return d, d <= limit
}
