package ask

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// textWidth is where the text answer wraps long lines.
const textWidth = 88

// Text writes a verdict for a lawyer to read: the answer, what was asked
// about and what was assumed, the rules that decided it with their
// articles, texts and facts, what would settle it, notes, and the dataset
// it comes from. It is the cis command's answer without -json.
func Text(out *bytes.Buffer, ds *cistreaty.Dataset, v *rules.Verdict, assumed []cistreaty.Event) {
	// The answer stays on one line, whatever its length: it is what a
	// script reads with head -1.
	out.WriteString(headline(v) + "\n")
	for _, l := range subjectLines(ds, v) {
		wrap(out, "", "  ", l)
	}
	for _, ev := range assumed {
		s := fmt.Sprintf("Assumed (what if; not in the record): %s %s", ev.When, EventSubject(ev.Party, ev.Kind.String()))
		if ev.Treaty != "" {
			s += " (" + ev.Treaty + ")"
		}
		wrap(out, "", "  ", s)
	}
	if r := v.Range; r != nil {
		concluded := cistreaty.Date{}
		if t, ok := ds.Treaty(v.Inputs.Treaty); ok {
			concluded = t.Concluded
		}
		switch {
		case r.Latest.IsValid() && r.Earliest == concluded && v.Question == rules.QuestionEIF:
			// Only an upper bound is known: the lower one is the treaty's
			// own conclusion.
			wrap(out, "", "  ", fmt.Sprintf("Range: not after %s (and not before %s, when the treaty was concluded; the record does not fix the day)", r.Latest, r.Earliest))
		case r.Latest.IsValid():
			wrap(out, "", "  ", fmt.Sprintf("Range: between %s and %s (the record does not fix the day)", r.Earliest, r.Latest))
		default:
			wrap(out, "", "  ", fmt.Sprintf("Range: not before %s (the record gives no latest day)", r.Earliest))
		}
	}
	if v.Founding != nil {
		f := "not settled by the record (it supports two readings)"
		switch *v.Founding {
		case rules.True:
			f = "yes"
		case rules.False:
			f = "no"
		}
		wrap(out, "", "  ", "Founding state: "+f)
	}
	if v.Question == rules.QuestionEIF && v.Inputs.Party != "" {
		if len(v.Periods) == 0 {
			out.WriteString("In force: never, on the record\n")
		} else {
			out.WriteString("In force:\n")
			for _, p := range v.Periods {
				s := "from " + p.From.String()
				if p.To.IsValid() {
					s += " to " + p.To.String()
				}
				if !p.Determinate {
					s += " (bounds not settled by the record)"
				}
				wrap(out, "  - ", "    ", s)
			}
		}
	}
	if len(v.Because) > 0 {
		out.WriteString("\nBecause:\n")
		for i, st := range v.Because {
			if i > 0 && st.Depth == 0 {
				out.WriteString("\n")
			}
			writeStep(out, st)
		}
	}
	if len(v.Open) > 0 {
		out.WriteString("\nOpen (what would settle it):\n")
		for _, o := range v.Open {
			wrap(out, "  - ", "    ", fmt.Sprintf("%s %s (%s) — %s",
				Span(o.Earliest, o.Latest, false), EventSubject(o.Party, o.Event), o.Treaty, o.Why))
		}
	}
	if len(v.Notes) > 0 {
		out.WriteString("\nNotes:\n")
		for _, n := range v.Notes {
			wrap(out, "  - ", "    ", n)
		}
	}
	out.WriteString("\n")
	wrap(out, "", "  ", DatasetLine(ds, v.Grade.String()))
}

// writeStep writes one rule of the explanation, indented by its depth under
// the deciding rule.
func writeStep(out *bytes.Buffer, st rules.Step) {
	ind := "  " + strings.Repeat("    ", st.Depth)
	head := st.Cites
	if head == "" {
		head = st.Rule
	}
	if st.Fallback {
		head += " (VCLT default rule)"
	}
	wrap(out, ind, ind+"  ", head)
	if st.Says != "" {
		says := "“" + strings.TrimSpace(st.Says) + "”"
		if name := LanguageName(st.Lang); name != "" {
			says = name + " original: " + says
		}
		wrap(out, ind+"  ", ind+"   ", says)
	}
	if st.SaysEN != "" {
		wrap(out, ind+"  ", ind+"   ", "English translation (pacta's, not an authentic text): “"+strings.TrimSpace(st.SaysEN)+"”")
	}
	if st.Reading != "" {
		wrap(out, ind+"  ", ind+"   ", "Reading (pacta's, not the treaty's words): "+strings.TrimSpace(st.Reading))
	}
	if st.Value != "" {
		wrap(out, ind+"  ", ind+"    ", "Result: "+st.Value)
	}
	for _, f := range st.Facts {
		wrap(out, ind+"  - ", ind+"    ", factLine(f))
	}
}

