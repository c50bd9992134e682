package chart

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// SVGOptions change how a timeline is written.
type SVGOptions struct {
	// Href, if set, gives the address of the explanation of a question; each
	// bar then links to the explained answer on its first day.
	Href func(rules.Question) string
}

// Layout, in SVG user units (pixels at 100%).
const (
	svgWidth   = 1200.0
	labelX     = 16.0   // row labels start here
	chartX0    = 330.0  // the first day of the axis
	chartX1    = 1170.0 // the day after the last
	titleY     = 30.0
	legendY    = 62.0
	axisY      = 128.0
	rowsY      = 140.0
	rowH       = 38.0 // a treaty's or an organisation's row
	pairRowH   = 28.0 // a row towards one counterparty
	barH       = 22.0
	pairBarH   = 16.0
	fontSize   = 11.0
	charWidth  = 6.4 // a generous average advance at fontSize, to decide what fits
	labelChars = 46  // a row title longer than this is cut (its full text is in <title>)
)

// scale maps days to x: day d covers [x(d), x(d+1)), so a bar from a to b
// (inclusive) ends at x(b+1), where the next day begins on the axis.
type scale struct {
	start, end int64 // day numbers: first day, day after the last
}

func (s scale) x(d cistreaty.Date) float64 {
	n := d.DayNumber()
	return chartX0 + float64(n-s.start)*(chartX1-chartX0)/float64(s.end-s.start)
}

// num formats a coordinate with two decimals, so that the output does not
// depend on float formatting beyond that.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// esc escapes text for XML content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// style is how a kind of bar is drawn: fill (a colour or a pattern), stroke,
// text colour, and its legend entry. The patterns make the kinds differ
// without colour.
type style struct {
	fill, stroke, dash, text string
}

func barStyle(s Segment) style {
	switch s.Kind {
	case KindBound:
		return style{fill: "#1f5a96", stroke: "#123a63", text: "#ffffff"}
	case KindNotYet:
		return style{fill: "#ffffff", stroke: "#4a4a4a", dash: "4 3", text: "#222222"}
	case KindWithdrawn:
		return style{fill: "url(#p-withdrawn)", stroke: "#6b6b6b", text: "#222222"}
	case KindEnded:
		return style{fill: "#d4d4d4", stroke: "#6b6b6b", text: "#222222"}
	case KindSuspended:
		return style{fill: "url(#p-suspended)", stroke: "#9c4a00", text: "#222222"}
	case KindCeased:
		return style{fill: "url(#p-ceased)", stroke: "#4a5a6b", text: "#222222"}
	case KindUncertain:
		return style{fill: "url(#p-uncertain)", stroke: "#5b3c99", text: "#222222"}
	}
	// Statuses in an organisation: stronger ties darker.
	switch s.Label {
	case "member-state":
		return style{fill: "#2e7040", stroke: "#1d4a2a", text: "#ffffff"}
	case "participant", "associate-member":
		return style{fill: "#a8d5b2", stroke: "#2e7040", text: "#222222"}
	case "observer", "partner":
		return style{fill: "#e6f2e8", stroke: "#2e7040", dash: "2 2", text: "#222222"}
	case "withdrawn":
		return style{fill: "url(#p-withdrawn)", stroke: "#6b6b6b", text: "#222222"}
	}
	return style{fill: "#ffffff", stroke: "#4a4a4a", dash: "4 3", text: "#222222"}
}

// defs are the patterns: hatching for days the record does not settle,
// cross-hatching for a suspension, dots for a withdrawal, vertical lines for
// a treaty a later one ended between a pair.
const defs = `<defs>
<pattern id="p-uncertain" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f1ecfa"/><line x1="0" y1="0" x2="0" y2="8" stroke="#5b3c99" stroke-width="3"/></pattern>
<pattern id="p-suspended" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#ffe2c2"/><path d="M0 0L8 8M8 0L0 8" stroke="#9c4a00" stroke-width="1.2"/></pattern>
<pattern id="p-withdrawn" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#e4e4e4"/><circle cx="3" cy="3" r="1" fill="#6b6b6b"/></pattern>
<pattern id="p-ceased" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#dde4ec"/><line x1="3" y1="0" x2="3" y2="6" stroke="#4a5a6b" stroke-width="1.2"/></pattern>
</defs>
`

