package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// run serves until its context ends (SIGINT and SIGTERM end it in main),
// then stops and returns 0; bad flags or a dataset that does not load are
// status 2, with one line on stderr.
func TestRun(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"-adr", "x"}, "flag provided but not defined"},
		{"argument", []string{"serve"}, "unexpected argument"},
		{"no such data", []string{"-data", "testdata/missing"}, "-data"},
	} {
		var stderr strings.Builder
		if code := run(context.Background(), tt.args, &stderr); code != 2 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 naming %q", tt.name, code, stderr.String(), tt.want)
		}
	}

	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-data", "../cis/testdata/data"}, pw)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	_, url, ok := strings.Cut(strings.TrimSpace(line), " on ")
	if !ok || !strings.Contains(line, "serving example@2026.1") {
		t.Fatalf("first line %q; want the dataset and the address", line)
	}
	res, err := http.Get(url + "/v1/eif?treaty=pact-2020")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.HasPrefix(string(b), `{"question":"eif","inputs":{"treaty":"pact-2020"},"answer":"2020-05-01"`) {
		t.Errorf("answer from -data: %s", b)
	}
	cancel()
	// A run that does not return hangs the test until go test's -timeout.
	if code := <-done; code != 0 {
		t.Errorf("exit %d after the context ended; want 0", code)
	}
}