// factLine is `<date or earliest..latest> <party> <event> (<treaty>) —
// <source> [grade X]`, with [assumed] for a what-if fact.
func factLine(f rules.Fact) string {
	when := ""
	if f.Date.IsValid() {
		when = f.Date.String()
	} else {
		when = Span(f.Earliest, f.Latest, f.Expected)
	}
	s := when + " " + EventSubject(f.Party, f.Event)
	if f.Treaty != "" {
		s += " (" + f.Treaty + ")"
	}
	s += " — " + f.Source
	if f.URL != "" {
		s += " <" + f.URL + ">"
	}
	s += " [grade " + f.Grade.String() + "]"
	if f.Assumed {
		s += " [assumed]"
	}
	return s
}

// EventSubject is "RU deposit", or the event alone for a treaty-wide one.
func EventSubject(party, event string) string {
	if party == "" {
		return event
	}
	return party + " " + event
}

// Span is "earliest..latest", "earliest.." when there is no latest, and
// "expected earliest.." for an event the record expects but has not seen.
func Span(earliest, latest cistreaty.Date, expected bool) string {
	s := ""
	if expected {
		s = "expected "
	}
	if earliest.IsValid() {
		s += earliest.String()
	}
	s += ".."
	if latest.IsValid() {
		s += latest.String()
	}
	return s
}

// DatasetLine names the dataset and the record date, and the weakest grade
// of an answer when there is one.
func DatasetLine(ds *cistreaty.Dataset, grade string) string {
	s := fmt.Sprintf("Dataset: %s %s, record as of %s", ds.Name(), ds.Version(), ds.RecordAsOf())
	if grade != "" {
		s += "; weakest grade: " + grade
	}
	return s
}

// reasonText says in words why an answer is null.
func reasonText(reason string) string {
	switch reason {
	case rules.ReasonNotParty:
		return "the party never consented to be bound"
	case rules.ReasonNotYet:
		return "not in force as of the record date"
	case rules.ReasonEnded:
		return "was in force and no longer is"
	}
	return "not settled by the record"
}

// headline is the first line: the answer, then what it means.
func headline(v *rules.Verdict) string {
	in := v.Inputs
	if v.Answer.IsNull() {
		reason := v.Reason
		if reason == "" {
			reason = rules.ReasonUnknown
		}
		return fmt.Sprintf("null (%s: %s) — %s", reasonText(reason), reason, asked(v))
	}
	yes := v.Answer.Bool == nil || *v.Answer.Bool
	not := func(pos, neg string) string {
		if yes {
			return pos
		}
		return neg
	}
	var s string
	switch v.Question {
	case rules.QuestionBound:
		if in.Towards != "" {
			s = fmt.Sprintf("%s %s towards %s by %s on %s", in.Party, not("is bound", "is not bound"), in.Towards, in.Treaty, in.On)
		} else {
			s = fmt.Sprintf("%s %s by %s on %s", in.Party, not("is bound", "is not bound"), in.Treaty, in.On)
		}
	case rules.QuestionEIF:
		if in.Party != "" {
			s = fmt.Sprintf("%s entered into force for %s on %s", in.Treaty, in.Party, v.Answer)
		} else {
			s = fmt.Sprintf("%s entered into force on %s", in.Treaty, v.Answer)
		}
	case rules.QuestionWithdrawal:
		s = fmt.Sprintf("%s's withdrawal from %s takes effect on %s (notice received %s", in.Party, in.Treaty, v.Answer, in.Notice)
		if in.Effective.IsValid() {
			s += fmt.Sprintf(", naming %s", in.Effective)
		}
		s += ")"
	case rules.QuestionVCLT:
		s = fmt.Sprintf("the VCLT %s as treaty law to %s between %s and %s (Art. 4)", not("applies", "does not apply"), in.Treaty, in.Party, in.Towards)
	case rules.QuestionStatus:
		s = fmt.Sprintf("%s's status in %s on %s", in.Party, in.Org, in.On)
	case rules.QuestionObliged:
		s = fmt.Sprintf("%s %s %s the obligation of %s, Art. %s, on %s", in.Party, not("owes", "does not owe"), in.Towards, in.Treaty, in.Article, in.On)
	default:
		s = asked(v)
	}
	return v.Answer.String() + " — " + s
}

