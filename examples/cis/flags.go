package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// dateFlag is a flag that holds a strict YYYY-MM-DD date.
type dateFlag struct{ d cistreaty.Date }

func (f *dateFlag) String() string {
	if f == nil || !f.d.IsValid() {
		return ""
	}
	return f.d.String()
}

// Set reads the date strictly: 2024-02-30 and 2024-01-01T00:00:00Z are
// errors, never a nearby day.
func (f *dateFlag) Set(s string) error {
	d, err := cistreaty.ParseDate(s)
	if err != nil {
		var de *cistreaty.DateError
		if errors.As(err, &de) {
			// flag already quotes the value; give only the reason.
			return errors.New(de.Reason)
		}
		return err
	}
	f.d = d
	return nil
}

// assumeFlag collects the raw -assume values; they are read once every flag
// is parsed, because TREATY defaults to -treaty, which may come later.
type assumeFlag []string

func (f *assumeFlag) String() string { return strings.Join(*f, ",") }
func (f *assumeFlag) Set(s string) error {
	*f = append(*f, s)
	return nil
}

// questionFlags are the flags of one question; which of them are defined
// depends on the question.
type questionFlags struct {
	name     string
	synopsis string
	fs       *flag.FlagSet
	// files is true for a question that takes file arguments (test).
	files bool

	// text and dates hold the inputs' flags by name (rules.Questions).
	text   map[string]*string
	dates  map[string]*dateFlag
	json   bool
	assume assumeFlag
}

// newFlags defines a command's own FlagSet, with -json where asked. Parse
// errors are returned, not printed: stderr carries one line, written by run.
func newFlags(name, synopsis string, withJSON bool) *questionFlags {
	q := &questionFlags{name: name, synopsis: synopsis, text: map[string]*string{}, dates: map[string]*dateFlag{}}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if withJSON {
		fs.BoolVar(&q.json, "json", false, "print the answer as one JSON object")
	}
	q.fs = fs
	return q
}

// assumeSynopsis is the -assume flag's form for a question: TREATY is
// optional only where the question has a treaty to default to.
func assumeSynopsis(spec rules.QuestionSpec) string {
	if _, ok := spec.Input("treaty"); ok {
		return "PARTY:EVENT:DATE[:TREATY]"
	}
	return "PARTY:EVENT:DATE:TREATY"
}

// questionFlagsFor defines a question's flags from its description: one
// flag per input, then -json and -assume.
func questionFlagsFor(spec rules.QuestionSpec) *questionFlags {
	name := string(spec.Kind)
	q := newFlags(name, fmt.Sprintf("%s [-json] [-assume %s]...", spec.Usage(), assumeSynopsis(spec)), false)
	for _, in := range spec.Inputs {
		if in.Type == rules.InputDate {
			d := &dateFlag{}
			q.dates[in.Name] = d
			q.fs.Var(d, in.Name, in.Doc)
			continue
		}
		s := new(string)
		q.text[in.Name] = s
		q.fs.StringVar(s, in.Name, in.Default, in.Doc)
	}
	q.fs.BoolVar(&q.json, "json", false, "print the answer as one JSON object")
	q.fs.Var(&q.assume, "assume", "a what-if `PARTY:EVENT:DATE[:TREATY]` event, e.g. MD:withdrawal-notice:2026-12-01:cis-charter-1993 (repeatable; TREATY defaults to -treaty)")
	return q
}

// get returns an input's flag value as text; empty when the question has
// no such flag or it was not given.
func (q *questionFlags) get(name string) string {
	if s, ok := q.text[name]; ok {
		return *s
	}
	if d, ok := q.dates[name]; ok {
		return d.String()
	}
	return ""
}

// parse reads args; -h writes the question's usage to stderr and returns
// errHelp. A question takes no arguments besides its flags.
func (q *questionFlags) parse(c *cli, args []string) error {
	err := q.fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(c.stderr, "usage: cis %s %s\n\nFlags:\n", q.name, q.synopsis)
		q.fs.SetOutput(c.stderr)
		q.fs.PrintDefaults()
		q.fs.SetOutput(io.Discard)
		return errHelp
	}
	if err != nil {
		return err
	}
	if q.fs.NArg() > 0 && !q.files {
		return fmt.Errorf("unexpected argument %q (usage: cis %s %s)", q.fs.Arg(0), q.name, q.synopsis)
	}
	return nil
}

// require reports the first required flag left empty.
func (q *questionFlags) require(names ...string) error {
	for _, n := range names {
		f := q.fs.Lookup(n)
		if f == nil || f.Value.String() == "" {
			return fmt.Errorf("-%s is required (usage: cis %s %s)", n, q.name, q.synopsis)
		}
	}
	return nil
}

// today is the date in UTC, for -on when it is not given.
func today(now func() time.Time) (cistreaty.Date, error) {
	t := now().UTC()
	d, err := cistreaty.NewDate(t.Year(), t.Month(), t.Day())
	if err != nil {
		return cistreaty.Date{}, &internalError{fmt.Errorf("today's date: %w", err)}
	}
	return d, nil
}

// partyID maps a state code given in either case to the dataset's ID ("ru"
// → "RU"). Organisation IDs are lower case and case-sensitive, and an ID the
// dataset lacks is returned as given, for the engine to report with the
// closest known IDs.
func partyID(ds *cistreaty.Dataset, s string) string {
	if _, ok := ds.Party(s); ok {
		return s
	}
	if u := strings.ToUpper(s); u != s {
		if p, ok := ds.Party(u); ok && p.Kind == cistreaty.KindState {
			return u
		}
	}
	return s
}

