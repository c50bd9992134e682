package ask

import (
	"bytes"
	"fmt"
	"text/tabwriter"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// TreatyEntry is one element of `cis treaties -json` and GET /v1/treaties.
type TreatyEntry struct {
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	TitleRU    string         `json:"title_ru"`
	Concluded  cistreaty.Date `json:"concluded"`
	Depositary string         `json:"depositary"`
}

// PartyEntry is one element of `cis parties -json` and GET /v1/parties.
type PartyEntry struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	NameRU string `json:"name_ru"`
	Kind   string `json:"kind"`
}

// Treaties lists the dataset's treaties, as `cis treaties -json` writes them.
func Treaties(eng *rules.Engine) []TreatyEntry {
	ds := eng.Dataset()
	list := []TreatyEntry{}
	for _, id := range eng.Treaties() {
		t, _ := ds.Treaty(id)
		list = append(list, TreatyEntry{ID: t.ID, Title: t.Title, TitleRU: t.TitleRU, Concluded: t.Concluded, Depositary: t.Depositary})
	}
	return list
}

// TreatiesText writes the treaties as a table, then the dataset's line.
func TreatiesText(out *bytes.Buffer, ds *cistreaty.Dataset, list []TreatyEntry) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tconcluded\ttitle")
	for _, t := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", t.ID, dateText(t.Concluded), t.Title)
	}
	tw.Flush()
	fmt.Fprintf(out, "\n%s\n", DatasetLine(ds, ""))
}

// Parties lists the dataset's parties, as `cis parties -json` writes them.
func Parties(eng *rules.Engine) []PartyEntry {
	ds := eng.Dataset()
	list := []PartyEntry{}
	for _, id := range eng.Parties() {
		p, _ := ds.Party(id)
		list = append(list, PartyEntry{ID: p.ID, Name: p.Name, NameRU: p.NameRU, Kind: p.Kind.String()})
	}
	return list
}

// PartiesText writes the parties as a table, then the dataset's line.
func PartiesText(out *bytes.Buffer, ds *cistreaty.Dataset, list []PartyEntry) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tkind\tname")
	for _, p := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", p.ID, p.Kind, p.Name)
	}
	tw.Flush()
	fmt.Fprintf(out, "\n%s\n", DatasetLine(ds, ""))
}

// dateText is a date, or a dash when the record has none.
func dateText(d cistreaty.Date) string {
	if !d.IsValid() {
		return "-"
	}
	return d.String()
}
