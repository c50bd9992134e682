package suggest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestClosest(t *testing.T) {
	known := []string{"RU", "UA", "UZ", "cis", "cis-charter-1993", "fta-1994", "fta-2011", "RU"}
	tests := []struct {
		name, in string
		max      int
		want     []string
	}{
		{"case-insensitive exact", "ru", 3, []string{"RU"}},
		{"one edit, ties by name", "UK", 3, []string{"UA", "UZ"}},
		{"max bounds the answer", "UK", 1, []string{"UA"}},
		{"nearest first", "fta-1995", 3, []string{"fta-1994", "fta-2011"}},
		{"typo in a long slug", "cis-chrter-1939", 3, []string{"cis-charter-1993"}},
		{"nothing close", "XX", 3, nil},
		{"the name itself is not suggested", "UZ", 3, []string{"UA"}},
		{"empty name", "", 3, nil},
		{"max of zero", "ru", 0, nil},
		{"a huge name is no typo", strings.Repeat("RU", 1000), 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Closest(tt.in, known, tt.max)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Closest(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestDidYouMean(t *testing.T) {
	kinds := []string{"signature", "ratification", "notification", "accession", "deposit"}
	tests := []struct {
		name, in string
		known    []string
		want     string
	}{
		{"one nearest", "ratifcation", kinds, ` (did you mean "ratification"?)`},
		{"only the nearest, not the next", "notifcation", kinds, ` (did you mean "notification"?)`},
		{"two equally near", "UK", []string{"UA", "UZ", "cis"}, ` (did you mean "UA" or "UZ"?)`},
		{"three equally near", "UK", []string{"UA", "UZ", "UB", "UC"}, ` (did you mean "UA", "UB" or "UC"?)`},
		{"nothing near", "zzzz", kinds, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, DidYouMean(tt.in, tt.known)); diff != "" {
				t.Errorf("DidYouMean(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
