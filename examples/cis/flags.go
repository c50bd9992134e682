package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/quote"
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
	// data is -data DIR: a user's own dataset instead of the embedded one.
	data string
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
	q := newFlags(name, fmt.Sprintf("%s [-json] [-data DIR] [-assume %s]...", spec.Usage(), assumeSynopsis(spec)), false)
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
	q.withData()
	q.fs.Var(&q.assume, "assume", "a what-if `PARTY:EVENT:DATE[:TREATY]` event, e.g. MD:withdrawal-notice:2026-12-01:cis-charter-1993 (repeatable; TREATY defaults to -treaty)")
	return q
}

// withData defines -data DIR.
func (q *questionFlags) withData() {
	q.fs.StringVar(&q.data, "data", "", "read the dataset from the *.yaml files of `DIR` instead of the embedded CIS dataset")
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

// parse reads args; -h writes the question's usage to stdout (help that was
// asked for is the answer) and returns errHelp. A question takes no arguments besides its flags.
func (q *questionFlags) parse(c *cli, args []string) error {
	err := clipFlagError(q.fs, q.fs.Parse(args))
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(c.stdout, "usage: cis %s %s\n\nFlags:\n", q.name, q.synopsis)
		q.fs.SetOutput(c.stdout)
		q.fs.PrintDefaults()
		q.fs.SetOutput(io.Discard)
		return errHelp
	}
	if err != nil {
		return err
	}
	if q.fs.NArg() > 0 && !q.files {
		return fmt.Errorf("unexpected argument %q (usage: cis %s %s)", quote.Clip(q.fs.Arg(0)), q.name, q.synopsis)
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

// clipFlagError shortens the value the flag package quotes whole in
// "invalid value "…" for flag -x: reason".
func clipFlagError(fs *flag.FlagSet, err error) error {
	const prefix = `invalid value "`
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if !strings.HasPrefix(msg, prefix) {
		return err
	}
	var out error
	fs.VisitAll(func(f *flag.Flag) {
		marker := `" for flag -` + f.Name + `: `
		if i := strings.LastIndex(msg, marker); out == nil && i >= len(prefix) {
			value, _ := strconv.Unquote(`"` + msg[len(prefix):i] + `"`)
			out = fmt.Errorf("invalid value %q for flag -%s: %s", quote.Clip(value), f.Name, msg[i+len(marker):])
		}
	})
	if out == nil {
		return err
	}
	return out
}
