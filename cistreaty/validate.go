package cistreaty

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// ErrInvalidDataset is matched by errors.Is for every error of Load, LoadFS,
// Validate and With that reports problems of the data.
var ErrInvalidDataset = errors.New("invalid dataset")

// Problem is one thing wrong with a file that pacta reads (a dataset, a
// rule file, a case file) or with what it says: where it is, which field it
// concerns ("events.party", "treaties.clauses.withdrawal.rule"), a short
// code that names the kind of problem for programs ("unknown-key",
// "syntax", "duplicate-event"; empty where none is given), and what is
// wrong, in words a person who edits the file can act on. Every package that
// reads files lists its problems as Problem values, each in its own error
// type with its own sentinel. Its JSON form is
// {"file", "line", "column", "field", "code", "message"}, leaving out the
// empty ones.
type Problem struct {
	Pos
	Field   string `json:"field,omitzero"`
	Code    string `json:"code,omitzero"`
	Message string `json:"message"`
}

// String returns "file:line:col: field: message", leaving out the parts that
// are unknown.
func (p Problem) String() string {
	var b strings.Builder
	if p.Pos.File != "" || p.Pos.Line > 0 {
		b.WriteString(p.Pos.File)
		if p.Pos.Line > 0 {
			if p.Pos.File != "" {
				b.WriteByte(':')
			}
			b.WriteString(strconv.Itoa(p.Pos.Line))
			if p.Pos.Col > 0 {
				b.WriteByte(':')
				b.WriteString(strconv.Itoa(p.Pos.Col))
			}
		}
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is every problem found in a dataset. As an error it lists them
// one a line, sorted by file, line, column and message, and it matches
// ErrInvalidDataset with errors.Is. Use errors.As to get at the list.
type Problems []Problem

// Error lists every problem, one a line, in sorted order.
func (ps Problems) Error() string {
	sorted := slices.Clone(ps)
	sortProblems(sorted)
	lines := make([]string, len(sorted))
	for i, p := range sorted {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Sorted returns the problems sorted by file, line, column, message and
// field, the order Error lists them in.
func (ps Problems) Sorted() Problems {
	sorted := slices.Clone(ps)
	sortProblems(sorted)
	return sorted
}

// Is makes errors.Is(err, ErrInvalidDataset) hold.
func (ps Problems) Is(target error) bool { return target == ErrInvalidDataset }

func sortProblems(ps Problems) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.Field, b.Field),
		)
	})
}

// Codes of the problems the loader and validation find, beside the YAML
// reader's ("syntax", "unknown-key", "type"…).
const (
	codeMissing      = "missing"      // a required value is not given
	codeDate         = "date"         // dates that cannot be true together
	codeDuplicate    = "duplicate"    // an event or ID given twice
	codeContradicted = "contradicted" // facts that cannot all be true
)

var (
	stateIDRe  = regexp.MustCompile(`^[A-Z]{2}$`)
	orgIDRe    = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	treatyIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
)

// isRuleID reports whether id has the form <treaty-or-template>/<slug>.
func isRuleID(id string) bool {
	a, b, ok := strings.Cut(id, "/")
	return ok && a != "" && b != "" && !strings.Contains(b, "/") &&
		!strings.ContainsFunc(id, func(r rune) bool { return r <= ' ' || r == 0x7f })
}

// Validate checks the data of the dataset and returns every problem it finds
// as Problems, or nil. It checks the header (name, version, record_as_of);
// that IDs of parties, treaties, rules and organisations are unique and well
// formed; that every reference to a party or treaty names a known one; that
// clauses are well formed; that every event has a kind, a date, a source and a
// grade, and dates that can be true (an uncertain range in order, nothing
// before the treaty was concluded, no withdrawal before the party's first
// instrument or recorded entry into force, nothing unexpected after the
// record date). It does not check rule references or template names: package
// rules knows those.
func (ds *Dataset) Validate() error {
	ps, more := ds.validate(nil, maxProblems)
	if more > 0 {
		ps = append(ps, tooMany(more))
	}
	if len(ps) == 0 {
		return nil
	}
	sortProblems(ps)
	return ps
}

