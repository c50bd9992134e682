package main

import (
	"bytes"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var jsonLinkRE = regexp.MustCompile(`as JSON: <a href="([^"]+)">`)

// The pages live beside the API on the same mux: / is the ask page, an
// answer on it links to the same question at the JSON API, which gives the
// CLI's answer; the timeline's SVG is the cis command's; a path the server
// does not know is still the API's JSON 404.
func TestPagesBesideTheAPI(t *testing.T) {
	base := startServer(t)
	r := do(t, "GET", base+"/?question=bound&treaty=cis-charter-1993&party=RU&on=1994-01-22", "")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Fatalf("/: status %d, content type %q; want 200, text/html", r.status, r.header.Get("Content-Type"))
	}
	m := jsonLinkRE.FindSubmatch(r.body)
	if m == nil {
		t.Fatal("the answer does not link to the JSON API")
	}
	want, err := os.ReadFile(filepath.Join("..", "cis", "testdata", "golden", "bound-charter-ru-1994-01-22.json"))
	if err != nil {
		t.Fatal(err)
	}
	if j := do(t, "GET", base+html.UnescapeString(string(m[1])), ""); j.status != http.StatusOK || !bytes.Equal(want, j.body) {
		t.Errorf("the page's JSON link %s: status %d, body %s; want the CLI's answer", m[1], j.status, j.body)
	}

	svg, err := os.ReadFile(filepath.Join("..", "..", "internal", "chart", "testdata", "timeline-GE.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if s := do(t, "GET", base+"/timeline.svg?party=GE", ""); s.status != http.StatusOK || !bytes.Equal(svg, s.body) {
		t.Errorf("/timeline.svg?party=GE: status %d; want the SVG cis timeline writes", s.status)
	}
	for _, path := range []string{"/timeline?party=GE", "/matrix?on=2010-01-01"} {
		if p := do(t, "GET", base+path, ""); p.status != http.StatusOK || !strings.HasPrefix(p.header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: status %d, content type %q", path, p.status, p.header.Get("Content-Type"))
		}
	}
	bad := do(t, "GET", base+"/timeline?party=GX", "")
	if bad.status != http.StatusBadRequest || !bytes.Contains(bad.body, []byte(`<code>GE</code>`)) {
		t.Errorf("/timeline?party=GX: status %d; want 400 naming GE", bad.status)
	}
	nf := do(t, "GET", base+"/timelines", "")
	if nf.status != http.StatusNotFound || nf.header.Get("Content-Type") != "application/json" {
		t.Errorf("/timelines: status %d, content type %q; want the JSON 404", nf.status, nf.header.Get("Content-Type"))
	}
}
