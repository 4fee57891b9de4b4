// Package browsertest builds the shipped site, serves it under a sub-path as
// GitHub Pages would, and checks it in headless Chromium: layout, console,
// network, figures, typeset formulas and accessibility (axe-core).
//
// The tests need Chromium (/usr/bin/chromium, or $CHROMIUM) and axe-core in
// node_modules/; `make test` installs both. Without them the tests skip,
// except under CI=true, where they fail.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	defaultChromium = "/usr/bin/chromium"
	axeScriptPath   = "node_modules/axe-core/axe.min.js"
	installHint     = "run `make test` from the repository root, which installs Chromium and axe-core (target browser-deps)"
	browserStartup  = 60 * time.Second
)

// shared is the one browser that every test of this binary opens tabs in. It
// starts at the first call of sharedBrowser, and TestMain stops it.
var shared struct {
	once        sync.Once
	ctx         context.Context // the browser's own context; a child context is a new tab
	cancel      func()          // stops the browser and waits for it to exit
	userDataDir string
	err         error
}

// TestMain runs the tests, then stops the shared browser and deletes its
// profile.
func TestMain(m *testing.M) {
	code := m.Run()
	if shared.cancel != nil {
		shared.cancel()
	}
	if shared.userDataDir != "" {
		os.RemoveAll(shared.userDataDir)
	}
	os.Exit(code)
}

// chromiumPath is the browser the tests drive: $CHROMIUM, else Debian's.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return defaultChromium
}

// requireBrowserDeps skips the test when Chromium or axe-core is missing, or
// fails it under CI, where a skipped browser test would hide a broken site.
func requireBrowserDeps(t *testing.T) {
	t.Helper()
	var missing []string
	if _, err := os.Stat(chromiumPath()); err != nil {
		missing = append(missing, "Chromium at "+chromiumPath())
	}
	if _, err := os.Stat(axeScriptPath); err != nil {
		missing = append(missing, "axe-core at generator/browsertest/"+axeScriptPath)
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("browser tests need %s: %s", strings.Join(missing, " and "), installHint)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// sharedBrowser returns the context of the one headless Chromium of this test
// binary, starting it on first use.
func sharedBrowser(t *testing.T) context.Context {
	t.Helper()
	requireBrowserDeps(t)
	shared.once.Do(startBrowser)
	if shared.err != nil {
		t.Fatalf("starting %s: %v", chromiumPath(), shared.err)
	}
	return shared.ctx
}

// startBrowser launches Chromium with a fresh profile and exactly the flags
// the tests rely on, rather than chromedp's defaults.
func startBrowser() {
	dir, err := os.MkdirTemp("", "kp-chromium-")
	if err != nil {
		shared.err = err
		return
	}
	shared.userDataDir = dir
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath()),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(filepath.Clean(dir)),
	)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	shared.ctx = ctx
	shared.cancel = func() { cancelBrowser(); cancelAlloc() }

	// Start the browser with a context that only bounds the start-up: the
	// browser itself lives until TestMain cancels ctx.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case shared.err = <-started:
	case <-time.After(browserStartup):
		shared.err = fmt.Errorf("the browser did not start within %s", browserStartup)
	}
}

// newTab opens a tab in the shared browser for one page visit; it closes when
// the test ends. Every action in the tab must finish within limit.
func newTab(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	tabCtx, closeTab := chromedp.NewContext(sharedBrowser(t))
	ctx, cancel := context.WithTimeout(tabCtx, limit)
	t.Cleanup(func() { cancel(); closeTab() })
	return ctx
}
