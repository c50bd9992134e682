package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/ask"
	"github.com/pacta-law/pacta/internal/quote"
	"github.com/pacta-law/pacta/rules"
)

// Exit statuses of the contract (DESIGN §6).
const (
	exitAnswer   = 0 // any answer: true, false or null
	exitFailures = 1 // test: some cases failed
	exitInput    = 2 // bad input: usage, unknown ID, impossible date, unreadable file
	exitRule     = 3 // a rule failed at run time (budget, evaluation, cancellation)
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now)) }

// run is the whole command, minus the process: it reads args (without the
// program name), writes the answer to stdout and at most one line to stderr,
// and returns the exit status. now supplies today's date for -on.
func run(args []string, stdout, stderr io.Writer, now func() time.Time) int {
	c := &cli{stdout: stdout, stderr: stderr, now: now, ctx: context.Background(), engine: defaultEngine}
	return c.run(args)
}

// cli carries what one invocation needs; tests build one with another engine
// or context to reach the failures a correct dataset never produces.
type cli struct {
	stdout, stderr io.Writer
	now            func() time.Time
	ctx            context.Context
	engine         func(context.Context) (*rules.Engine, error)
}

// defaultEngine builds the engine over the embedded CIS dataset. It is a
// lazy engine: a process answers one question, which reaches a few of the
// rules and treaties, and the embedded dataset is known to be sound (its
// tests build the eager engine over it), so nothing else is compiled or
// built.
func defaultEngine(ctx context.Context) (*rules.Engine, error) {
	ds, err := cistreaty.Default()
	if err != nil {
		return nil, &internalError{fmt.Errorf("loading the embedded dataset: %w", err)}
	}
	law, err := rules.Compile()
	if err != nil {
		return nil, &internalError{fmt.Errorf("building the rules: %w", err)}
	}
	eng, err := law.LazyEngine(ctx, ds)
	if err != nil {
		return nil, &internalError{fmt.Errorf("building the rules: %w", err)}
	}
	return eng, nil
}

// engineFor is the engine a command asks: over the files of -data DIR when
// it is given, else the one the cli was built with.
func (c *cli) engineFor(q *questionFlags) (*rules.Engine, error) {
	if q.data == "" {
		return c.engine(c.ctx)
	}
	return ask.NewEngine(c.ctx, q.data)
}

// internalError is a failure that no input can cause or cure (the embedded
// dataset does not load): exit status 3, like a rule's run-time failure.
type internalError struct{ err error }

func (e *internalError) Error() string { return e.err.Error() }
func (e *internalError) Unwrap() error { return e.err }

// errHelp reports that usage was asked for with -h and has been written.
var errHelp = errors.New("help requested")

// command is one question of the CLI: it parses its own flags from args and
// writes its answer to out, which reaches stdout only if it returns nil.
type command func(c *cli, out *bytes.Buffer, args []string) error

// commands maps each question to its command: the engine's questions
// (rules.Questions), then the lists and case files. It is a function, not a
// package variable, so that nothing in the package is mutable.
func commands() map[string]command {
	m := map[string]command{
		"treaties": runTreaties,
		"parties":  runParties,
		"test":     runTest,
		"timeline": runTimeline,
		"version":  runVersion,
	}
	for _, spec := range rules.Questions() {
		m[string(spec.Kind)] = questionCommand(spec)
	}
	return m
}

// questionList names every question, in the order of the usage text.
func questionList() string {
	return strings.Join(append(rules.QuestionKinds(), "treaties", "parties", "test", "timeline", "version"), ", ")
}

// maxArg bounds the length of one command-line argument.
const maxArg = 1024