// legendEntries are every kind of bar with its swatch and words; a timeline
// shows those it draws, and always bound and not settled.
var legendEntries = []struct {
	seg  Segment
	text string
}{
	{Segment{Kind: KindBound}, "bound"},
	{Segment{Kind: KindNotYet}, "acted, not yet bound"},
	{Segment{Kind: KindUncertain}, "the record does not settle these days"},
	{Segment{Kind: KindWithdrawn}, "withdrawn (withdrawal took effect)"},
	{Segment{Kind: KindEnded}, "ended (term, termination)"},
	{Segment{Kind: KindSuspended}, "suspended towards one party, or all"},
	{Segment{Kind: KindCeased}, "ceased between a pair (a later treaty)"},
	{Segment{Kind: KindStatus, Label: "member-state"}, "member state"},
	{Segment{Kind: KindStatus, Label: "participant"}, "participant"},
	{Segment{Kind: KindStatus, Label: "associate-member"}, "associate member"},
	{Segment{Kind: KindStatus, Label: "observer"}, "observer"},
	{Segment{Kind: KindStatus, Label: "partner"}, "partner"},
	{Segment{Kind: KindStatus, Label: "withdrawn"}, "withdrawn from the organisation"},
}

// WriteSVG writes the timeline as a standalone SVG document: a title, a
// legend, an axis with every year, one row per treaty (and per counterparty
// where they differ, and per organisation), and the record date.
func (t *Timeline) WriteSVG(w io.Writer, opt SVGOptions) error {
	bw := bufio.NewWriter(w)
	sc := scale{start: t.Start.DayNumber(), end: t.End.DayNumber()}
	height := rowsY
	for _, r := range t.Rows {
		height += rowHeight(r)
	}
	footY := height + 26
	height = footY + 44
	if len(t.Never) > 0 {
		height += 18
	}
	title := fmt.Sprintf("%s (%s): treaties over time", t.Party.Name, t.Party.ID)
	// A drawing alone is an image; with links its bars are controls, which
	// an image's role would hide from assistive technology.
	role := "img"
	if opt.Href != nil {
		role = "group"
	}
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="%s" aria-labelledby="tl-title tl-desc" font-family="DejaVu Sans, Verdana, sans-serif" font-size="%s" data-start="%s" data-end="%s" data-party="%s">`+"\n",
		num(svgWidth), num(height), num(svgWidth), num(height), role, num(fontSize), t.Start, t.End, esc(t.Party.ID))
	fmt.Fprintf(bw, "<title id=\"tl-title\">%s</title>\n", esc(title))
	fmt.Fprintf(bw, "<desc id=\"tl-desc\">%s</desc>\n", esc(t.describe()))
	bw.WriteString(defs)
	fmt.Fprintf(bw, `<rect width="%s" height="%s" fill="#ffffff"/>`+"\n", num(svgWidth), num(height))
	fmt.Fprintf(bw, `<text x="%s" y="%s" font-size="18" font-weight="bold" fill="#111111">%s</text>`+"\n", num(labelX), num(titleY), esc(title))
	fmt.Fprintf(bw, `<text x="%s" y="%s" font-size="12" fill="#333333">Dataset %s %s, record as of %s. A bar runs from its first to its last day; hover over it for the rule and the facts.</text>`+"\n",
		num(labelX), num(titleY+20), esc(t.Dataset.Name), esc(t.Dataset.Version), t.Dataset.RecordAsOf)
	t.writeLegend(bw)
	t.writeAxis(bw, sc, height-44)
	y := rowsY
	for i, r := range t.Rows {
		t.writeRow(bw, sc, r, i, y, opt)
		y += rowHeight(r)
	}
	// The record date: answers after it assume nothing beyond the record.
	rx := sc.x(nextDay(t.Dataset.RecordAsOf))
	fmt.Fprintf(bw, `<g class="record-date" data-date="%s"><line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#b00020" stroke-width="1.5" stroke-dasharray="6 3"/>`,
		t.Dataset.RecordAsOf, num(rx), num(axisY-6), num(rx), num(footY-12))
	fmt.Fprintf(bw, `<text x="%s" y="%s" text-anchor="end" fill="#b00020">record as of %s ▸ later days assume no further events</text></g>`+"\n",
		num(rx-4), num(footY), t.Dataset.RecordAsOf)
	if len(t.Never) > 0 {
		fmt.Fprintf(bw, `<text x="%s" y="%s" fill="#333333">Never bound on the record: %s</text>`+"\n",
			num(labelX), num(footY+22), esc(strings.Join(t.Never, ", ")))
	}
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