// maxProblems bounds the problems one Load or Validate lists: enough for
// anyone to work through, and a bound on memory for a hostile file.
const maxProblems = 1000

// tooMany is the last line of a list that was cut at maxProblems. Having no
// position, it sorts first.
func tooMany(more int) Problem {
	return Problem{Message: fmt.Sprintf("too many problems: %d more not listed", more)}
}

// validate returns up to limit problems, leaving out those skip matches (it
// sees only Pos and Field), and how many more it found.
func (ds *Dataset) validate(skip func(Problem) bool, limit int) (Problems, int) {
	v := &validator{ds: ds, suggestBudget: maxSuggestWork, skip: skip, limit: limit}
	v.run()
	return v.probs, v.more
}

type validator struct {
	ds    *Dataset
	probs Problems
	skip  func(Problem) bool // problems already reported otherwise
	limit int                // how many to list
	more  int                // how many found beyond limit

	// suggestBudget bounds the names "did you mean" compares in one
	// validation, so that many unknown references into a large dataset
	// cannot make validation quadratic.
	suggestBudget int

	parties   map[string]*Party
	treaties  map[string]*Treaty
	partyIDs  []string
	treatyIDs []string
}

func (v *validator) add(pos Pos, field, format string, args ...any) {
	v.addCode(pos, field, "", format, args...)
}

func (v *validator) addCode(pos Pos, field, code, format string, args ...any) {
	p := Problem{Pos: pos, Field: field, Code: code}
	if v.skip != nil && v.skip(p) {
		return
	}
	if len(v.probs) >= v.limit {
		v.more++
		return
	}
	p.Message = fmt.Sprintf(format, args...)
	v.probs = append(v.probs, p)
}

// maxSuggestWork is how many known names one validation may compare for
// suggestions: plenty for a dataset of thousands of IDs, a bound for one of
// hundreds of thousands with many unknown references.
const maxSuggestWork = 2_000_000

func (v *validator) didYouMean(name string, known []string) string {
	if v.suggestBudget < len(known) {
		return ""
	}
	v.suggestBudget -= len(known)
	return didYouMean(name, known)
}

// where names a position for "first at …" messages.
func where(p Pos) string {
	if s := p.String(); s != "" {
		return " (first at " + s + ")"
	}
	return " (given twice)"
}

func (v *validator) run() {
	ds := v.ds
	v.header()
	v.indexByID()

	// The check of contradictions reads only the record and the ID
	// indexes: it runs beside the checks of parties, treaties, rules and
	// events, into a list of its own, which joins the others' in the order
	// of a run one after another.
	cv := &validator{ds: ds, skip: v.skip, limit: v.limit, parties: v.parties, treaties: v.treaties}
	done := make(chan struct{})
	go func() {
		cv.contradictions()
		close(done)
	}()
	for i := range ds.parties {
		v.party(&ds.parties[i])
	}
	for i := range ds.treaties {
		v.treaty(&ds.treaties[i])
	}
	v.rules()
	v.events(nil)
	<-done
	for _, p := range cv.probs {
		if len(v.probs) >= v.limit {
			v.more++
			continue
		}
		v.probs = append(v.probs, p)
	}
	v.more += cv.more
	v.organisations()
}

// header checks the dataset's header.
func (v *validator) header() {
	ds := v.ds
	switch {
	case ds.name == "" && ds.version == "" && !ds.recordAsOf.IsValid():
		v.add(Pos{}, "dataset", "missing dataset header (a file with dataset: {name, version, record_as_of})")
	default:
		if ds.name == "" {
			v.add(Pos{}, "dataset.name", "missing dataset name")
		}
		if ds.version == "" {
			v.add(Pos{}, "dataset.version", "missing dataset version")
		}
		if !ds.recordAsOf.IsValid() {
			v.add(Pos{}, "dataset.record_as_of", "missing record_as_of date")
		}
	}
}

// indexByID indexes the parties and treaties by ID, reporting duplicates.
func (v *validator) indexByID() {
	ds := v.ds
	v.parties, v.partyIDs = indexIDs(v, ds.parties, "parties.id", "party", func(p *Party) (string, Pos) { return p.ID, p.Pos })
	v.treaties, v.treatyIDs = indexIDs(v, ds.treaties, "treaties.id", "treaty", func(t *Treaty) (string, Pos) { return t.ID, t.Pos })
}

