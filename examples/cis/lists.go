package main

import (
	"bytes"

	"github.com/pacta-law/pacta/internal/ask"
	"github.com/pacta-law/pacta/rules"
)

// listFlags parses the flags of a command that asks no question of the
// dataset but lists from it (-json, -data DIR) and builds its engine.
func listFlags(c *cli, name string, args []string) (*questionFlags, *rules.Engine, error) {
	q := newFlags(name, "[-json] [-data DIR]", true)
	q.withData()
	if err := q.parse(c, args); err != nil {
		return nil, nil, err
	}
	eng, err := c.engineFor(q)
	if err != nil {
		return nil, nil, err
	}
	return q, eng, nil
}

func runTreaties(c *cli, out *bytes.Buffer, args []string) error {
	q, eng, err := listFlags(c, "treaties", args)
	if err != nil {
		return err
	}
	list := ask.Treaties(eng)
	if q.json {
		return writeJSON(out, list)
	}
	ask.TreatiesText(out, eng.Dataset(), list)
	return nil
}

func runParties(c *cli, out *bytes.Buffer, args []string) error {
	q, eng, err := listFlags(c, "parties", args)
	if err != nil {
		return err
	}
	list := ask.Parties(eng)
	if q.json {
		return writeJSON(out, list)
	}
	ask.PartiesText(out, eng.Dataset(), list)
	return nil
}