func rowHeight(r Row) float64 {
	if r.Towards != "" {
		return pairRowH
	}
	return rowH
}

func (t *Timeline) writeLegend(bw *bufio.Writer) {
	bw.WriteString(`<g class="legend" aria-label="legend">` + "\n")
	x, y := labelX, legendY
	present := map[string]bool{}
	for _, r := range t.Rows {
		for _, s := range r.Segments {
			present[legendKey(s)] = true
		}
	}
	for _, e := range legendEntries {
		if !present[legendKey(e.seg)] && e.seg.Kind != KindBound && e.seg.Kind != KindUncertain {
			continue
		}
		w := 26 + float64(utf8.RuneCountInString(e.text))*charWidth + 18
		if x+w > svgWidth-16 {
			x, y = labelX, y+22
		}
		st := barStyle(e.seg)
		fmt.Fprintf(bw, `<g class="legend-entry" data-kind="%s"><rect x="%s" y="%s" width="22" height="14" fill="%s" stroke="%s"%s/><text x="%s" y="%s" fill="#222222">%s</text></g>`+"\n",
			e.seg.Kind, num(x), num(y), st.fill, st.stroke, dashAttr(st.dash), num(x+28), num(y+11), esc(e.text))
		x += w
	}
	// The record date's line, as drawn below.
	if x+200 > svgWidth-16 {
		x, y = labelX, y+22
	}
	fmt.Fprintf(bw, `<g class="legend-entry" data-kind="record-date"><line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#b00020" stroke-width="1.5" stroke-dasharray="6 3"/><text x="%s" y="%s" fill="#222222">the record date</text></g>`+"\n",
		num(x+11), num(y-1), num(x+11), num(y+15), num(x+28), num(y+11))
	bw.WriteString("</g>\n")
}

// legendKey is what a legend entry stands for: a kind, or a status.
func legendKey(s Segment) string {
	if s.Kind == KindStatus {
		return string(s.Kind) + ":" + s.Label
	}
	return string(s.Kind)
}

func dashAttr(d string) string {
	if d == "" {
		return ""
	}
	return ` stroke-dasharray="` + d + `"`
}

