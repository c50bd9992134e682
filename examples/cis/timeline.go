package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/pacta-law/pacta/internal/chart"
	"github.com/pacta-law/pacta/rules"
)

// runTimeline writes the SVG timeline of every treaty for one party (`cis
// timeline -party P [-o FILE]`): to FILE, or to stdout without -o. It asks
// no question of the engine's table, so it takes neither -json nor -assume.
func runTimeline(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("timeline", "-party P [-o FILE]", false)
	party := q.fs.String("party", "", "the party's `ID`: a state code in either case (GE, ge) or an organisation (cis)")
	file := q.fs.String("o", "", "write the SVG to `FILE` (default: stdout)")
	if err := q.parse(c, args); err != nil {
		return err
	}
	if *party == "" {
		return fmt.Errorf("-party is required (usage: cis timeline %s)", q.synopsis)
	}
	eng, err := c.engine(c.ctx)
	if err != nil {
		return err
	}
	id := partyID(eng.Dataset(), *party)
	if err := checkParty(eng, id); err != nil {
		return nameKnown(eng, rules.Question{}, err)
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
