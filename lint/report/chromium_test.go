package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	goldenfile "github.com/handover-dev/handover/internal/golden"
)

// TestChromium renders the HTML report in headless Chromium, as a browser
// and as a printed page, to show that it is a page a browser lays out and
// prints, not only text that matches a golden file. With -update it also
// writes the screenshot to docs/report.png.
func TestChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	browser := findChromium()
	if browser == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium not found: install chromium: see .ci/run")
		}
		t.Skip("chromium not found (apt-get install chromium); CI=true makes this a failure")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var b bytes.Buffer
	if err := HTML(&b, fixtureResult()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(dir, "report.png")
	pdf := filepath.Join(dir, "report.pdf")
	runChromium(t, browser, dir, "--screenshot="+png, "--window-size=1000,1500", "file://"+page)
	runChromium(t, browser, dir, "--print-to-pdf="+pdf, "--no-pdf-header-footer", "file://"+page)

	shot := readAtLeast(t, png, 30_000)
	if !bytes.HasPrefix(shot, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("%s is not a PNG", png)
	}
	doc := readAtLeast(t, pdf, 10_000)
	if !bytes.HasPrefix(doc, []byte("%PDF-")) {
		t.Errorf("%s is not a PDF", pdf)
	}
	// A4 is 595 × 842 points; Chromium writes the page box as a MediaBox.
	if !bytes.Contains(doc, []byte("/MediaBox [0 0 595")) && !bytes.Contains(doc, []byte("/MediaBox [0 0 594")) {
		t.Errorf("the printed report is not on A4 pages (no A4 MediaBox in %s)", pdf)
	}
	if *goldenfile.Update {
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "report.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// runChromium runs one headless job with a throwaway profile and nothing
// that reaches the network.
func runChromium(t *testing.T, browser, dir string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	profile, err := os.MkdirTemp(dir, "profile")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, browser, append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
		"--user-data-dir=" + profile,
	}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, out)
	}
}

func readAtLeast(t *testing.T, name string, size int) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("chromium wrote no %s: %v", filepath.Base(name), err)
	}
	if len(b) < size {
		t.Errorf("%s is %d bytes, want at least %d: the page looks empty", filepath.Base(name), len(b), size)
	}
	return b
}
