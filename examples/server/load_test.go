package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadRequest is one kind of request the load test sends.
type loadRequest struct {
	name, method, path, body string
}

// The load: the README's question, and a what-if (Moldova's notice of
// 1 Dec 2026 and its status a year on), which builds a what-if engine per
// request.
var loadRequests = []loadRequest{
	{"bound", "GET", "/v1/bound?treaty=cis-charter-1993&party=RU&on=1994-01-22", ""},
	{"ask-what-if", "POST", "/v1/ask", `{"question":"status","inputs":{"party":"MD","on":"2027-12-01"},"assume":["MD:withdrawal-notice:2026-12-01:cis-charter-1993"]}`},
}

// loadResult is what one run of the load measured.
type loadResult struct {
	requests, errors int
	elapsed          time.Duration
	p50, p99         time.Duration
	firstError       string
}

func (r loadResult) perSecond() float64 { return float64(r.requests) / r.elapsed.Seconds() }

func (r loadResult) String() string {
	return fmt.Sprintf("%d requests in %.2fs: %.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d errors",
		r.requests, r.elapsed.Seconds(), r.perSecond(), ms(r.p50), ms(r.p99), r.errors)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// load sends n requests from conc clients at once to base, stopping early
// when ctx ends; a request that is not 200 with a body is an
// error.
func load(ctx context.Context, base string, rq loadRequest, n, conc int) loadResult {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}}
	defer client.CloseIdleConnections()
	var next, errs atomic.Int64
	var mu sync.Mutex
	var first string
	lat := make([]time.Duration, n)
	start := time.Now()
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				t0 := time.Now()
				err := send(ctx, client, base, rq)
				lat[i] = time.Since(t0)
				if err != nil {
					errs.Add(1)
					mu.Lock()
					if first == "" {
						first = err.Error()
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	done := min(int(next.Load()), n)
	lat = lat[:done]
	slices.Sort(lat)
	r := loadResult{requests: done, errors: int(errs.Load()), elapsed: elapsed, firstError: first}
	if done > 0 {
		r.p50 = lat[done*50/100]
		r.p99 = lat[min(done-1, done*99/100)]
	}
	return r
}

func send(ctx context.Context, client *http.Client, base string, rq loadRequest) error {
	var body io.Reader
	if rq.body != "" {
		body = strings.NewReader(rq.body)
	}
	req, err := http.NewRequestWithContext(ctx, rq.method, base+rq.path, body)
	if err != nil {
		return err
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK || len(b) == 0 {
		return fmt.Errorf("status %d: %.200s", res.StatusCode, b)
	}
	return nil
}

// A load on loopback: a fixed number of requests of each kind, from
// several clients at once; every one must be answered. The figures are
// logged (go test -v); BenchmarkLoad measures them under the service's own
// deadline. Here nothing is timed: the deadlines are far beyond what a
// request takes even under -race, because the test is about answering
// every request, not speed.
func TestLoad(t *testing.T) {
	base := startServer(t)
	for _, c := range []struct {
		rq loadRequest
		n  int
	}{{loadRequests[0], 200}, {loadRequests[1], 200}} {
		r := load(t.Context(), base, c.rq, c.n, 8)
		t.Logf("%s: %v", c.rq.name, r)
		if r.errors > 0 {
			t.Errorf("%s: %d errors, the first: %s", c.rq.name, r.errors, r.firstError)
		}
		if r.requests < c.n {
			t.Errorf("%s: %d of %d requests sent", c.rq.name, r.requests, c.n)
		}
	}
}

// BenchmarkLoad sends b.N requests of each kind from 8 clients at once to
// a server on 127.0.0.1 and reports requests/s, p50 and p99 latency and
// errors (which fail it):
//
//	go test ./examples/server -run '^$' -bench Load -benchtime 4000x
func BenchmarkLoad(b *testing.B) {
	base := startServer(b)
	for _, rq := range loadRequests {
		b.Run(rq.name, func(b *testing.B) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			r := load(ctx, base, rq, b.N, 8)
			if r.errors > 0 {
				b.Fatalf("%d errors, the first: %s", r.errors, r.firstError)
			}
			b.ReportMetric(r.perSecond(), "req/s")
			b.ReportMetric(ms(r.p50), "p50-ms")
			b.ReportMetric(ms(r.p99), "p99-ms")
			b.ReportMetric(float64(r.errors), "errors")
			b.ReportMetric(0, "ns/op")
		})
	}
}
