package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/ask"
	"github.com/pacta-law/pacta/internal/release"
	"github.com/pacta-law/pacta/rules"
)

// maxBody bounds a request's body (POST /v1/ask, POST /v1/test).
const maxBody = 1 << 20

// server answers over one engine, built once; an engine is immutable and
// safe for concurrent use, and what-ifs derive their own from it.
type server struct {
	eng     *rules.Engine
	log     *slog.Logger
	timeout time.Duration    // each request's deadline
	now     func() time.Time // today's date, for a question's "on" when it is left out
	etag    string           // the dataset's ETag, without the day
}

func newServer(eng *rules.Engine, log *slog.Logger, timeout time.Duration, now func() time.Time) *server {
	ds := eng.Dataset()
	return &server{eng: eng, log: log, timeout: timeout, now: now,
		etag: release.Version + "/" + ds.Name() + "@" + ds.Version()}
}

// handler is the mux with what every request gets: a deadline, a recovered
// panic as a JSON 500 without a stack trace, and the access log.
func (s *server) handler() http.Handler { return s.wrap(newMux(s)) }

// wrap gives h's requests their deadline, recovers a panic and logs them.
func (s *server) wrap(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", p)
				if !rec.wrote {
					writeError(rec, http.StatusInternalServerError, "internal error", "", nil)
				}
			}
			s.log.Info("request", "method", r.Method, "path", r.URL.Path, "query", r.URL.RawQuery,
				"status", rec.status, "duration_ms", float64(time.Since(start).Microseconds())/1000)
		}()
		mux.ServeHTTP(rec, r.WithContext(ctx))
	})
}

// statusRecorder remembers the status a handler wrote, for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

// today is the date in UTC.
func (s *server) today() cistreaty.Date {
	t := s.now().UTC()
	d, err := cistreaty.NewDate(t.Year(), t.Month(), t.Day())
	if err != nil {
		return cistreaty.Date{}
	}
	return d
}

// etagFor is a response's ETag: the module version and the dataset's name
// and version, and the day where an answer depends on today's date.
func (s *server) etagFor(today string) string {
	if today != "" {
		return `"` + s.etag + "/" + today + `"`
	}
	return `"` + s.etag + `"`
}

// notModified sets the ETag and reports whether the client's copy is
// current (If-None-Match), having written 304 if so.
func notModified(w http.ResponseWriter, r *http.Request, etag string) bool {
	w.Header().Set("ETag", etag)
	for _, t := range strings.Split(r.Header.Get("If-None-Match"), ",") {
		t = strings.TrimSpace(t)
		if t == etag || t == "W/"+etag || t == "*" {
			w.WriteHeader(http.StatusNotModified)
			return true
		}
	}
	return false
}

// writeJSONBytes writes a body that is already JSON.
func writeJSONBytes(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

// writeJSONValue writes v as the CLI writes JSON: compact, and a newline.
func writeJSONValue(w http.ResponseWriter, status int, v any) {
	b, err := ask.JSON(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal error: "+err.Error(), "", nil)
		return
	}
	writeJSONBytes(w, status, b)
}

// apiError is the body of every error: what is wrong, the input it
// concerns, and the closest known values.
type apiError struct {
	Error   string   `json:"error"`
	Field   string   `json:"field,omitempty"`
	Closest []string `json:"closest,omitempty"`
}

func writeError(w http.ResponseWriter, status int, msg, field string, closest []string) {
	b, _ := json.Marshal(apiError{Error: msg, Field: field, Closest: closest})
	writeJSONBytes(w, status, append(b, '\n'))
}

// fail writes err with its status: 422 when a rule failed at run time or the
// deadline passed, 413 for a body over the limit, else 400 (bad input).
func fail(w http.ResponseWriter, err error) {
	status := http.StatusBadRequest
	var tooLarge *http.MaxBytesError
	switch {
	case ask.IsRuleFailure(err):
		status = http.StatusUnprocessableEntity
	case errors.As(err, &tooLarge):
		status = http.StatusRequestEntityTooLarge
	}
	field, closest := ask.Describe(err)
	writeError(w, status, oneLine(err.Error()), field, closest)
}

// oneLine folds a multi-line message (a list of problems) into one line,
// and clips one so long that it would echo a whole request back.
func oneLine(s string) string {
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	s = strings.Join(lines, "; ")
	const max = 2000
	if len(s) > max {
		cut := max
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + " …"
	}
	return s
}

// wrongMethod answers a known path asked with another method than its own.
func (s *server) wrongMethod(method string) http.HandlerFunc {
	allow := method
	if method == http.MethodGet {
		allow = "GET, HEAD"
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, r.Method+" "+r.URL.Path+": use "+method, "", nil)
	}
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, "no such path: "+oneLine(r.URL.Path), "", nil)
}
