package verify

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/textfile"
)

// ErrInvalidCaseFile is matched by errors.Is for every error of Load and
// LoadFS that reports problems of a case file (its overlay and assumptions
// included).
var ErrInvalidCaseFile = errors.New("invalid case file")

// Problems is every problem found in one or more case files: the format's
// own, the overlay dataset's (as package cistreaty reports them) and the
// overlay rules' compile errors (as package rules reports them). As an error
// it lists them one a line, sorted by file, line, column and message, each
// as "file:line:col: field: message".
type Problems []cistreaty.Problem

// Error lists every problem, one a line, in sorted order.
func (ps Problems) Error() string {
	return cistreaty.Problems(ps).Error()
}

// Is makes errors.Is(err, ErrInvalidCaseFile) hold.
func (ps Problems) Is(target error) bool { return target == ErrInvalidCaseFile }

func sortProblems(ps Problems) { copy(ps, cistreaty.Problems(ps).Sorted()) }

// compact sorts ps and drops repeated problems: the same problem can be
// reached twice (a dataset problem reported both by the loader and by a
// what-if's validation).
func compact(ps Problems) Problems {
	sortProblems(ps)
	return slices.CompactFunc(ps, func(a, b cistreaty.Problem) bool { return a == b })
}

// maxQuoted is how much of a name from a case file a message quotes, so that
// a hostile file cannot make one message as large as itself.
const maxQuoted = 64

func clip(s string) string { return textfile.Clip(s, maxQuoted) }

// didYouMean suggests the known names closest to name, as cistreaty's
// messages do: the nearest ones only, quoted.
func didYouMean(name string, known []string) string {
	cands := cistreaty.Closest(name, known, 3)
	if len(cands) == 0 {
		return ""
	}
	best := editDistance(name, cands[0])
	var q []string
	for _, c := range cands {
		if editDistance(name, c) > best {
			break
		}
		q = append(q, strconv.Quote(c))
	}
	if len(q) == 1 {
		return " (did you mean " + q[0] + "?)"
	}
	return " (did you mean " + strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1] + "?)"
}

// editDistance is the Levenshtein distance between the lower-cased names;
// Closest has bounded their lengths.
func editDistance(a, b string) int {
	x, y := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}
