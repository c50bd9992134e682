package cistreaty

import (
	"github.com/pacta-law/pacta/internal/quote"
	"github.com/pacta-law/pacta/internal/suggest"
)

// Closest returns up to max of the known names nearest to name, nearest
// first, for "did you mean" messages. Distance is the Levenshtein edit
// distance between the lower-cased names, so "ru" suggests "RU"; ties are
// broken by name. A known name further away than half of name's length (at
// least 1) is left out: a suggestion should be a plausible typo, not any name
// at all. Duplicates in known are suggested once, and name itself is never
// suggested.
func Closest(name string, known []string, max int) []string { return suggest.Closest(name, known, max) }

func didYouMean(name string, known []string) string { return suggest.DidYouMean(name, known) }

// clip shortens a quotation of input in a message.
func clip(s string) string { return quote.Clip(s) }
