package main

import "net/http"

// registerPages adds the HTML pages to the mux: GET /{$} (ask a question
// and read the explained answer), GET /timeline?party=P (SVG) and
// GET /matrix?on=D. The API's routes are in routes.go; a page's handler
// reaches the engine and the shared answering code through s (s.eng,
// package internal/ask) and must not shadow /v1/ or /healthz.
func registerPages(mux *http.ServeMux, s *server) {}
