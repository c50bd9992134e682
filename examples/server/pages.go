package main

import (
	"net/http"

	"github.com/pacta-law/pacta/internal/pages"
)

// registerPages adds the HTML pages to the mux (package internal/pages):
// GET /{$} (ask a question and read the explained answer), GET
// /timeline?party=P (SVG, and /timeline.svg for the drawing alone) and
// GET /matrix?on=D. They answer over the server's engine, with its clock
// and its deadline, and do not shadow /v1/ or /healthz.
func registerPages(mux *http.ServeMux, s *server) {
	p, err := pages.New(s.eng, pages.WithClock(s.now), pages.WithTimeout(s.timeout))
	if err != nil {
		// The templates are embedded: this is a bug, not bad input. The
		// pages say so; the API still answers.
		broken := func(w http.ResponseWriter, r *http.Request) {
			writeError(w, http.StatusInternalServerError, "internal error: "+err.Error(), "", nil)
		}
		for _, path := range []string{"GET /{$}", "GET /timeline", "GET /timeline.svg", "GET /matrix"} {
			mux.HandleFunc(path, broken)
		}
		return
	}
	p.Register(mux)
}
