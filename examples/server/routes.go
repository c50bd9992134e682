package main

import (
	"net/http"

	"github.com/pacta-law/pacta/rules"
)

// newMux is every route of the service, in one place (DESIGN §8).
func newMux(s *server) *http.ServeMux {
	mux := http.NewServeMux()
	// api registers an endpoint, and a JSON 405 for its other methods.
	api := func(method, path string, h http.HandlerFunc) {
		mux.HandleFunc(method+" "+path, h)
		mux.HandleFunc(path, s.wrongMethod(method))
	}

	// The API: one endpoint per question of the CLI, with its flags as
	// query parameters and its -json answer as the response.
	for _, spec := range rules.Questions() {
		api("GET", "/v1/"+string(spec.Kind), s.question(spec))
	}
	api("GET", "/v1/treaties", s.treaties)
	api("GET", "/v1/parties", s.parties)
	api("POST", "/v1/ask", s.ask)
	api("POST", "/v1/test", s.test)
	api("GET", "/v1/openapi.json", s.openAPI)
	api("GET", "/healthz", s.healthz)

	// The pages: /, /timeline and /matrix (pages.go).
	registerPages(mux, s)

	// Anything else is a JSON 404.
	mux.HandleFunc("/", s.notFound)
	return mux
}
