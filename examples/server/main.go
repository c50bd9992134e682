// Command server is pacta's HTTP service: the cis command's questions over
// HTTP, each answer byte for byte the CLI's -json object (DESIGN §8).
//
//	go run ./examples/server [-addr 127.0.0.1:8080] [-data DIR] [-log] [-timeout 2s]
//
// GET /v1/bound, /v1/eif, /v1/withdrawal, /v1/vclt, /v1/status, /v1/obliged
// take the CLI's flags as query parameters; GET /v1/treaties and
// /v1/parties list the dataset; POST /v1/ask takes {question, inputs,
// assume} for what-ifs; POST /v1/test runs a case file. GET
// /v1/openapi.json describes it all; GET /healthz gives the module and
// dataset versions. Errors are {error, field, closest} with 400, 404, 413
// or 422. It stops gracefully on SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/pacta-law/pacta/internal/ask"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stderr))
}

// run is the whole command, minus the process: it serves until ctx ends
// and returns the exit status (2 for bad flags, 1 when it cannot serve).
func run(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `host:port`")
	data := fs.String("data", "", "answer from the *.yaml files of `DIR` instead of the embedded CIS dataset")
	logOn := fs.Bool("log", false, "write the access and decision log (JSON, log/slog) to stderr")
	timeout := fs.Duration("timeout", 2*time.Second, "each request's `deadline`")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *timeout <= 0 {
		fmt.Fprintf(stderr, "server: unexpected argument or deadline (usage: server [-addr host:port] [-data DIR] [-log] [-timeout 2s])\n")
		return 2
	}
	eng, err := ask.NewEngine(ctx, *data)
	if err != nil {
		fmt.Fprintf(stderr, "server: %s\n", oneLine(err.Error()))
		return 2
	}
	log := slog.New(slog.DiscardHandler)
	if *logOn {
		log = slog.New(slog.NewJSONHandler(stderr, nil))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "server: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "server: serving %s@%s on http://%s\n", eng.Dataset().Name(), eng.Dataset().Version(), ln.Addr())
	if err := serve(ctx, ln, newServer(eng, log, *timeout, time.Now)); err != nil {
		fmt.Fprintf(stderr, "server: %v\n", err)
		return 1
	}
	return 0
}

// serve answers on ln until ctx ends, then stops taking requests and lets
// those under way finish (for at most ten seconds).
func serve(ctx context.Context, ln net.Listener, s *server) error {
	srv := &http.Server{
		Handler:           s.handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      s.timeout + 10*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
