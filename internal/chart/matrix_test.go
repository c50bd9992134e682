package chart

import (
	"bytes"
	"context"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// cellOf finds a party's cell under a treaty.
func cellOf(t *testing.T, m *Matrix, party, treaty string) Cell {
	t.Helper()
	for i, p := range m.Parties {
		if p.ID != party {
			continue
		}
		for j, tr := range m.Treaties {
			if tr.ID == treaty {
				return m.Cells[i][j]
			}
		}
	}
	t.Fatalf("no cell %s × %s", party, treaty)
	return Cell{}
}

// Cells whose answers the sources fix (reference/legal-facts.md).
func TestMatrixCells(t *testing.T) {
	m, err := NewMatrix(context.Background(), testEngine(t), d("2010-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Value              rules.Truth
		Since, Until, Next string
	}
	tests := []struct {
		party, treaty string
		want          got
		why           string
	}{
		{"GE", "cis-charter-1993", got{rules.False, "invalid date", "2009-08-17", "invalid date"},
			"Georgia's withdrawal took effect on 18 Aug 2009 (Art. 9, notice of 18 Aug 2008)"},
		{"RU", "cis-charter-1993", got{rules.True, "1994-01-22", "invalid date", "invalid date"},
			"Art. 41: in force for the founding states that had deposited one year after adoption, 22 Jan 1994"},
		{"UA", "cis-charter-1993", got{rules.False, "invalid date", "invalid date", "invalid date"},
			"Ukraine never ratified the Charter"},
		{"UZ", "fta-2011-uz-protocol", got{rules.False, "invalid date", "invalid date", "2014-05-16"},
			"the Protocol on the 2011 Treaty's application with Uzbekistan entered into force for it in 2014"},
	}
	for _, tc := range tests {
		t.Run(tc.party+" "+tc.treaty, func(t *testing.T) {
			c := cellOf(t, m, tc.party, tc.treaty)
			g := got{c.Value, c.Since.String(), c.Until.String(), c.Next.String()}
			if diff := cmp.Diff(tc.want, g); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.why, diff)
			}
		})
	}
}

func TestMatrixHTMLGolden(t *testing.T) {
	m, err := NewMatrix(context.Background(), testEngine(t), d("2010-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	href := func(q rules.Question) string {
		v := url.Values{"question": {string(q.Kind)}, "treaty": {q.Treaty}, "party": {q.Party}, "on": {q.On.String()}}
		return "/?" + v.Encode()
	}
	if err := m.WriteHTML(&buf, HTMLOptions{Href: href}); err != nil {
		t.Fatal(err)
	}
	golden(t, "matrix-2010-01-01.html", buf.Bytes())
}

func TestMatrixInvalidDate(t *testing.T) {
	if _, err := NewMatrix(context.Background(), testEngine(t), cistreaty.Date{}); err == nil {
		t.Error("a matrix on the zero date: no error")
	}
}
