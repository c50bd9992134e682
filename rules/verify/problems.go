package verify

import (
	"errors"
	"fmt"
	"slices"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/suggest"
	"github.com/pacta-law/pacta/internal/yamlfile"
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

// maxProblems bounds the problems one Load or LoadFS lists, as the dataset
// loader's are bounded.
const maxProblems = 1000

// capped cuts a sorted list at maxProblems, saying how many more there were.
func capped(ps Problems) Problems {
	if len(ps) <= maxProblems {
		return ps
	}
	more := len(ps) - maxProblems
	return append(ps[:maxProblems:maxProblems], cistreaty.Problem{Message: fmt.Sprintf("and %d more problems", more)})
}

func clip(s string) string { return yamlfile.Clip(s) }

func didYouMean(name string, known []string) string { return suggest.DidYouMean(name, known) }
