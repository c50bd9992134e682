package rules

import (
	"errors"
	"unicode/utf8"

	"github.com/pacta-law/pacta/cistreaty"
)

// MarshalJSON writes the answer object of the CLI contract, fields in order
// (DESIGN §6). It writes in one pass into one buffer and reads the verdict
// only, so one verdict may be marshalled from several goroutines at once.
func (v *Verdict) MarshalJSON() ([]byte, error) {
	w := jsonWriter{b: make([]byte, 0, 1024+512*len(v.Because))}
	w.verdict(v)
	if w.err != nil {
		return nil, w.err
	}
	return w.b, nil
}

// jsonWriter appends JSON to b; the first error stops it.
type jsonWriter struct {
	b   []byte
	err error
}

func (w *jsonWriter) verdict(v *Verdict) {
	w.raw(`{"question":`)
	w.str(string(v.Question))
	w.raw(`,"inputs":`)
	w.inputs(v.Inputs)
	w.raw(`,"answer":`)
	w.value(v.Answer)
	if v.Reason != "" {
		w.raw(`,"reason":`)
		w.str(v.Reason)
	}
	w.raw(`,"determinate":`)
	w.bool(v.Determinate)
	if v.Range != nil {
		w.raw(`,"range":{`)
		comma := w.optDate(false, "earliest", v.Range.Earliest)
		w.optDate(comma, "latest", v.Range.Latest)
		w.raw(`}`)
	}
	w.raw(`,"grade":`)
	w.str(v.Grade.String())
	w.raw(`,"dataset":{"name":`)
	w.str(v.Dataset.Name)
	w.raw(`,"version":`)
	w.str(v.Dataset.Version)
	w.raw(`,"record_as_of":`)
	w.date(v.Dataset.RecordAsOf)
	w.raw(`},"because":[`)
	for i := range v.Because {
		if i > 0 {
			w.raw(`,`)
		}
		w.step(&v.Because[i])
	}
	w.raw(`],"open":[`)
	for i := range v.Open {
		if i > 0 {
			w.raw(`,`)
		}
		w.open(&v.Open[i])
	}
	w.raw(`]`)
	if v.Founding != nil {
		w.raw(`,"founding":`)
		switch *v.Founding {
		case True:
			w.raw(`true`)
		case False:
			w.raw(`false`)
		default:
			w.raw(`null`)
		}
	}
	if v.Question == QuestionEIF {
		w.raw(`,"periods":[`)
		for i, p := range v.Periods {
			if i > 0 {
				w.raw(`,`)
			}
			w.raw(`{"from":`)
			w.date(p.From)
			w.optDate(true, "to", p.To)
			w.raw(`}`)
		}
		w.raw(`]`)
	}
	if len(v.Notes) > 0 {
		w.raw(`,"notes":[`)
		for i, n := range v.Notes {
			if i > 0 {
				w.raw(`,`)
			}
			w.str(n)
		}
		w.raw(`]`)
	}
	w.raw(`}`)
}

func (w *jsonWriter) inputs(in Inputs) {
	w.raw(`{`)
	comma := w.optStr(false, "treaty", in.Treaty)
	comma = w.optStr(comma, "article", in.Article)
	comma = w.optStr(comma, "party", in.Party)
	comma = w.optStr(comma, "towards", in.Towards)
	comma = w.optStr(comma, "org", in.Org)
	comma = w.optDate(comma, "on", in.On)
	comma = w.optDate(comma, "notice", in.Notice)
	w.optDate(comma, "effective", in.Effective)
	w.raw(`}`)
}

func (w *jsonWriter) value(v Value) {
	switch {
	case v.Bool != nil:
		w.bool(*v.Bool)
	case v.Date.IsValid():
		w.date(v.Date)
	case v.Status != "":
		w.str(v.Status)
	default:
		w.raw(`null`)
	}
}

func (w *jsonWriter) step(s *Step) {
	w.raw(`{"rule":`)
	w.str(s.Rule)
	w.raw(`,"cites":`)
	w.str(s.Cites)
	w.raw(`,"says":`)
	w.str(s.Says)
	w.optStr(true, "lang", s.Lang)
	w.optStr(true, "says_en", s.SaysEN)
	w.optStr(true, "reading", s.Reading)
	w.raw(`,"value":`)
	w.str(s.Value)
	w.raw(`,"fallback":`)
	w.bool(s.Fallback)
	w.raw(`,"facts":[`)
	for i := range s.Facts {
		if i > 0 {
			w.raw(`,`)
		}
		w.fact(&s.Facts[i])
	}
	w.raw(`]}`)
}

func (w *jsonWriter) fact(f *Fact) {
	w.raw(`{`)
	comma := w.optStr(false, "party", f.Party)
	comma = w.optStr(comma, "treaty", f.Treaty)
	if comma {
		w.raw(`,`)
	}
	w.raw(`"event":`)
	w.str(f.Event)
	w.optDate(true, "date", f.Date)
	w.optDate(true, "earliest", f.Earliest)
	w.optDate(true, "latest", f.Latest)
	if f.Expected {
		w.raw(`,"expected":true`)
	}
	w.raw(`,"source":`)
	w.str(f.Source)
	w.optStr(true, "url", f.URL)
	w.raw(`,"grade":`)
	w.str(f.Grade.String())
	if f.Assumed {
		w.raw(`,"assumed":true`)
	}
	w.raw(`}`)
}

func (w *jsonWriter) open(o *Open) {
	w.raw(`{`)
	comma := w.optStr(false, "party", o.Party)
	comma = w.optStr(comma, "treaty", o.Treaty)
	if comma {
		w.raw(`,`)
	}
	w.raw(`"event":`)
	w.str(o.Event)
	w.optDate(true, "earliest", o.Earliest)
	w.optDate(true, "latest", o.Latest)
	w.raw(`,"why":`)
	w.str(o.Why)
	w.raw(`}`)
}

// optStr writes "key":s unless s is empty (omitempty), after a comma when
// comma; it reports whether the next field needs a comma.
func (w *jsonWriter) optStr(comma bool, key, s string) bool {
	if s == "" {
		return comma
	}
	w.key(comma, key)
	w.str(s)
	return true
}

// optDate writes "key":"YYYY-MM-DD" unless d is zero (omitzero).
func (w *jsonWriter) optDate(comma bool, key string, d cistreaty.Date) bool {
	if !d.IsValid() {
		return comma
	}
	w.key(comma, key)
	w.date(d)
	return true
}

func (w *jsonWriter) key(comma bool, key string) {
	if comma {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, '"')
	w.b = append(w.b, key...)
	w.b = append(w.b, '"', ':')
}

func (w *jsonWriter) raw(s string) { w.b = append(w.b, s...) }

func (w *jsonWriter) bool(b bool) {
	if b {
		w.raw(`true`)
	} else {
		w.raw(`false`)
	}
}

// date writes a date the contract requires; the zero Date is an error, as
// cistreaty.Date.MarshalJSON has it.
func (w *jsonWriter) date(d cistreaty.Date) {
	w.b = append(w.b, '"')
	var err error
	w.b, err = d.AppendText(w.b)
	if err != nil && w.err == nil {
		w.err = errors.New("json: " + err.Error())
	}
	w.b = append(w.b, '"')
}

// str writes s as a JSON string, escaped as encoding/json escapes it (HTML
// characters, U+2028 and U+2029 too; invalid UTF-8 as U+FFFD), so that the
// bytes match what the contract's earlier encoder wrote.
func (w *jsonWriter) str(s string) {
	const hex = "0123456789abcdef"
	b := append(w.b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	w.b = append(b, '"')
}