// validateFrom validates a copy made by With of a dataset validated whole,
// whose events from index n on are the added ones: it finds the problems
// validating the whole copy would, checking only what the added events can
// change. The header, parties, treaties, rules and organisations are those
// of the valid original. An event of the original can only be wrong now
// beside an added event of its own party under its own treaty: its checks
// against its pair's first instrument and entry into force, and the
// contradictions within its pair. (A pair's predecessor taking part, the
// one thing checked across pairs, an added event can only establish.)
func (ds *Dataset) validateFrom(n int) (Problems, int) {
	v := &validator{ds: ds, suggestBudget: maxSuggestWork, limit: maxProblems}
	v.indexByID()
	var touched []pairKey // in the order of the added events
	for i := n; i < len(ds.events); i++ {
		if e := &ds.events[i]; e.Treaty != "" && e.Party != "" && !slices.Contains(touched, pairKey{e.Treaty, e.Party}) {
			touched = append(touched, pairKey{e.Treaty, e.Party})
		}
	}
	v.events(func(i int, e *Event) bool {
		return i >= n || slices.Contains(touched, pairKey{e.Treaty, e.Party})
	})
	v.contradictionsFrom(n, touched)
	return v.probs, v.more
}

// indexIDs maps the items' IDs to the first item of each, reporting the
// others, and lists the IDs in order.
func indexIDs[T any](v *validator, items []T, field, what string, id func(*T) (string, Pos)) (map[string]*T, []string) {
	m := make(map[string]*T, len(items))
	var ids []string
	for i := range items {
		it := &items[i]
		s, pos := id(it)
		if s == "" {
			continue
		}
		if first, dup := m[s]; dup {
			_, fpos := id(first)
			v.add(pos, field, "duplicate %s id %q%s", what, clip(s), where(fpos))
			continue
		}
		m[s] = it
		ids = append(ids, s)
	}
	return m, ids
}

func (v *validator) party(p *Party) {
	switch {
	case p.ID == "":
		v.add(p.Pos, "parties.id", "missing party id")
	case p.Kind == KindState && !stateIDRe.MatchString(p.ID):
		v.add(p.Pos, "parties.id", "state id %q is not two upper-case letters (ISO 3166-1 alpha-2)", clip(p.ID))
	case p.Kind == KindOrganisation && !orgIDRe.MatchString(p.ID):
		v.add(p.Pos, "parties.id", "organisation id %q is not lower-case letters, digits and '-', starting with a letter", clip(p.ID))
	}
	if p.Name == "" {
		v.add(p.Pos, "parties.name", "missing name")
	}
	switch p.Kind {
	case KindState, KindOrganisation:
	case KindUnknown:
		v.add(p.Pos, "parties.kind", "missing kind (state or organisation)")
	default:
		v.add(p.Pos, "parties.kind", "unknown party kind %d", p.Kind)
	}
	if p.Continues != "" {
		switch {
		case p.Continues == p.ID:
			v.add(p.Pos, "parties.continues", "party %q continues itself", clip(p.ID))
		case v.parties[p.Continues] == nil:
			v.add(p.Pos, "parties.continues", "unknown party %q%s", clip(p.Continues), v.didYouMean(p.Continues, v.partyIDs))
		}
		v.source(p.ContinuitySource, p.Pos, "parties.continuity_source", true)
	} else if p.ContinuitySource != (Source{}) {
		v.add(p.Pos, "parties.continuity_source", "continuity_source without continues")
	}
}

// source checks a source; a required one must be there, and one that is
// there must have a citation and a grade.
func (v *validator) source(s Source, pos Pos, field string, required bool) {
	if s == (Source{}) {
		if required {
			v.add(pos, field, "missing source (cite and grade)")
		}
		return
	}
	if s.Citation == "" {
		v.add(pos, field+".cite", "missing source citation")
	}
	switch {
	case s.Grade == GradeNone:
		v.add(pos, field+".grade", "missing grade (P, S or U)")
	case s.Grade > GradeU:
		v.add(pos, field+".grade", "unknown grade %d", s.Grade)
	}
}

