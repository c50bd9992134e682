package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/pacta-law/pacta/rules"
)

const common = fAssume | fJSON

func runBound(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("bound", "-treaty T -party P -on D [-towards Q] [-json] [-assume PARTY:EVENT:DATE[:TREATY]]...",
		fTreaty|fParty|fTowards|fOn|common)
	return c.ask(out, q, args, rules.QuestionBound, []string{"treaty", "party"})
}

func runEIF(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("eif", "-treaty T [-party P] [-json] [-assume PARTY:EVENT:DATE[:TREATY]]...",
		fTreaty|fParty|common)
	return c.ask(out, q, args, rules.QuestionEIF, []string{"treaty"})
}

func runWithdrawal(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("withdrawal", "-treaty T -party P -notice D [-effective D2] [-json] [-assume PARTY:EVENT:DATE[:TREATY]]...",
		fTreaty|fParty|fNotice|fEffective|common)
	return c.ask(out, q, args, rules.QuestionWithdrawal, []string{"treaty", "party", "notice"})
}

func runVCLT(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("vclt", "-treaty T -party P -towards Q [-json] [-assume PARTY:EVENT:DATE[:TREATY]]...",
		fTreaty|fParty|fTowards|common)
	return c.ask(out, q, args, rules.QuestionVCLT, []string{"treaty", "party", "towards"})
}

func runStatus(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("status", "-party P -on D [-org cis] [-json] [-assume PARTY:EVENT:DATE:TREATY]...",
		fParty|fOrg|fOn|common)
	return c.ask(out, q, args, rules.QuestionStatus, []string{"party", "org"})
}

func runObliged(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("obliged", "-treaty T -article A -party P -towards Q -on D [-json] [-assume PARTY:EVENT:DATE[:TREATY]]...",
		fTreaty|fArticle|fParty|fTowards|fOn|common)
	return c.ask(out, q, args, rules.QuestionObliged, []string{"treaty", "article", "party", "towards"})
}

// ask parses a question's flags, checks its IDs, adds the -assume events,
// explains the answer and writes it as JSON or as text.
func (c *cli) ask(out *bytes.Buffer, q *questionFlags, args []string, kind rules.QuestionKind, required []string) error {
	if err := q.parse(c, args); err != nil {
		return err
	}
	if err := q.require(required...); err != nil {
		return err
	}
	if q.fs.Lookup("on") != nil && !q.on.d.IsValid() {
		d, err := today(c.now)
		if err != nil {
			return err
		}
		q.on.d = d
	}
	eng, err := c.engine()
	if err != nil {
		return err
	}
	ds := eng.Dataset()
	q.party, q.towards = partyID(ds, q.party), partyID(ds, q.towards)
	question := rules.Question{
		Kind: kind, Treaty: q.treaty, Article: q.article, Party: q.party, Towards: q.towards, Org: q.org,
		On: q.on.d, Notice: q.notice.d, Effective: q.effective.d,
	}
	if q.treaty != "" {
		if err := checkTreaty(eng, q.treaty); err != nil {
			return nameKnown(eng, question, err)
		}
	}
	for _, p := range []string{q.party, q.towards} {
		if p != "" {
			if err := checkParty(eng, p); err != nil {
				return nameKnown(eng, question, err)
			}
		}
	}
	eng, assumed, err := withAssumed(eng, q.assume, q.treaty)
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
	b, err := json.Marshal(v)
	if err != nil {
		return &internalError{fmt.Errorf("encoding the answer: %w", err)}
	}
	out.Write(b)
	out.WriteByte('\n')
	return nil
}
