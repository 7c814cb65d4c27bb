package report

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/handover-dev/handover/internal/golden"
)

// TestChromium renders the HTML report in headless Chromium, as a browser
// and as a printed page, to show that it is a page a browser lays out and
// prints, not only text that matches a golden file. With -update it also
// writes the screenshot to docs/report.png.
func TestChromium(t *testing.T) {
	browser := needChromium(t)
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
	runChromium(t, browser, dir, "--screenshot="+png, "--window-size=1200,1950", "file://"+page)
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

// overflowProbe, added to a copy of the page (the report itself runs no
// script), lists every element whose content is wider than its box once
// the page is laid out, in a <pre id="overflow"> that --dump-dom prints.
const overflowProbe = `<script>
(function () {
  var wide = [];
  document.querySelectorAll("html, body, body *").forEach(function (el) {
    var display = getComputedStyle(el).display;
    if (display !== "inline" && display !== "none" && el.scrollWidth > el.clientWidth + 1) {
      wide.push(el.tagName.toLowerCase() + " " + el.scrollWidth + "px > " + el.clientWidth + "px: " + el.textContent.replace(/\s+/g, " ").slice(0, 80));
    }
  });
  var out = document.createElement("pre");
  out.id = "overflow";
  out.textContent = JSON.stringify(wide);
  document.body.appendChild(out);
})();
</script>`

var (
	probeResult = regexp.MustCompile(`<pre id="overflow">(.*?)</pre>`)
	// pageMargins is the page's @page rule, to lay it out as wide as the
	// printed page.
	pageMargins = regexp.MustCompile(`@page \{ size: A4; margin: [0-9]+mm ([0-9]+)mm; \}`)
)

// TestChromiumNoOverflow lays the report out in headless Chromium in a
// 1200 px window and as wide as the text of a printed A4 page (its print
// style applied), and checks that nothing is wider than its box: a long
// path in the Drift column wraps instead of running off the page or being
// clipped in print.
func TestChromiumNoOverflow(t *testing.T) {
	browser := needChromium(t)
	var b bytes.Buffer
	if err := HTML(&b, fixtureResult()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	m := pageMargins.FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, "@media print") || !strings.Contains(page, "</body>") {
		t.Fatal("the page has no A4 @page rule, print style or body end: update this test")
	}
	margin, _ := strconv.Atoi(m[1])
	// CSS lays out 96 px to the inch; A4 is 210 mm wide.
	a4 := int(float64(210-2*margin) / 25.4 * 96)
	for _, c := range []struct {
		name  string
		width int
		page  string
	}{
		{"window 1200px", 1200, page},
		{fmt.Sprintf("A4 print (%d px)", a4), a4, strings.Replace(page, "@media print", "@media all", 1)},
	} {
		t.Run(c.name, func(t *testing.T) { checkNoOverflow(t, browser, c.page, c.width) })
	}
}

// checkNoOverflow lays page out in headless Chromium in a window width
// pixels wide and fails when an element's content is wider than its box.
func checkNoOverflow(t *testing.T, browser, page string, width int) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "page.html")
	if err := os.WriteFile(file, []byte(strings.Replace(page, "</body>", overflowProbe+"</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := runChromium(t, browser, dir, "--dump-dom", "--virtual-time-budget=5000",
		fmt.Sprintf("--window-size=%d,1000", width), "file://"+file)
	got := probeResult.FindSubmatch(dom)
	if got == nil {
		t.Fatalf("the probe did not run; chromium printed:\n%s", dom)
	}
	if wide := html.UnescapeString(string(got[1])); wide != "[]" {
		t.Errorf("at %d px, content is wider than its box: %s", width, wide)
	}
}

// needChromium returns the browser to run, or skips the test: in -short
// mode, or when no Chromium is installed (outside CI, where it must be).
func needChromium(t *testing.T) string {
	t.Helper()
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
	return browser
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
// that reaches the network, and returns what it printed on stdout.
func runChromium(t *testing.T, browser, dir string, args ...string) []byte {
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
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s%s", browser, err, out, stderr.Bytes())
	}
	return out
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
