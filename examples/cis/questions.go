package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// questionCommand is the command that asks one question of the engine.
func questionCommand(spec rules.QuestionSpec) command {
	return func(c *cli, out *bytes.Buffer, args []string) error { return c.ask(out, spec, args) }
}

// ask parses a question's flags, checks its IDs, adds the -assume events,
// explains the answer and writes it as JSON or as text.
func (c *cli) ask(out *bytes.Buffer, spec rules.QuestionSpec, args []string) error {
	q := questionFlagsFor(spec)
	if err := q.parse(c, args); err != nil {
		return err
	}
	// A flag with a default (-org) can still be given empty; a date that
	// defaults to today is filled in below.
	var required []string
	for _, in := range spec.Inputs {
		if in.Required && !in.Today {
			required = append(required, in.Name)
		}
	}
	if err := q.require(required...); err != nil {
		return err
	}
	for _, in := range spec.Inputs {
		if in.Today && !q.dates[in.Name].d.IsValid() {
			d, err := today(c.now)
			if err != nil {
				return err
			}
			q.dates[in.Name].d = d
		}
	}
	eng, err := c.engine(c.ctx)
	if err != nil {
		return err
	}
	ds := eng.Dataset()
	date := func(name string) cistreaty.Date {
		if d, ok := q.dates[name]; ok {
			return d.d
		}
		return cistreaty.Date{}
	}
	question := rules.Question{
		Kind: spec.Kind, Treaty: q.get("treaty"), Article: q.get("article"),
		Party: partyID(ds, q.get("party")), Towards: partyID(ds, q.get("towards")), Org: q.get("org"),
		On: date("on"), Notice: date("notice"), Effective: date("effective"),
	}
	if question.Treaty != "" {
		if err := checkTreaty(eng, question.Treaty); err != nil {
			return nameKnown(eng, question, err)
		}
	}
	for _, p := range []string{question.Party, question.Towards} {
		if p != "" {
			if err := checkParty(eng, p); err != nil {
				return nameKnown(eng, question, err)
			}
		}
	}
	eng, assumed, err := withAssumed(c.ctx, eng, q.assume, question.Treaty)
	if err != nil {
		return err
	}
	v, err := eng.Explain(c.ctx, question)
	if err != nil {
		return nameKnown(eng, question, err)
	}
	if q.json {
		return writeJSON(out, v)
	}
	writeText(out, eng.Dataset(), v, assumed)
	return nil
}

// writeJSON writes one JSON value and a newline.
func writeJSON(out *bytes.Buffer, v any) error {
	var b []byte
	var err error
	if m, ok := v.(json.Marshaler); ok {
		// The verdict writes itself in one pass; json.Marshal would scan it
		// again.
		b, err = m.MarshalJSON()
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		return &internalError{fmt.Errorf("encoding the answer: %w", err)}
	}
	out.Write(b)
	out.WriteByte('\n')
	return nil
}