// sourceOK reports whether source finds nothing to say of s: a check
// cheap enough to run before spelling the field's name.
func sourceOK(s Source, required bool) bool {
	if s == (Source{}) {
		return !required
	}
	return s.Citation != "" && s.Grade != GradeNone && s.Grade <= GradeU
}

func (v *validator) treaty(t *Treaty) {
	switch {
	case t.ID == "":
		v.add(t.Pos, "treaties.id", "missing treaty id")
	case !treatyIDRe.MatchString(t.ID):
		v.add(t.Pos, "treaties.id", "treaty id %q is not a slug (lower-case letters, digits, '.', '_' and '-')", clip(t.ID))
	}
	if t.Title == "" {
		v.add(t.Pos, "treaties.title", "missing title")
	}
	if !t.Concluded.IsValid() {
		v.add(t.Pos, "treaties.concluded", "missing concluded date")
	}
	switch t.Participation {
	case Complete, Partial:
	case ParticipationUnknown:
		v.add(t.Pos, "treaties.participation", "missing participation (complete or partial)")
	default:
		v.add(t.Pos, "treaties.participation", "unknown participation %d", t.Participation)
	}
	v.source(t.Source, t.Pos, "treaties.source", false)
	if t.Applies != "" && v.treaties[t.Applies] == nil {
		v.add(t.Pos, "treaties.applies", "unknown treaty %q%s", clip(t.Applies), v.didYouMean(t.Applies, v.treatyIDs))
	}
	for _, np := range t.NotParties {
		if v.parties[np.Party] == nil {
			v.add(np.Pos, "treaties.not_parties.party", "unknown party %q%s", clip(np.Party), v.didYouMean(np.Party, v.partyIDs))
		}
		v.source(np.Source, np.Pos, "treaties.not_parties.source", true)
	}

	v.clause(t.Clauses.EntryIntoForce, t.Pos, "treaties.clauses.entry_into_force")
	v.clause(t.Clauses.LaterParties, t.Pos, "treaties.clauses.later_parties")
	v.clause(t.Clauses.Withdrawal, t.Pos, "treaties.clauses.withdrawal")
	v.clause(t.Clauses.Term, t.Pos, "treaties.clauses.term")

	articles := make(map[string]Pos)
	for _, o := range t.Obligations {
		pos := at(o.Pos, t.Pos)
		if o.Article == "" {
			v.add(pos, "treaties.obligations.article", "missing article")
		} else if first, dup := articles[o.Article]; dup {
			v.add(pos, "treaties.obligations.article", "duplicate article %q%s", clip(o.Article), where(first))
		} else {
			articles[o.Article] = o.Pos
		}
		v.source(o.Source, pos, "treaties.obligations.source", o.Text != "")
		v.clause(o.Condition, pos, "treaties.obligations.condition")
	}

	for _, d := range t.Displaces {
		pos := at(d.Pos, t.Pos)
		switch {
		case d.Treaty == "":
			v.add(pos, "treaties.displaces.treaty", "missing treaty")
		case d.Treaty == t.ID:
			v.add(pos, "treaties.displaces.treaty", "treaty %q displaces itself", clip(t.ID))
		case v.treaties[d.Treaty] == nil:
			v.add(pos, "treaties.displaces.treaty", "unknown treaty %q%s", clip(d.Treaty), v.didYouMean(d.Treaty, v.treatyIDs))
		}
		if d.Clause.Form != ClauseTemplate && d.Clause.Form != ClauseRule {
			v.add(at(d.Clause.Pos, pos), "treaties.displaces.clause", "a displacing clause must be a template or a rule, not %s", d.Clause.Form)
		} else {
			v.clause(d.Clause, pos, "treaties.displaces.clause")
		}
	}
}

// at returns p, or def when p is unknown (a value built in code, not read
// from a file).
func at(p, def Pos) Pos {
	if p == (Pos{}) {
		return def
	}
	return p
}