func (c *cli) run(args []string) (code int) {
	defer func() {
		// A last resort: a panic anywhere below is a bug, but the contract
		// promises one line and no stack trace.
		if r := recover(); r != nil {
			code = c.fail(&internalError{fmt.Errorf("internal error: %v", r)})
		}
	}()
	if len(args) == 0 {
		return c.fail(fmt.Errorf("no question given; want one of %s (cis -h for help)", questionList()))
	}
	for i, arg := range args {
		// No flag value, ID or path is this long; refusing it here keeps
		// every message that would quote it (the flag package's among them)
		// to one short line.
		if len(arg) > maxArg {
			return c.fail(fmt.Errorf("argument %d is longer than %d bytes: %q", i+1, maxArg, quote.Clip(arg)))
		}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(c.stdout, mainUsage())
		return exitAnswer
	}
	cmd, ok := commands()[name]
	if !ok {
		msg := fmt.Sprintf("unknown question %q; want one of %s", quote.Clip(name), questionList())
		if near := cistreaty.Closest(name, strings.Split(questionList(), ", "), 1); len(near) > 0 {
			msg = fmt.Sprintf("unknown question %q (closest known: %s); want one of %s", quote.Clip(name), near[0], questionList())
		}
		return c.fail(errors.New(msg))
	}
	var out bytes.Buffer
	if err := cmd(c, &out, rest); err != nil {
		if errors.Is(err, errHelp) {
			return exitAnswer
		}
		var f *testFailures
		if errors.As(err, &f) {
			c.stdout.Write(out.Bytes())
			return exitFailures
		}
		return c.fail(fmt.Errorf("%s: %w", name, err))
	}
	if _, err := c.stdout.Write(out.Bytes()); err != nil {
		return c.fail(&internalError{fmt.Errorf("writing the answer: %w", err)})
	}
	return exitAnswer
}

// fail writes err as the one line of stderr the contract allows and returns
// its exit status.
func (c *cli) fail(err error) int {
	fmt.Fprintf(c.stderr, "cis: %s\n", oneLine(err.Error()))
	return exitCode(err)
}

// exitCode sorts an error into the contract's statuses: a rule's run-time
// failure, a cancelled context or an internal failure is 3; everything else
// is bad input, 2.
func exitCode(err error) int {
	var re *rules.RuleError
	var ie *internalError
	switch {
	case errors.As(err, &re), errors.As(err, &ie),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return exitRule
	}
	return exitInput
}

// oneLine folds a multi-line message (a list of validation problems) into
// one line, so that stderr carries exactly one.
func oneLine(s string) string {
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, "; ")
}

// mainUsage is cis -h: the questions with their flags (rules.Questions),
// the lists and case files, the common flags and the exit statuses.
func mainUsage() string {
	var b strings.Builder
	b.WriteString("usage: cis <question> [flags]\n\nQuestions (each has its own flags; cis <question> -h lists them):\n")
	line := func(name, usage, synopsis string) {
		if len(usage) > 39 {
			fmt.Fprintf(&b, "  %-12s%s\n%55s%s\n", name, usage, "", synopsis)
			return
		}
		fmt.Fprintf(&b, "  %-12s%-41s%s\n", name, usage, synopsis)
	}
	for _, spec := range rules.Questions() {
		line(string(spec.Kind), spec.Usage(), spec.Synopsis)
	}
	line("treaties", "", "the treaties of the dataset")
	line("parties", "", "the parties of the dataset")
	line("test", "FILE...", "run case files")
	line("timeline", "-party P [-o FILE]", "an SVG timeline of every treaty for P")
	line("version", "", "pacta's version and the dataset's")
	b.WriteString(`
Common flags: -json (one JSON object on stdout), -assume PARTY:EVENT:DATE[:TREATY] (repeatable:
a what-if event; TREATY defaults to -treaty), -data DIR (answer from the *.yaml files of DIR, a
dataset of your own, instead of the embedded CIS dataset). -on defaults to today (UTC).

Answers: true, false, a date, a status, or null. A null answer gives its reason:
  not-party   the party never consented to be bound
  not-yet     the treaty is not in force for the party as of the record date
  ended       it was in force and no longer is (withdrawal, denunciation, termination)
  unknown     the record cannot settle it; "open" lists the facts that would
An answer is determinate when every reading of the uncertain facts gives it.

Grades (of each fact; an answer carries the weakest grade of the facts it rests on):
  P  primary: the treaty's text, a depositary's or official register, an official gazette
  S  secondary: reputable news, legal databases, encyclopaedias
  U  unconfirmed: no source confirms it, or the sources conflict

Statuses in the Commonwealth (status -org cis):
  member-state      a member under Charter Art. 7: a founding state that took on the
                    Charter's obligations within a year of its adoption (7(2)), a state
                    admitted later (7(3)), or a late ratifier by the recorded practice
  associate-member  takes part in some of the Commonwealth's activities without being a
                    member state
  participant       a party to the 1991 Agreement and its Protocol that is not a member
                    state under the Charter
  observer          attends meetings of the Commonwealth's bodies as an observer
  partner           holds partner status under the 2023 regulation
  withdrawn         its withdrawal under Charter Art. 9 has taken effect (12 months after
                    its written notice to the depositary)
  non-participant   none of these

Exit status: 0 for any answer (true, false or null); 1 when test had failures; 2 for bad input;
3 when a rule failed at run time.
`)
	return b.String()
}
