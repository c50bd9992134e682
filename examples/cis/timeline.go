package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/pacta-law/pacta/internal/ask"
	"github.com/pacta-law/pacta/internal/chart"
	"github.com/pacta-law/pacta/rules"
)

// runTimeline writes the SVG timeline of every treaty for one party (`cis
// timeline -party P [-o FILE]`): to FILE, or to stdout without -o. It asks
// no question of the engine's table, so it takes neither -json nor -assume.
func runTimeline(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("timeline", "-party P [-o FILE] [-data DIR]", false)
	q.withData()
	party := q.fs.String("party", "", "the party's `ID`: a state code in either case (GE, ge) or an organisation (cis)")
	file := q.fs.String("o", "", "write the SVG to `FILE` (default: stdout)")
	if err := q.parse(c, args); err != nil {
		return err
	}
	if *party == "" {
		return fmt.Errorf("-party is required (usage: cis timeline %s)", q.synopsis)
	}
	eng, err := c.engineFor(q)
	if err != nil {
		return err
	}
	id := ask.PartyID(eng.Dataset(), *party)
	if err := ask.CheckParty(eng, id); err != nil {
		return ask.NameKnown(eng, rules.Question{}, err)
	}
	tl, err := chart.NewTimeline(c.ctx, eng, id)
	if err != nil {
		return err
	}
	var svg bytes.Buffer
	if err := tl.WriteSVG(&svg, chart.SVGOptions{}); err != nil {
		return &internalError{fmt.Errorf("drawing the timeline: %w", err)}
	}
	if *file == "" || *file == "-" {
		out.Write(svg.Bytes())
		return nil
	}
	if err := os.WriteFile(*file, svg.Bytes(), 0o644); err != nil {
		return fmt.Errorf("-o: %w", err)
	}
	return nil
}
