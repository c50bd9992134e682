package main

import (
	"bytes"
	"fmt"
	"text/tabwriter"

	"github.com/pacta-law/pacta/cistreaty"
)

// treatyEntry is one element of `treaties -json`.
type treatyEntry struct {
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	TitleRU    string         `json:"title_ru"`
	Concluded  cistreaty.Date `json:"concluded"`
	Depositary string         `json:"depositary"`
}

// partyEntry is one element of `parties -json`.
type partyEntry struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	NameRU string `json:"name_ru"`
	Kind   string `json:"kind"`
}

func runTreaties(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("treaties", "[-json]", true)
	if err := q.parse(c, args); err != nil {
		return err
	}
	eng, err := c.engine(c.ctx)
	if err != nil {
		return err
	}
	ds := eng.Dataset()
	list := []treatyEntry{}
	for _, id := range eng.Treaties() {
		t, _ := ds.Treaty(id)
		list = append(list, treatyEntry{ID: t.ID, Title: t.Title, TitleRU: t.TitleRU, Concluded: t.Concluded, Depositary: t.Depositary})
	}
	if q.json {
		return writeJSON(out, list)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tconcluded\ttitle")
	for _, t := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", t.ID, dateText(t.Concluded), t.Title)
	}
	tw.Flush()
	fmt.Fprintf(out, "\n%s\n", datasetLine(ds, ""))
	return nil
}

func runParties(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("parties", "[-json]", true)
	if err := q.parse(c, args); err != nil {
		return err
	}
	eng, err := c.engine(c.ctx)
	if err != nil {
		return err
	}
	ds := eng.Dataset()
	list := []partyEntry{}
	for _, id := range eng.Parties() {
		p, _ := ds.Party(id)
		list = append(list, partyEntry{ID: p.ID, Name: p.Name, NameRU: p.NameRU, Kind: p.Kind.String()})
	}
	if q.json {
		return writeJSON(out, list)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tkind\tname")
	for _, p := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", p.ID, p.Kind, p.Name)
	}
	tw.Flush()
	fmt.Fprintf(out, "\n%s\n", datasetLine(ds, ""))
	return nil
}

// dateText is a date, or a dash when the record has none.
func dateText(d cistreaty.Date) string {
	if !d.IsValid() {
		return "-"
	}
	return d.String()
}