func (v *validator) clause(c Clause, owner Pos, field string) {
	pos := at(c.Pos, owner)
	switch c.Form {
	case ClauseSilent, ClauseUnknown:
		if c.Template != "" || c.Rule != "" || len(c.Params) > 0 {
			v.add(pos, field, "a clause that is %s names no template, rule or params", c.Form)
		}
	case ClauseTemplate:
		if c.Template == "" {
			v.add(pos, field+".template", "missing template name")
		}
		if c.Rule != "" {
			v.add(pos, field, "a clause has a template or a rule, not both")
		}
	case ClauseRule:
		v.ruleRef(pos, field+".rule", c.Rule)
		if c.Template != "" || len(c.Params) > 0 {
			v.add(pos, field, "a clause has a template or a rule, not both")
		}
	default:
		v.add(pos, field, "unknown clause form %d", c.Form)
	}
	// Every clause text carries its source. (The field's name is spelled
	// only for a problem: a record of a quarter of a million treaties has a
	// million clauses.)
	if !sourceOK(c.Source, c.Says != "") {
		v.source(c.Source, pos, field+".source", c.Says != "")
	}
}

// ruleRef checks the form of a reference to a rule; whether the rule exists
// is for package rules to say, since it also knows the Vienna Convention's.
func (v *validator) ruleRef(pos Pos, field, id string) {
	switch {
	case id == "":
		v.add(pos, field, "missing rule")
	case !isRuleID(id):
		v.add(pos, field, "rule %q is not of the form <treaty-or-template>/<slug>", clip(id))
	}
}

func (v *validator) rules() {
	seen := make(map[string]Pos)
	for _, r := range v.ds.rules {
		switch {
		case r.ID == "":
			v.add(r.Pos, "rules.id", "missing rule id")
		case !isRuleID(r.ID):
			v.add(r.Pos, "rules.id", "rule id %q is not of the form <treaty-or-template>/<slug>", clip(r.ID))
		}
		if r.ID != "" {
			if first, dup := seen[r.ID]; dup {
				v.add(r.Pos, "rules.id", "duplicate rule id %q%s", clip(r.ID), where(first))
			} else {
				seen[r.ID] = r.Pos
			}
		}
		if strings.TrimSpace(r.Expr) == "" {
			v.add(r.Pos, "rules.expr", "missing expr")
		}
		v.source(r.Source, r.Pos, "rules.source", r.Says != "")
	}
}

// upper is the latest date an event can have had, as far as ordering checks
// go: Latest, or Earliest when there is no Latest.
func upper(w When) Date {
	if w.Latest.IsValid() {
		return w.Latest
	}
	return w.Earliest
}

// describe names an event that has no file position (one added by With), so
// that a message about it can be traced.
func describe(e *Event) string {
	if e.Pos != (Pos{}) {
		return ""
	}
	var parts []string
	if e.Assumed {
		parts = append(parts, "assumed")
	}
	if e.Party != "" {
		parts = append(parts, e.Party)
	}
	if k := e.Kind.String(); k != "" {
		parts = append(parts, k)
	}
	if e.When.Earliest.IsValid() {
		parts = append(parts, e.When.String())
	}
	if e.Treaty != "" {
		parts = append(parts, "under "+e.Treaty)
	}
	return " [event: " + strings.Join(parts, " ") + "]"
}

// eventDesc formats as describe(e), when a message is made.
type eventDesc struct{ e *Event }

func (d eventDesc) String() string { return describe(d.e) }

type pairKey struct{ treaty, party string }

// firstEvent is the earliest of a party's events of some kinds under a
// treaty.
type firstEvent struct {
	date Date
	kind EventKind
}

