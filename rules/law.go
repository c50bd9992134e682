package rules

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/pacta-law/pacta/cistreaty"
)

// Law is the treaty law compiled once: the embedded clause templates and the
// Vienna Convention's rules, any rule files added with WithRuleFiles, under
// one set of limits. It is immutable and safe for concurrent use; every
// Engine built from it shares its programs, and it keeps (bounded) the
// programs it compiles for datasets' rules, by text, so that engines over
// datasets with the same rules compile them once.
type Law struct {
	c      *compiled
	maxUnc int
}

// Rule IDs the engine applies by name. Compile checks that the law defines
// them and that each gives what its use needs.
const (
	RuleVCLTArt4  = "vclt-1969/art-4"  // the Convention applies between two states (bool)
	RuleVCLTArt24 = "vclt-1969/art-24" // entry into force of a treaty silent on it (optional(Date))
	RuleVCLTArt56 = "vclt-1969/art-56" // withdrawal from a treaty silent on it (Date)
)

// IDs of explanation steps that rest on the record alone, not on a rule. No
// rule may have an ID under "record/".
const (
	RecordEntryIntoForce          = "record/entry-into-force"         // a recorded per-party date
	RecordGeneralEntryIntoForce   = "record/general-entry-into-force" // the treaty's recorded date
	RecordWithdrawal              = "record/withdrawal"
	RecordTermination             = "record/termination"
	RecordSuspension              = "record/suspension"
	RecordCeasedToExist           = "record/ceased-to-exist"
	RecordSignatureOnly           = "record/signature-only"
	RecordWithdrawalClauseUnknown = "record/withdrawal-clause-unknown"
	RecordNotAParty               = "record/not-a-party"
	RecordNotYetInForce           = "record/not-yet-in-force"
	RecordParticipationPartial    = "record/participation-partial"
	RecordObligation              = "record/obligation" // the text of the article asked about
	RecordReturn                  = "record/return"     // a party bound again after its being bound ended
	RecordNotBoundOnNotice        = "record/not-bound-on-notice"
	RecordPartyOpenOnNotice       = "record/party-open-on-notice"
)

const recordPrefix = "record/"

// ErrInvalidOption is matched by errors.Is for an option Compile refuses.
var ErrInvalidOption = errors.New("invalid option")

// ErrNoDataset is matched by errors.Is when an engine is asked for over no
// dataset, or over a Dataset that no constructor built.
var ErrNoDataset = errors.New("no dataset")

type config struct {
	lim    Limits
	extra  []RuleFile
	maxUnc int
}

// Option configures Compile (and New).
type Option func(*config) error

// WithLimits sets the bounds on rules (see Limits); a zero field takes its
// default, a negative one is refused.
func WithLimits(l Limits) Option {
	return func(c *config) error {
		if l.ExpressionSize < 0 || l.Nesting < 0 || l.ComprehensionNesting < 0 {
			return fmt.Errorf("rules: WithLimits: %w: a negative limit", ErrInvalidOption)
		}
		c.lim = l
		return nil
	}
}

// WithRuleFiles adds rule files (templates and rules) to the embedded law.
func WithRuleFiles(files ...RuleFile) Option {
	return func(c *config) error {
		c.extra = append(c.extra, files...)
		return nil
	}
}

// WithMaxUncertain sets how many uncertain facts one question may depend on
// before its answer is indeterminate without trying every combination: from
// 1 to 20 (default 12: 4,096 combinations).
func WithMaxUncertain(n int) Option {
	return func(c *config) error {
		if n < 1 || n > 20 {
			return fmt.Errorf("rules: WithMaxUncertain(%d): %w: want 1 to 20", n, ErrInvalidOption)
		}
		c.maxUnc = n
		return nil
	}
}

// Compile compiles the law: the embedded rules and any added with
// WithRuleFiles, reporting every compile error at once (file:line:col) as a
// *CompileError.
func Compile(opts ...Option) (*Law, error) {
	cfg := config{maxUnc: 12}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	c, err := compileLaw(cfg.extra, cfg.lim.orDefault())
	if err != nil {
		return nil, err
	}
	return &Law{c: c, maxUnc: cfg.maxUnc}, nil
}

// defaultLaw is the law with no options, compiled on first use and shared:
// it depends on nothing but the embedded rule files.
var defaultLaw = sync.OnceValues(func() (*Law, error) { return Compile() })

// New compiles the law with opts and builds an engine over ds with it: the
// one-line form of Compile and Law.Engine. Without options it uses one Law
// compiled once per process.
func New(ctx context.Context, ds *cistreaty.Dataset, opts ...Option) (*Engine, error) {
	var law *Law
	var err error
	if len(opts) == 0 {
		law, err = defaultLaw()
	} else {
		law, err = Compile(opts...)
	}
	if err != nil {
		return nil, err
	}
	return law.Engine(ctx, ds)
}

// Engine compiles the dataset's rules, reports every compile error at once,
// checks recorded against computed dates, and builds the timelines. ds must
// be a dataset built by cistreaty (Load, LoadFS, NewDataset, With): nil or a
// zero Dataset is an error matching ErrNoDataset. When ctx ends, Engine
// stops and returns its error; a nil ctx means context.Background().
func (l *Law) Engine(ctx context.Context, ds *cistreaty.Dataset) (*Engine, error) {
	return l.engine(ctx, ds, false)
}

// LazyEngine builds an engine over ds that compiles a rule, and builds a
// treaty's timelines or an organisation's membership, on first use: for a
// process that asks a question or two, which reaches a few of the rules
// and treaties. Its answers are those of Engine's engine. It checks the
// dataset as Engine does, except what only compiling or evaluating the
// rules finds: a rule that does not compile, gives the wrong type for its
// use, or runs away fails the first query that reaches it, as a *RuleError
// (wrapping the *CompileError of a rule that does not compile), and
// Findings checks every treaty on each call. Use Engine, which reports
// every such problem at once, for a dataset not yet known to be sound and
// for an engine that serves many questions.
func (l *Law) LazyEngine(ctx context.Context, ds *cistreaty.Dataset) (*Engine, error) {
	return l.engine(ctx, ds, true)
}

func (l *Law) engine(ctx context.Context, ds *cistreaty.Dataset, lazy bool) (*Engine, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if ds == nil {
		return nil, fmt.Errorf("rules: %w", ErrNoDataset)
	}
	if ds.Name() == "" {
		// Every constructor validates, and a valid dataset has a name: this
		// one was not built by a constructor.
		err := ds.Validate()
		if err == nil {
			err = errors.New("a dataset needs a name")
		}
		return nil, fmt.Errorf("rules: %w: %w", ErrNoDataset, err)
	}
	c, err := l.c.withDataset(ds, lazy)
	if err != nil {
		return nil, err
	}
	return build(ctx, ds, c, l, nil)
}