// asked restates the question, for an answer the record does not give.
func asked(v *rules.Verdict) string {
	in := v.Inputs
	switch v.Question {
	case rules.QuestionBound:
		if in.Towards != "" {
			return fmt.Sprintf("is %s bound towards %s by %s on %s?", in.Party, in.Towards, in.Treaty, in.On)
		}
		return fmt.Sprintf("is %s bound by %s on %s?", in.Party, in.Treaty, in.On)
	case rules.QuestionEIF:
		if in.Party != "" {
			return fmt.Sprintf("when did %s enter into force for %s?", in.Treaty, in.Party)
		}
		return fmt.Sprintf("when did %s enter into force?", in.Treaty)
	case rules.QuestionWithdrawal:
		return fmt.Sprintf("when does %s's withdrawal from %s take effect on a notice received %s?", in.Party, in.Treaty, in.Notice)
	case rules.QuestionVCLT:
		return fmt.Sprintf("does the VCLT apply as treaty law to %s between %s and %s (Art. 4)?", in.Treaty, in.Party, in.Towards)
	case rules.QuestionStatus:
		return fmt.Sprintf("what is %s's status in %s on %s?", in.Party, in.Org, in.On)
	case rules.QuestionObliged:
		return fmt.Sprintf("does %s owe %s the obligation of %s, Art. %s, on %s?", in.Party, in.Towards, in.Treaty, in.Article, in.On)
	}
	return string(v.Question)
}

// subjectLines name the treaty and the parties asked about, in full.
func subjectLines(ds *cistreaty.Dataset, v *rules.Verdict) []string {
	var out []string
	in := v.Inputs
	if t, ok := ds.Treaty(in.Treaty); ok {
		s := "Treaty: " + t.ID + " — " + t.Title
		var at []string
		if t.Place != "" {
			at = append(at, t.Place)
		}
		if t.Concluded.IsValid() {
			at = append(at, t.Concluded.String())
		}
		if len(at) > 0 {
			s += " (" + strings.Join(at, ", ") + ")"
		}
		out = append(out, s)
	}
	if in.Org != "" {
		out = append(out, "Organisation: "+partyName(ds, in.Org))
	}
	var ps []string
	for _, id := range []string{in.Party, in.Towards} {
		if id != "" {
			ps = append(ps, partyName(ds, id))
		}
	}
	switch len(ps) {
	case 1:
		out = append(out, "Party: "+ps[0])
	case 2:
		out = append(out, "Parties: "+ps[0]+"; "+ps[1])
	}
	return out
}

// partyName is "RU — Russian Federation", or the ID alone.
func partyName(ds *cistreaty.Dataset, id string) string {
	if p, ok := ds.Party(id); ok && p.Name != "" {
		return id + " — " + p.Name
	}
	return id
}

// wrap writes text wrapped at textWidth columns: the first line after
// first, the others after rest. A word longer than a line stands alone.
func wrap(out *bytes.Buffer, first, rest, text string) {
	prefix := first
	line := prefix
	width := utf8.RuneCountInString(prefix)
	empty := true
	for _, w := range strings.Fields(text) {
		n := utf8.RuneCountInString(w)
		if !empty && width+1+n > textWidth {
			out.WriteString(line + "\n")
			prefix = rest
			line, width, empty = prefix, utf8.RuneCountInString(prefix), true
		}
		if !empty {
			line += " "
			width++
		}
		line += w
		width += n
		empty = false
	}
	out.WriteString(strings.TrimRight(line, " ") + "\n")
}

// LanguageName names a quotation's language for a reader; empty for
// English or none.
func LanguageName(lang string) string {
	switch lang {
	case "", "en":
		return ""
	case "ru":
		return "Russian"
	case "uk":
		return "Ukrainian"
	}
	return "Original (" + lang + ")"
}