// events checks each event that check accepts (every one when check is nil).
func (v *validator) events(check func(i int, e *Event) bool) {
	ds := v.ds
	// Only the pairs with a withdrawal, denunciation or termination are
	// checked against their first instrument: the maps hold those alone.
	need := make(map[pairKey]bool)
	for i := range ds.events {
		e := &ds.events[i]
		if check != nil && !check(i, e) {
			continue
		}
		switch e.Kind {
		case WithdrawalNotice, Withdrawal, Denunciation, Termination:
			if e.Treaty != "" && e.Party != "" {
				need[pairKey{e.Treaty, e.Party}] = true
			}
		}
	}
	consent := make(map[pairKey]firstEvent, len(need)) // first instrument or entry into force
	eif := make(map[pairKey]firstEvent)                // first recorded entry into force
	for i := range ds.events {
		e := &ds.events[i]
		if len(need) == 0 || e.Treaty == "" || e.Party == "" || !e.When.Earliest.IsValid() {
			continue
		}
		k := pairKey{e.Treaty, e.Party}
		if !need[k] {
			continue
		}
		switch e.Kind {
		case Signature, Ratification, Deposit, Accession, Succession, Notification,
			ProvisionalApplication, EntryIntoForce:
			if f, ok := consent[k]; !ok || e.When.Earliest.Before(f.date) {
				consent[k] = firstEvent{e.When.Earliest, e.Kind}
			}
		}
		if e.Kind == EntryIntoForce {
			if f, ok := eif[k]; !ok || e.When.Earliest.Before(f.date) {
				eif[k] = firstEvent{e.When.Earliest, e.Kind}
			}
		}
	}
	for i := range ds.events {
		if check == nil || check(i, &ds.events[i]) {
			v.event(&ds.events[i], consent, eif)
		}
	}
}

func (v *validator) event(e *Event, consent, eif map[pairKey]firstEvent) {
	// The description is built only when a problem is reported.
	pos, desc := e.Pos, eventDesc{e}
	ds := v.ds

	// References.
	var t *Treaty
	if e.Treaty != "" {
		if t = v.treaties[e.Treaty]; t == nil {
			v.add(pos, "events.treaty", "unknown treaty %q%s%s", clip(e.Treaty), v.didYouMean(e.Treaty, v.treatyIDs), desc)
		}
	}
	if e.Party != "" && v.parties[e.Party] == nil {
		v.add(pos, "events.party", "unknown party %q%s%s", clip(e.Party), v.didYouMean(e.Party, v.partyIDs), desc)
	}

	// Kind, and who the event needs.
	switch {
	case e.Kind == EventUnknown:
		v.add(pos, "events.kind", "missing event kind%s", desc)
	case e.Kind >= numEventKinds:
		v.add(pos, "events.kind", "unknown event kind %d%s", e.Kind, desc)
	case e.Treaty == "" && e.Kind != CeasedToExist:
		v.add(pos, "events.treaty", "a %s event needs a treaty (only ceased-to-exist stands without one)%s", e.Kind, desc)
	case e.Treaty != "" && e.Kind == CeasedToExist:
		v.add(pos, "events.treaty", "ceased-to-exist is a party's own event and names no treaty%s", desc)
	}
	if e.Party == "" && e.Kind != EventUnknown && e.Kind != EntryIntoForce && e.Kind != Termination && e.Kind != ProvisionalApplication {
		v.add(pos, "events.party", "a %s event needs a party%s", e.Kind, desc)
	}

	v.source(e.Source, pos, "events.source", true)

	// Dates.
	w := e.When
	if !w.Earliest.IsValid() {
		v.add(pos, "events.date", "missing date (date; or earliest and latest; or expected: true and earliest)%s", desc)
	} else {
		if !w.Latest.IsValid() && !w.Expected {
			v.add(pos, "events.latest", "missing latest date (or expected: true)%s", desc)
		}
		if w.Latest.IsValid() && w.Earliest.After(w.Latest) {
			v.add(pos, "events.earliest", "earliest %s is after latest %s%s", w.Earliest, w.Latest, desc)
		}
		if t != nil && t.Concluded.IsValid() && upper(w).Before(t.Concluded) {
			v.add(pos, "events.date", "%s dated %s, before %s was concluded on %s%s", e.Kind, w, t.ID, t.Concluded, desc)
		}
		if e.Party != "" && e.Treaty != "" {
			k := pairKey{e.Treaty, e.Party}
			switch e.Kind {
			case WithdrawalNotice, Withdrawal, Denunciation, Termination:
				if f, ok := consent[k]; ok && upper(w).Before(f.date) {
					v.add(pos, "events.date", "%s dated %s, before %s's first %s under %s on %s%s",
						e.Kind, w, e.Party, f.kind, e.Treaty, f.date, desc)
				} else if f, ok := eif[k]; ok && e.Kind == Withdrawal && upper(w).Before(f.date) && !v.returned(k, w, f.date) {
					v.add(pos, "events.date", "withdrawal dated %s, before %s's recorded entry into force under %s on %s%s",
						w, e.Party, e.Treaty, f.date, desc)
				}
			}
		}
		if !w.Expected && !e.Assumed && ds.recordAsOf.IsValid() && w.Earliest.After(ds.recordAsOf) {
			v.add(pos, "events.date", "%s dated %s, after the record date %s, but not expected: true%s",
				e.Kind, w, ds.recordAsOf, desc)
		}
	}

	if e.Effective.IsValid() {
		switch {
		case e.Kind != WithdrawalNotice:
			v.add(pos, "events.effective", "effective is only for a withdrawal-notice, not %s%s", kindName(e.Kind), desc)
		case w.Earliest.IsValid() && e.Effective.Before(w.Earliest):
			v.add(pos, "events.effective", "effective %s is before the notice of %s%s", e.Effective, w, desc)
		}
	}

	if e.Towards != "" {
		switch {
		case e.Kind != Suspension && e.Kind != SuspensionEnd:
			v.add(pos, "events.towards", "towards is only for suspension and suspension-end, not %s%s", kindName(e.Kind), desc)
		case e.Towards == e.Party:
			v.add(pos, "events.towards", "party %q suspends towards itself%s", clip(e.Party), desc)
		case v.parties[e.Towards] == nil:
			v.add(pos, "events.towards", "unknown party %q%s%s", clip(e.Towards), v.didYouMean(e.Towards, v.partyIDs), desc)
		}
	}
}

