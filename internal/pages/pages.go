// Package pages serves the pages people look at: a form that asks the
// engine a question and shows the explained answer as a lawyer reads it,
// the timeline of one party, and the matrix of parties × treaties on a day.
//
// The pages are server-rendered with html/template; the drawings are inline
// SVG and HTML from internal/chart; a few lines of vanilla JavaScript hide
// the inputs a question does not take, and the pages work without them. No
// build step, nothing fetched from elsewhere: they work offline.
//
// It is internal: examples/server mounts it; its markup is not a promise.
package pages

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/ask"
	"github.com/pacta-law/pacta/rules"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Pages serves the pages over one engine. It is immutable and safe for
// concurrent use.
type Pages struct {
	eng  *rules.Engine
	now  func() time.Time
	tmpl *template.Template
	// timeout bounds the work of one page.
	timeout time.Duration
}

// Option configures New.
type Option func(*Pages)

// WithClock sets the clock that gives today's date for an input left empty
// (the CLI's default for -on); the default is time.Now.
func WithClock(now func() time.Time) Option { return func(p *Pages) { p.now = now } }

// WithTimeout bounds the time one page may take (default 5 s).
func WithTimeout(d time.Duration) Option { return func(p *Pages) { p.timeout = d } }

// New returns the pages over eng.
func New(eng *rules.Engine, opts ...Option) (*Pages, error) {
	if eng == nil {
		return nil, errors.New("pages: no engine")
	}
	t, err := template.New("pages").Funcs(template.FuncMap{
		"join": strings.Join,
	}).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("pages: %w", err)
	}
	p := &Pages{eng: eng, now: time.Now, tmpl: t, timeout: 5 * time.Second}
	for _, o := range opts {
		o(p)
	}
	return p, nil
}

// Register adds the pages to mux: GET / (ask), GET /timeline, GET
// /timeline.svg and GET /matrix.
func (p *Pages) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", p.ask)
	mux.HandleFunc("GET /timeline", p.timeline)
	mux.HandleFunc("GET /timeline.svg", p.timelineSVG)
	mux.HandleFunc("GET /matrix", p.matrix)
}

// Handler returns a mux that serves the pages alone.
func (p *Pages) Handler() http.Handler {
	mux := http.NewServeMux()
	p.Register(mux)
	return mux
}

// layout is what every page shows around its content.
type layout struct {
	Title   string
	Nav     string // which entry of the navigation is this page
	Dataset rules.DatasetInfo
	// Error is a readable message for bad input (status 400), or for a rule
	// that failed.
	Error *pageError
}

// pageError is a message for a person, with the field it concerns and the
// closest known IDs.
type pageError struct {
	Field   string
	Message string
	Closest []closeID
}

// closeID is a known ID near a mistyped one, with the page that asks again
// with it.
type closeID struct{ ID, Href string }

// retry sets, for each closest ID, the address of the same page with the
// erroneous field replaced by it.
func (e *pageError) retry(path string, q url.Values) {
	switch e.Field {
	case "treaty", "party", "towards", "org", "article":
	default:
		// A what-if line or a date: a closest value is no whole input.
		return
	}
	for i, c := range e.Closest {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set(e.Field, c.ID)
		e.Closest[i].Href = path + "?" + v.Encode()
	}
}

func (p *Pages) dataset() rules.DatasetInfo {
	ds := p.eng.Dataset()
	return rules.DatasetInfo{Name: ds.Name(), Version: ds.Version(), RecordAsOf: ds.RecordAsOf()}
}

// render executes a page into a buffer first, so that a template failure
// is a clean 500, never half a page.
func (p *Pages) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := p.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, "the page could not be drawn", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (p *Pages) context(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), p.timeout)
}

// today is the date in UTC, for a date input left empty.
func (p *Pages) today() cistreaty.Date {
	t := p.now().UTC()
	d, err := cistreaty.NewDate(t.Year(), t.Month(), t.Day())
	if err != nil {
		return p.eng.Dataset().RecordAsOf()
	}
	return d
}

// maxKnownListed bounds the IDs an error message lists.
const maxKnownListed = 20

// inputError turns an error about the input into a message for the page:
// the field, the message, and the closest known IDs — or, when nothing is
// close, the known IDs, so that the reader has something to pick.
func (p *Pages) inputError(field string, err error) *pageError {
	pe := &pageError{Field: field, Message: err.Error()}
	f, closest := ask.Describe(err)
	if f != "" {
		pe.Field = f
	}
	var uid *rules.UnknownIDError
	if len(closest) == 0 && errors.As(err, &uid) {
		switch uid.Kind {
		case rules.ErrUnknownParty:
			closest = p.eng.Parties()
		case rules.ErrUnknownTreaty:
			closest = p.eng.Treaties()
		case rules.ErrUnknownOrganisation:
			for o := range p.eng.Dataset().Organisations() {
				closest = append(closest, o.Party)
			}
		}
		if len(closest) > maxKnownListed {
			closest = closest[:maxKnownListed]
		}
	}
	for _, id := range closest {
		pe.Closest = append(pe.Closest, closeID{ID: id})
	}
	return pe
}

// explainHref is the address of the page that explains q.
func explainHref(q rules.Question) string {
	v := url.Values{"question": {string(q.Kind)}}
	for _, name := range rules.InputNames() {
		if s := q.Get(name); s != "" {
			v.Set(name, s)
		}
	}
	return "/?" + v.Encode()
}
