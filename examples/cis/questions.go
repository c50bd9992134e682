package main

import (
	"bytes"

	"github.com/pacta-law/pacta/internal/ask"
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
	// defaults to today is filled in by ask.Question.
	var required []string
	for _, in := range spec.Inputs {
		if in.Required && !in.Today {
			required = append(required, in.Name)
		}
	}
	if err := q.require(required...); err != nil {
		return err
	}
	now, err := today(c.now)
	if err != nil {
		return err
	}
	eng, err := c.engineFor(q)
	if err != nil {
		return err
	}
	question, err := ask.Question(eng, spec, q.get, now)
	if err != nil {
		return err
	}
	assumed, err := ask.ParseAssumes(eng, q.assume, question.Treaty, ask.FromFlag)
	if err != nil {
		return err
	}
	a, err := ask.Explain(c.ctx, eng, question, assumed, ask.FromFlag)
	if err != nil {
		return err
	}
	if q.json {
		return writeJSON(out, a.Verdict)
	}
	out.Write(a.Text())
	return nil
}

// writeJSON writes one JSON value and a newline.
func writeJSON(out *bytes.Buffer, v any) error {
	b, err := ask.JSON(v)
	if err != nil {
		return &internalError{err}
	}
	out.Write(b)
	return nil
}