// checkParty reports an ID the dataset lacks, naming the closest known IDs.
func checkParty(eng *rules.Engine, id string) error {
	if _, ok := eng.Dataset().Party(id); ok {
		return nil
	}
	return &rules.UnknownIDError{Kind: rules.ErrUnknownParty, ID: id, Closest: cistreaty.Closest(id, eng.Parties(), 3)}
}

// checkTreaty reports an ID the dataset lacks, naming the closest known IDs.
func checkTreaty(eng *rules.Engine, id string) error {
	if _, ok := eng.Dataset().Treaty(id); ok {
		return nil
	}
	return &rules.UnknownIDError{Kind: rules.ErrUnknownTreaty, ID: id, Closest: cistreaty.Closest(id, eng.Treaties(), 3)}
}

// maxKnownListed bounds the IDs an error message lists.
const maxKnownListed = 20

// nameKnown adds the known IDs to an unknown-ID error that has no close
// match ("XX" is no typo of any state code), so that the message still
// names IDs the user can use.
func nameKnown(eng *rules.Engine, q rules.Question, err error) error {
	var uid *rules.UnknownIDError
	if !errors.As(err, &uid) || len(uid.Closest) > 0 {
		return err
	}
	var known []string
	switch uid.Kind {
	case rules.ErrUnknownParty:
		known = eng.Parties()
	case rules.ErrUnknownTreaty:
		known = eng.Treaties()
	case rules.ErrUnknownOrganisation:
		for _, o := range eng.Dataset().Organisations() {
			known = append(known, o.Party)
		}
	case rules.ErrUnknownArticle:
		if t, ok := eng.Dataset().Treaty(q.Treaty); ok {
			for _, o := range t.Obligations {
				known = append(known, o.Article)
			}
		}
	}
	if len(known) == 0 {
		return err
	}
	more := ""
	if len(known) > maxKnownListed {
		known, more = known[:maxKnownListed], ", …"
	}
	return fmt.Errorf("%w (known: %s%s)", err, strings.Join(known, ", "), more)
}

// assumedCitation is the source of every what-if event.
const assumedCitation = "assumed on the command line (-assume)"

// parseAssume reads PARTY:EVENT:DATE[:TREATY] into an event graded U.
// TREATY defaults to defTreaty; PARTY is a state code in either case.
func parseAssume(eng *rules.Engine, s, defTreaty string) (cistreaty.Event, error) {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("-assume %q: %s (want PARTY:EVENT:DATE[:TREATY], e.g. MD:withdrawal-notice:2026-12-01:cis-charter-1993)", s, fmt.Sprintf(format, a...))
	}
	parts := strings.Split(s, ":")
	if len(parts) < 3 || len(parts) > 4 {
		return cistreaty.Event{}, bad("%d fields separated by ':'", len(parts))
	}
	ds := eng.Dataset()
	party := partyID(ds, parts[0])
	if party == "" {
		return cistreaty.Event{}, bad("no party")
	}
	if err := checkParty(eng, party); err != nil {
		return cistreaty.Event{}, bad("%v", nameKnown(eng, rules.Question{}, err))
	}
	kind, err := cistreaty.ParseEventKind(parts[1])
	if err != nil {
		var names []string
		for _, k := range cistreaty.EventKinds() {
			names = append(names, k.String())
		}
		if near := cistreaty.Closest(parts[1], names, 3); len(near) > 0 {
			return cistreaty.Event{}, bad("unknown event %q (closest known: %s)", parts[1], strings.Join(near, ", "))
		}
		return cistreaty.Event{}, bad("unknown event %q (known: %s)", parts[1], strings.Join(names, ", "))
	}
	d, err := cistreaty.ParseDate(parts[2])
	if err != nil {
		return cistreaty.Event{}, bad("%v", err)
	}
	// A party's own event (ceased-to-exist) names no treaty, so -treaty is
	// no default for it.
	treaty := defTreaty
	if kind == cistreaty.CeasedToExist {
		treaty = ""
	}
	if len(parts) == 4 {
		treaty = parts[3]
	}
	switch {
	case treaty == "" && kind != cistreaty.CeasedToExist:
		return cistreaty.Event{}, bad("no treaty: add :TREATY, or give -treaty")
	case treaty != "":
		if err := checkTreaty(eng, treaty); err != nil {
			return cistreaty.Event{}, bad("%v", nameKnown(eng, rules.Question{}, err))
		}
	}
	return cistreaty.Event{
		Treaty: treaty,
		Party:  party,
		Kind:   kind,
		When:   cistreaty.On(d),
		Source: cistreaty.Source{Citation: assumedCitation, Grade: cistreaty.GradeU},
	}, nil
}

// withAssumed returns the engine with the -assume events added, or eng
// itself when there are none, and the events.
func withAssumed(ctx context.Context, eng *rules.Engine, raw []string, defTreaty string) (*rules.Engine, []cistreaty.Event, error) {
	if len(raw) == 0 {
		return eng, nil, nil
	}
	evs := make([]cistreaty.Event, 0, len(raw))
	for _, s := range raw {
		ev, err := parseAssume(eng, s, defTreaty)
		if err != nil {
			return nil, nil, err
		}
		evs = append(evs, ev)
	}
	w, err := eng.With(ctx, evs...)
	if err != nil {
		var re *rules.RuleError
		if errors.As(err, &re) {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("-assume: %w", err)
	}
	return w, evs, nil
}
