package chart

import (
	"cmp"
	"context"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// Matrix is every party × every treaty on one day: bound, not bound, or not
// settled by the record.
type Matrix struct {
	On      cistreaty.Date
	Dataset rules.DatasetInfo
	// Treaties are the columns, in the order they were concluded.
	Treaties []cistreaty.Treaty
	// Parties are the rows: states first, then organisations, each by ID.
	Parties []cistreaty.Party
	// Cells are by party, then by treaty.
	Cells [][]Cell
}

// Cell is one party's answer under one treaty on the matrix's day.
type Cell struct {
	Value rules.Truth
	// Since is the first day of the period in force that contains the day;
	// Until the last day of the latest period that ended before it; Next
	// the first day of a period that begins after it. Each is zero where
	// there is none or the record does not settle it.
	Since, Until, Next cistreaty.Date
	Question           rules.Question
}

// NewMatrix answers Bound for every party and treaty on the day on; the
// periods around the day come from Periods.
func NewMatrix(ctx context.Context, eng *rules.Engine, on cistreaty.Date) (*Matrix, error) {
	if !on.IsValid() {
		return nil, rules.ErrInvalidDate
	}
	ds := eng.Dataset()
	m := &Matrix{
		On:      on,
		Dataset: rules.DatasetInfo{Name: ds.Name(), Version: ds.Version(), RecordAsOf: ds.RecordAsOf()},
	}
	m.Treaties = slices.SortedFunc(ds.Treaties(), func(a, b cistreaty.Treaty) int {
		return cmp.Or(a.Concluded.Compare(b.Concluded), strings.Compare(a.ID, b.ID))
	})
	m.Parties = slices.SortedFunc(ds.Parties(), func(a, b cistreaty.Party) int {
		return cmp.Or(cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), strings.Compare(a.ID, b.ID))
	})
	for _, p := range m.Parties {
		row := make([]Cell, len(m.Treaties))
		for i, t := range m.Treaties {
			v, err := eng.Bound(ctx, t.ID, p.ID, on)
			if err != nil {
				return nil, err
			}
			c := Cell{Value: v, Question: rules.Question{Kind: rules.QuestionBound, Treaty: t.ID, Party: p.ID, On: on}}
			ps, err := eng.Periods(ctx, t.ID, p.ID, "")
			if err != nil {
				return nil, err
			}
			for _, per := range ps {
				switch {
				case per.From.After(on):
					if !c.Next.IsValid() && per.Determinate {
						c.Next = per.From
					}
				case per.To.IsValid() && per.To.Before(on):
					if per.Determinate {
						c.Until = per.To
					} else {
						c.Until = cistreaty.Date{}
					}
				default:
					if per.Determinate {
						c.Since = per.From
					}
				}
			}
			if v != rules.False {
				c.Until, c.Next = cistreaty.Date{}, cistreaty.Date{}
			}
			row[i] = c
		}
		m.Cells = append(m.Cells, row)
	}
	return m, nil
}

func kindOrder(k cistreaty.PartyKind) int {
	if k == cistreaty.KindState {
		return 0
	}
	return 1
}

// HTMLOptions change how a matrix is written.
type HTMLOptions struct {
	// Href, if set, gives the address of the explanation of a question;
	// each cell then links to it.
	Href func(rules.Question) string
}

// matrixHTML is a table a lawyer reads like a chart of signatures and
// ratifications: a word in every cell (not a colour alone), the dates of
// the period around the day, and a link to the explained answer.
var matrixHTML = template.Must(template.New("matrix").Parse(`<table class="matrix" data-day="{{.On}}">
<caption>Who is bound by what on {{.On}} — dataset {{.Dataset.Name}} {{.Dataset.Version}}, record as of {{.Dataset.RecordAsOf}}</caption>
<thead><tr><th scope="col">party</th>{{range .Treaties}}<th scope="col" title="{{.Title}}">{{.ID}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr data-party="{{.Party.ID}}"><th scope="row" title="{{.Party.Name}}">{{.Party.ID}} <span class="name">{{.Party.Name}}</span></th>{{range .Cells}}<td class="{{.Class}}" data-treaty="{{.Treaty}}" data-party="{{.Party}}" data-value="{{.Value}}">{{if .Href}}<a href="{{.Href}}" title="{{.Title}}">{{else}}<span title="{{.Title}}">{{end}}<span class="word">{{.Word}}</span>{{with .Detail}}<span class="detail">{{.}}</span>{{end}}{{if .Href}}</a>{{else}}</span>{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
`))

type matrixRow struct {
	Party cistreaty.Party
	Cells []matrixCell
}

type matrixCell struct {
	Treaty, Party, Value, Class, Word, Detail, Title, Href string
}

// WriteHTML writes the matrix as an HTML table (a fragment, for a page).
func (m *Matrix) WriteHTML(w io.Writer, opt HTMLOptions) error {
	data := struct {
		*Matrix
		Rows []matrixRow
	}{Matrix: m}
	for i, p := range m.Parties {
		row := matrixRow{Party: p}
		for j, t := range m.Treaties {
			c := m.Cells[i][j]
			mc := matrixCell{Treaty: t.ID, Party: p.ID, Value: c.Value.String()}
			switch c.Value {
			case rules.True:
				mc.Class, mc.Word = "yes", "✓ bound"
				if c.Since.IsValid() {
					mc.Detail = "since " + c.Since.String()
				}
				mc.Title = p.ID + " is bound by " + t.ID + " on " + m.On.String()
			case rules.False:
				mc.Class, mc.Word = "no", "✗ not bound"
				switch {
				case c.Until.IsValid():
					mc.Detail = "until " + c.Until.String()
				case c.Next.IsValid():
					mc.Detail = "from " + c.Next.String()
				}
				mc.Title = p.ID + " is not bound by " + t.ID + " on " + m.On.String()
			default:
				mc.Class, mc.Word = "open", "? open"
				mc.Title = "the record does not settle whether " + p.ID + " is bound by " + t.ID + " on " + m.On.String()
			}
			if opt.Href != nil {
				mc.Href = opt.Href(c.Question)
				mc.Title += " — see why"
			}
			row.Cells = append(row.Cells, mc)
		}
		data.Rows = append(data.Rows, row)
	}
	return matrixHTML.Execute(w, data)
}
