package main

import (
	"context"
	"flag"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var updateScreenshot = flag.Bool("update", false, "rewrite docs/timeline-GE.png, the README's screenshot, from the browser test")

// chromiumPath finds Debian's chromium. The browser tests are never skipped:
// without it they fail and say how to install it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	t.Fatal("chromium is not installed; the browser tests need it: apt-get update && apt-get install -y chromium (.ci/run does this)")
	return ""
}

// browser starts headless chromium with a fresh profile and no network
// besides loopback; it stops when the test ends. Every action of the test
// runs within one minute.
func browser(t *testing.T) context.Context {
	t.Helper()
	// A fresh profile. Not t.TempDir: chromium's child processes may still
	// write into it for a moment after the browser exits, and TempDir's
	// cleanup fails the test on "directory not empty".
	profile, err := os.MkdirTemp("", "pacta-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox, // the machine runs as root
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc() // waits for the browser to exit
		cancel()
		for range 50 {
			if err := os.RemoveAll(profile); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("could not remove the browser profile %s", profile)
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return bctx
}

func inBrowser[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

func browse(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// screenshot writes the page as the browser shows it into the test's
// temporary directory, and returns the PNG.
func screenshot(t *testing.T, ctx context.Context, name string) []byte {
	t.Helper()
	png := inBrowser(t, ctx, "screenshot", chromedp.FullScreenshot(100))
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	return png
}

// The pages as a person sees them: the server on a real listener, the
// pages in headless chromium, the answers read from the DOM.
func TestBrowser(t *testing.T) {
	base := startServer(t)
	ctx := browser(t)

	t.Run("ask the README's question through the form", func(t *testing.T) {
		browse(t, ctx, "load /", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("question")))
		browse(t, ctx, "fill the form",
			chromedp.SetValue(chromedp.ID("question"), "bound"),
			chromedp.SetValue(chromedp.ID("in-treaty"), "cis-charter-1993"),
			chromedp.SetValue(chromedp.ID("in-party"), "RU"),
			chromedp.SetValue(chromedp.ID("in-on"), "1994-01-22"),
		)
		// The script hides the inputs a bound question does not take.
		if hidden := inBrowser(t, ctx, "read the form", chromedp.Evaluate[bool](`document.getElementById("in-notice").closest(".field").hidden`)); !hidden {
			t.Error("the notice input shows for a bound question")
		}
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.ID("ask-submit"))); err != nil {
			t.Fatalf("submit: %v", err)
		}
		browse(t, ctx, "wait for the answer", chromedp.WaitVisible(chromedp.ID("answer")))
		answer := inBrowser(t, ctx, "read the answer", chromedp.AttributeValue(chromedp.ID("answer"), "data-answer"))
		if answer.Value != "true" {
			t.Errorf("data-answer = %q; want true (Charter Art. 41: in force for Russia on 22 Jan 1994)", answer.Value)
		}
		head := inBrowser(t, ctx, "read the headline", chromedp.Text(chromedp.ID("headline")))
		if want := "true — RU is bound by cis-charter-1993 on 1994-01-22"; strings.TrimSpace(head) != want {
			t.Errorf("headline %q; want %q", head, want)
		}
		cites := inBrowser(t, ctx, "read the deciding rule", chromedp.Text(chromedp.CSS(`#answer li.step .cites`)))
		if !strings.Contains(cites, "Charter of the CIS, Art. 41") {
			t.Errorf("the first rule is %q; want Charter of the CIS, Art. 41", cites)
		}
		screenshot(t, ctx, "ask.png")
	})

	t.Run("a bad party is a readable error", func(t *testing.T) {
		resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+"/?question=bound&treaty=cis-charter-1993&party=GX&on=1994-01-22"))
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != http.StatusBadRequest {
			t.Errorf("status %d; want 400", resp.Status)
		}
		msg := inBrowser(t, ctx, "read the error", chromedp.Text(chromedp.ID("error")))
		if !strings.Contains(msg, `unknown party "GX"`) || !strings.Contains(msg, "GE") {
			t.Errorf("the error says %q; want it to name GX and the closest, GE", msg)
		}
		screenshot(t, ctx, "error.png")
	})

	t.Run("Georgia's Charter bar ends where 18 Aug 2009 falls on the axis", func(t *testing.T) {
		browse(t, ctx, "load the timeline", chromedp.Navigate(base+"/timeline?party=GE"), chromedp.WaitVisible(chromedp.CSS("#timeline svg")))
		// Positions as the browser lays them out, in CSS pixels: the ticks
		// of 1 Jan 2009 and 1 Jan 2010, and the bars of the Charter.
		type layout struct {
			Tick2009, Tick2010   float64
			BoundRight, WithLeft float64
			BoundTo, WithFrom    string
			Tooltip              string
		}
		got := inBrowser(t, ctx, "measure the timeline", chromedp.Evaluate[layout](`(() => {
			const x = (sel) => document.querySelector(sel).getBoundingClientRect();
			const row = '#timeline g.row[data-treaty="cis-charter-1993"]:not([data-towards])';
			const bound = document.querySelector(row + ' g.bar[data-kind="bound"]');
			const withdrawn = document.querySelector(row + ' g.bar[data-kind="withdrawn"]');
			return {
				Tick2009: x('#timeline line.tick[data-date="2009-01-01"]').left,
				Tick2010: x('#timeline line.tick[data-date="2010-01-01"]').left,
				BoundRight: bound.querySelector('rect').getBoundingClientRect().right,
				WithLeft: withdrawn.querySelector('rect').getBoundingClientRect().left,
				BoundTo: bound.dataset.to,
				WithFrom: withdrawn.dataset.from,
				Tooltip: withdrawn.querySelector('title').textContent,
			};
		})()`))
		// 18 Aug 2009 begins 229 days into a 365-day year
		// (31+28+31+30+31+30+31+17).
		want := got.Tick2009 + (got.Tick2010-got.Tick2009)*229/365
		// A stroke of 1 unit widens the box by half a unit each side.
		if math.Abs(got.BoundRight-0.5-want) > 0.75 {
			t.Errorf("the bound bar ends at x=%.2f; 18 Aug 2009 is at x=%.2f (ticks 2009: %.2f, 2010: %.2f)", got.BoundRight-0.5, want, got.Tick2009, got.Tick2010)
		}
		if math.Abs(got.WithLeft+0.5-want) > 0.75 {
			t.Errorf("the withdrawn bar starts at x=%.2f; want %.2f", got.WithLeft+0.5, want)
		}
		if got.BoundTo != "2009-08-17" || got.WithFrom != "2009-08-18" {
			t.Errorf("bound to %s, withdrawn from %s; want 2009-08-17 and 2009-08-18", got.BoundTo, got.WithFrom)
		}
		if !strings.Contains(got.Tooltip, "Charter of the CIS, Art. 9") || !strings.Contains(got.Tooltip, "2008-08-18 GE withdrawal-notice") {
			t.Errorf("the withdrawn bar's tooltip does not name Art. 9 and the notice:\n%s", got.Tooltip)
		}
		png := screenshot(t, ctx, "timeline-GE.png")
		if *updateScreenshot {
			if err := os.WriteFile(filepath.Join("..", "..", "docs", "timeline-GE.png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("the matrix on 1 Jan 2010", func(t *testing.T) {
		browse(t, ctx, "load the matrix", chromedp.Navigate(base+"/matrix?on=2010-01-01"), chromedp.WaitVisible(chromedp.CSS("table.matrix")))
		cell := `table.matrix td[data-party="GE"][data-treaty="cis-charter-1993"]`
		text := inBrowser(t, ctx, "read Georgia's Charter cell", chromedp.Text(chromedp.CSS(cell)))
		if !strings.Contains(text, "not bound") {
			t.Errorf("Georgia's Charter cell says %q; want not bound (withdrawn on 18 Aug 2009)", text)
		}
		ru := inBrowser(t, ctx, "read Russia's Charter cell", chromedp.Text(chromedp.CSS(`table.matrix td[data-party="RU"][data-treaty="cis-charter-1993"]`)))
		if !strings.Contains(ru, "bound") || strings.Contains(ru, "not bound") || !strings.Contains(ru, "since 1994-01-22") {
			t.Errorf("Russia's Charter cell says %q; want bound since 1994-01-22", ru)
		}
		screenshot(t, ctx, "matrix.png")
		// The cell links to its explanation.
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(cell+" a"))); err != nil {
			t.Fatalf("follow the cell's link: %v", err)
		}
		browse(t, ctx, "wait for the explanation", chromedp.WaitVisible(chromedp.ID("answer")))
		head := inBrowser(t, ctx, "read the headline", chromedp.Text(chromedp.ID("headline")))
		if want := "false — GE is not bound by cis-charter-1993 on 2010-01-01"; strings.TrimSpace(head) != want {
			t.Errorf("the cell leads to %q; want %q", head, want)
		}
	})
}
