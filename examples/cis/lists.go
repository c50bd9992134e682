package main

import (
	"bytes"

	"github.com/pacta-law/pacta/internal/ask"
)

func runTreaties(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("treaties", "[-json] [-data DIR]", true)
	q.withData()
	if err := q.parse(c, args); err != nil {
		return err
	}
	eng, err := c.engineFor(q)
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
	q := newFlags("parties", "[-json] [-data DIR]", true)
	q.withData()
	if err := q.parse(c, args); err != nil {
		return err
	}
	eng, err := c.engineFor(q)
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
