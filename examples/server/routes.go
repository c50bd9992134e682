package main

import (
	"net/http"

	"github.com/pacta-law/pacta/rules"
)

// newMux is every route of the service, in one place (DESIGN §8).
func newMux(s *server) *http.ServeMux {
	mux := http.NewServeMux()

	// The API: one endpoint per question of the CLI, with its flags as
	// query parameters and its -json answer as the response.
	for _, spec := range rules.Questions() {
		mux.HandleFunc("GET /v1/"+string(spec.Kind), s.question(spec))
	}
	mux.HandleFunc("GET /v1/treaties", s.treaties)
	mux.HandleFunc("GET /v1/parties", s.parties)
	mux.HandleFunc("POST /v1/ask", s.ask)
	mux.HandleFunc("POST /v1/test", s.test)
	mux.HandleFunc("GET /v1/openapi.json", s.openAPI)
	mux.HandleFunc("GET /healthz", s.healthz)

	// The pages: /, /timeline and /matrix (pages.go).
	registerPages(mux, s)

	// Anything else is a JSON 404.
	mux.HandleFunc("/", s.notFound)
	return mux
}