func kindName(k EventKind) string {
	if s := k.String(); s != "" {
		return s
	}
	return "an event without a kind"
}

func (v *validator) organisations() {
	seen := make(map[string]Pos)
	for _, o := range v.ds.orgs {
		pos := o.Pos
		switch p := v.parties[o.Party]; {
		case o.Party == "":
			v.add(pos, "organisations.party", "missing party")
		case p == nil:
			v.add(pos, "organisations.party", "unknown party %q%s", clip(o.Party), v.didYouMean(o.Party, v.partyIDs))
		case p.Kind != KindOrganisation && p.Kind != KindUnknown:
			v.add(pos, "organisations.party", "party %q is a %s, not an organisation", clip(o.Party), p.Kind)
		}
		if o.Party != "" {
			if first, dup := seen[o.Party]; dup {
				v.add(pos, "organisations.party", "duplicate organisation %q%s", clip(o.Party), where(first))
			} else {
				seen[o.Party] = pos
			}
		}
		for _, c := range o.Constituent {
			if v.treaties[c] == nil {
				v.add(pos, "organisations.constituent", "unknown treaty %q%s", clip(c), v.didYouMean(c, v.treatyIDs))
			}
		}
		if o.Default == "" {
			v.add(pos, "organisations.default", "missing default status")
		}
		if o.Founding != "" {
			v.ruleRef(pos, "organisations.founding", o.Founding)
		}
		if len(o.Statuses) == 0 {
			v.add(pos, "organisations.statuses", "no statuses")
		}
		for _, m := range o.Statuses {
			mpos := at(m.Pos, pos)
			if m.Status == "" {
				v.add(mpos, "organisations.statuses.status", "missing status")
			}
			v.ruleRef(mpos, "organisations.statuses.rule", m.Rule)
		}
	}
}

// returned reports whether the party gave a new instrument of consent after
// a withdrawal dated w and by the recorded entry into force eif: the
// recorded date then belongs to the period it opened when it returned, not
// to the one the withdrawal ended.
func (v *validator) returned(k pairKey, w When, eif Date) bool {
	for _, e := range v.ds.EventsOf(k.treaty, k.party) {
		switch e.Kind {
		case Ratification, Deposit, Accession, Succession, Notification:
		default:
			continue
		}
		if e.When.Earliest.After(upper(w)) && !e.When.Earliest.After(eif) {
			return true
		}
	}
	return false
}