// writeAxis draws a tick at every 1 January with its year, labelled as often
// as the width allows, and a faint line down the rows at each label.
func (t *Timeline) writeAxis(bw *bufio.Writer, sc scale, bottom float64) {
	years := t.End.Year() - t.Start.Year()
	every := 1
	for _, e := range []int{1, 2, 5, 10, 20, 50} {
		every = e
		if (chartX1-chartX0)/float64(years)*float64(e) >= 40 {
			break
		}
	}
	bw.WriteString(`<g class="axis">` + "\n")
	fmt.Fprintf(bw, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#222222"/>`+"\n", num(chartX0), num(axisY), num(chartX1), num(axisY))
	for y := t.Start.Year(); y <= t.End.Year(); y++ {
		d, err := cistreaty.NewDate(y, 1, 1)
		if err != nil {
			continue
		}
		x := num(sc.x(d))
		// The first year is labelled too, unless the next label is too close.
		labelled := y%every == 0 || y == t.Start.Year() && (chartX1-chartX0)/float64(years)*float64(every-y%every) >= 40
		tick := 4.0
		if labelled {
			tick = 8
			fmt.Fprintf(bw, `<line class="grid" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#e3e3e3"/>`, x, num(axisY), x, num(bottom-40))
		}
		fmt.Fprintf(bw, `<line class="tick" data-date="%s" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#222222"/>`, d, x, num(axisY-tick), x, num(axisY))
		if labelled {
			fmt.Fprintf(bw, `<text x="%s" y="%s" text-anchor="middle" fill="#222222">%d</text>`, x, num(axisY-11), y)
		}
		bw.WriteString("\n")
	}
	bw.WriteString("</g>\n")
}

func (t *Timeline) writeRow(bw *bufio.Writer, sc scale, r Row, i int, y float64, opt SVGOptions) {
	h, bh := rowH, barH
	if r.Towards != "" {
		h, bh = pairRowH, pairBarH
	}
	fmt.Fprintf(bw, `<g class="row" data-treaty="%s"`, esc(r.Treaty))
	if r.Towards != "" {
		fmt.Fprintf(bw, ` data-towards="%s"`, esc(r.Towards))
	}
	if r.Org {
		bw.WriteString(` data-org="true"`)
	}
	bw.WriteString(">\n")
	if i%2 == 0 && r.Towards == "" {
		fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%s" height="%s" fill="#f6f7f9"/>`+"\n", num(8), num(y), num(svgWidth-16), num(h))
	}
	// Labels: the ID, then the title (cut, with the whole in a tooltip).
	name, sub := r.Treaty, shorten(r.Title, labelChars)
	switch {
	case r.Towards == AllOthers:
		name, sub = "towards "+r.TowardsName, ""
	case r.Towards != "":
		name, sub = "towards "+r.Towards, ""
		if r.TowardsName != "" {
			name += " — " + r.TowardsName
		}
	case r.Org:
		name = r.Title
		sub = "status in the organisation (" + r.Treaty + ")"
	}
	lx := labelX
	if r.Towards != "" {
		lx += 18
	}
	fmt.Fprintf(bw, `<g class="row-label"><title>%s</title>`, esc(rowTitle(r)))
	if sub == "" {
		fmt.Fprintf(bw, `<text x="%s" y="%s" font-size="12" fill="#222222">%s</text>`, num(lx), num(y+h/2+4), esc(name))
	} else {
		fmt.Fprintf(bw, `<text x="%s" y="%s" font-size="12" font-weight="bold" fill="#111111">%s</text>`, num(lx), num(y+15), esc(name))
		fmt.Fprintf(bw, `<text x="%s" y="%s" fill="#444444">%s</text>`, num(lx), num(y+29), esc(sub))
	}
	bw.WriteString("</g>\n")
	by := y + (h-bh)/2
	for k, s := range r.Segments {
		x0, x1 := sc.x(s.From), sc.x(nextDay(s.To))
		st := barStyle(s)
		if opt.Href != nil {
			fmt.Fprintf(bw, `<a href="%s">`, esc(opt.Href(s.Question)))
		}
		fmt.Fprintf(bw, `<g class="bar" data-kind="%s" data-label="%s" data-from="%s" data-to="%s" data-end="%s"`,
			s.Kind, esc(s.Label), s.From, s.To, nextDay(s.To))
		if s.Open {
			bw.WriteString(` data-open="true"`)
		}
		if s.Since.IsValid() {
			fmt.Fprintf(bw, ` data-since="%s"`, s.Since)
		}
		fmt.Fprintf(bw, "><title>%s</title>", esc(s.Tooltip))
		fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="%s" stroke-width="1"%s/>`,
			num(x0), num(by), num(x1-x0), num(bh), st.fill, st.stroke, dashAttr(st.dash))
		if s.Since.IsValid() {
			// An arrow head: the run began before the axis.
			fmt.Fprintf(bw, `<path d="M%s %sL%s %sL%s %sZ" fill="%s"/>`,
				num(x0), num(by), num(x0-8), num(by+bh/2), num(x0), num(by+bh), st.stroke)
		}
		if s.Open {
			// An arrow head: the run goes on past the axis.
			fmt.Fprintf(bw, `<path d="M%s %sL%s %sL%s %sZ" fill="%s"/>`,
				num(x1), num(by), num(x1+8), num(by+bh/2), num(x1), num(by+bh), st.stroke)
		}
		if text, tx, anchor, ok := barText(r, k, s, sc); ok {
			fill, halo := st.text, ""
			if anchor != "inside" {
				fill = "#222222"
			}
			if fill != "#ffffff" {
				// A white outline keeps dark words legible over a pattern.
				halo = ` stroke="#ffffff" stroke-width="3" paint-order="stroke"`
			}
			a := "start"
			if anchor == "left" {
				a = "end"
			}
			fmt.Fprintf(bw, `<text x="%s" y="%s" text-anchor="%s" fill="%s"%s>%s</text>`, num(tx), num(by+bh/2+4), a, fill, halo, esc(text))
		}
		bw.WriteString("</g>")
		if opt.Href != nil {
			bw.WriteString("</a>")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("</g>\n")
}

// barText chooses a bar's words and where they go: inside the bar if they
// fit, else beside it where the row is free, else nowhere (the tooltip and
// the pattern still say it).
func barText(r Row, k int, s Segment, sc scale) (text string, x float64, anchor string, ok bool) {
	x0, x1 := sc.x(s.From), sc.x(nextDay(s.To))
	long := s.Label + " " + spanText(s)
	if s.Kind == KindStatus || s.Kind == KindUncertain && r.Org {
		long = s.Label + " " + spanText(s)
	}
	for _, cand := range []string{long, s.Label} {
		w := textWidth(cand)
		if w+10 <= x1-x0 {
			return cand, x0 + 5, "inside", true
		}
	}
	// Beside: the free room after the bar (up to the next bar or the end).
	right := chartX1 + 20
	if k+1 < len(r.Segments) {
		right = sc.x(r.Segments[k+1].From)
	}
	left := chartX0
	if k > 0 {
		left = sc.x(nextDay(r.Segments[k-1].To))
	}
	for _, cand := range []string{long, s.Label} {
		w := textWidth(cand)
		if x1+4+w+4 <= right && !s.Open {
			return cand, x1 + 4, "right", true
		}
		if x0-4-w-4 >= left {
			return cand, x0 - 4, "left", true
		}
	}
	return "", 0, "", false
}

func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) * charWidth }

// shorten cuts s to n characters, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func rowTitle(r Row) string {
	switch {
	case r.Org:
		return r.Title + " (" + r.Treaty + "): the party's status in the organisation"
	case r.Towards == AllOthers:
		return r.Treaty + " — " + r.Title + ": towards every other party that is bound"
	case r.Towards != "":
		return r.Treaty + " — " + r.Title + ": towards " + r.Towards + ", where it differs from both being bound"
	}
	return r.Treaty + " — " + r.Title
}

// describe is the whole timeline in words, for a reader that does not see
// the drawing.
func (t *Timeline) describe() string {
	var parts []string
	for _, r := range t.Rows {
		var segs []string
		for _, s := range r.Segments {
			segs = append(segs, s.Label+" "+spanText(s))
		}
		name := r.Treaty
		switch r.Towards {
		case "":
		case AllOthers:
			name += " towards every other party"
		default:
			name += " towards " + r.Towards
		}
		if r.Org {
			name += " status"
		}
		parts = append(parts, name+": "+strings.Join(segs, "; "))
	}
	s := fmt.Sprintf("Timeline of %s (%s) from %s to %s. ", t.Party.Name, t.Party.ID, t.Start, t.End)
	s += strings.Join(parts, ". ")
	if len(t.Never) > 0 {
		s += ". Never bound on the record: " + strings.Join(t.Never, ", ")
	}
	return s + "."
}
