package pages

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/ask"
	"github.com/pacta-law/pacta/internal/chart"
	"github.com/pacta-law/pacta/rules"
)

// timelinePage is one party's timeline: the drawing, and the same in words.
type timelinePage struct {
	layout
	Party   string
	Parties []option
	SVG     template.HTML
	Rows    []timelineRow
	Never   []string
}

type timelineRow struct {
	Name     string
	Segments []timelineSegment
}

type timelineSegment struct {
	Text, Href string
}

// timeline serves GET /timeline?party=P.
func (p *Pages) timeline(w http.ResponseWriter, r *http.Request) {
	ds := p.eng.Dataset()
	page := timelinePage{layout: layout{Title: "Timeline", Nav: "timeline", Dataset: p.dataset()}}
	for pt := range ds.Parties() {
		page.Parties = append(page.Parties, option{pt.ID, pt.Name})
	}
	raw := r.URL.Query().Get("party")
	if raw == "" {
		p.render(w, http.StatusOK, "timeline.html", page)
		return
	}
	page.Party = ask.PartyID(ds, strings.TrimSpace(raw))
	tl, status, err := p.newTimeline(r, page.Party)
	if err != nil {
		page.Error = p.inputError("party", err)
		page.Error.retry("/timeline", r.URL.Query())
		page.Title = "Bad input"
		if status != http.StatusBadRequest {
			page.Title = "A rule failed"
		}
		p.render(w, status, "timeline.html", page)
		return
	}
	var svg bytes.Buffer
	if err := tl.WriteSVG(&svg, chart.SVGOptions{Href: explainHref}); err != nil {
		http.Error(w, "the timeline could not be drawn", http.StatusInternalServerError)
		return
	}
	// The SVG is written by internal/chart, which escapes every text it
	// takes from the dataset.
	page.SVG = template.HTML(svg.String())
	page.Title = fmt.Sprintf("Timeline of %s (%s)", tl.Party.Name, tl.Party.ID)
	for _, row := range tl.Rows {
		tr := timelineRow{Name: row.Treaty + " — " + row.Title}
		switch {
		case row.Org:
			tr.Name = "Status in " + row.Title + " (" + row.Treaty + ")"
		case row.Towards != "":
			tr.Name = row.Treaty + " towards " + row.Towards + " (where it differs from both being bound)"
		}
		for _, s := range row.Segments {
			tr.Segments = append(tr.Segments, timelineSegment{Text: segmentText(s), Href: explainHref(s.Question)})
		}
		page.Rows = append(page.Rows, tr)
	}
	page.Never = tl.Never
	p.render(w, http.StatusOK, "timeline.html", page)
}

// segmentText is a bar in words: "bound from 1994-04-19 to 2009-08-17".
func segmentText(s chart.Segment) string {
	from := s.From
	if s.Since.IsValid() {
		from = s.Since
	}
	switch {
	case s.Open:
		return fmt.Sprintf("%s from %s on", s.Label, from)
	case from == s.To:
		return fmt.Sprintf("%s on %s", s.Label, from)
	}
	return fmt.Sprintf("%s from %s to %s", s.Label, from, s.To)
}

// newTimeline computes a party's timeline, and the status of a failure: 400
// for a party the dataset lacks, 422 for a rule that failed.
func (p *Pages) newTimeline(r *http.Request, party string) (*chart.Timeline, int, error) {
	ctx, cancel := p.context(r)
	defer cancel()
	tl, err := chart.NewTimeline(ctx, p.eng, party)
	if err != nil {
		var uid *rules.UnknownIDError
		if errors.As(err, &uid) {
			return nil, http.StatusBadRequest, err
		}
		return nil, http.StatusUnprocessableEntity, err
	}
	return tl, http.StatusOK, nil
}

// timelineSVG serves GET /timeline.svg?party=P: the drawing alone, the
// bytes `cis timeline -party P` writes.
func (p *Pages) timelineSVG(w http.ResponseWriter, r *http.Request) {
	party := ask.PartyID(p.eng.Dataset(), strings.TrimSpace(r.URL.Query().Get("party")))
	if party == "" {
		http.Error(w, "party is required, e.g. /timeline.svg?party=GE", http.StatusBadRequest)
		return
	}
	tl, status, err := p.newTimeline(r, party)
	if err != nil {
		http.Error(w, err.Error(), status)
		return
	}
	var svg bytes.Buffer
	if err := tl.WriteSVG(&svg, chart.SVGOptions{}); err != nil {
		http.Error(w, "the timeline could not be drawn", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(svg.Bytes())
}

// matrixPage is the matrix on one day.
type matrixPage struct {
	layout
	On    string
	Table template.HTML
}

// matrix serves GET /matrix?on=D (default: today, UTC).
func (p *Pages) matrix(w http.ResponseWriter, r *http.Request) {
	page := matrixPage{layout: layout{Title: "Matrix", Nav: "matrix", Dataset: p.dataset()}}
	raw := strings.TrimSpace(r.URL.Query().Get("on"))
	on := p.today()
	if raw != "" {
		d, err := cistreaty.ParseDate(raw)
		if err != nil {
			page.On = raw
			page.Error = &pageError{Field: "on", Message: "on: " + err.Error()}
			page.Title = "Bad input"
			p.render(w, http.StatusBadRequest, "matrix.html", page)
			return
		}
		on = d
	}
	page.On = on.String()
	ctx, cancel := p.context(r)
	defer cancel()
	m, err := chart.NewMatrix(ctx, p.eng, on)
	if err != nil {
		page.Error = &pageError{Field: "on", Message: err.Error()}
		p.render(w, http.StatusBadRequest, "matrix.html", page)
		return
	}
	var table bytes.Buffer
	if err := m.WriteHTML(&table, chart.HTMLOptions{Href: explainHref}); err != nil {
		http.Error(w, "the matrix could not be drawn", http.StatusInternalServerError)
		return
	}
	// Written by internal/chart with html/template.
	page.Table = template.HTML(table.String())
	page.Title = "Who is bound by what on " + page.On
	p.render(w, http.StatusOK, "matrix.html", page)
}
