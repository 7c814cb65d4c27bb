package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// longPortfolio is the fixture with the values that stretch a table: a
// repository name, an error and a vendor with nowhere to break a line (no
// space, no hyphen).
func longPortfolio() []byte {
	p := fixturePortfolio()
	p.Repositories[0].Name = "GlobexPlatformMonorepo" + strings.Repeat("X", 60)
	p.Repositories[2].Error = "clone https://github.com/hooli/" + strings.Repeat("VeryLongRepositoryName", 8) + ": repository not found"
	p.Repositories[1].Result.Vendors[0].Name = "StripePaymentsEuropeLimitedDublinBranchOffice"
	var b bytes.Buffer
	if err := PortfolioHTML(&b, p); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// TestPortfolioChromium renders the portfolio page in headless Chromium,
// as a screenshot and printed, and checks that the printed page is A4
// landscape.
func TestPortfolioChromium(t *testing.T) {
	browser := needChromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "portfolio.html")
	if err := os.WriteFile(page, longPortfolio(), 0o644); err != nil {
		t.Fatal(err)
	}
	png, pdf := filepath.Join(dir, "portfolio.png"), filepath.Join(dir, "portfolio.pdf")
	runChromium(t, browser, dir, "--screenshot="+png, "--window-size=1200,700", "file://"+page)
	runChromium(t, browser, dir, "--print-to-pdf="+pdf, "--no-pdf-header-footer", "file://"+page)
	if shot := readAtLeast(t, png, 20_000); !bytes.HasPrefix(shot, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("%s is not a PNG", png)
	}
	doc := readAtLeast(t, pdf, 10_000)
	if !bytes.HasPrefix(doc, []byte("%PDF-")) {
		t.Errorf("%s is not a PDF", pdf)
	}
	// A4 landscape is 842 × 595 points.
	if !bytes.Contains(doc, []byte("/MediaBox [0 0 842 595")) && !bytes.Contains(doc, []byte("/MediaBox [0 0 841")) {
		t.Errorf("the printed page is not A4 landscape (no 842 × 595 MediaBox in %s)", pdf)
	}
}

var landscapeMargins = regexp.MustCompile(`@page \{ size: A4 landscape; margin: [0-9]+mm ([0-9]+)mm; \}`)

// TestPortfolioChromiumNoOverflow lays the page out in a 1200 px window
// and as wide as a printed A4 landscape page, and checks that no cell is
// wider than its box: long names and errors wrap.
func TestPortfolioChromiumNoOverflow(t *testing.T) {
	browser := needChromium(t)
	page := string(longPortfolio())
	m := landscapeMargins.FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, "@media print") || !strings.Contains(page, "</body>") {
		t.Fatal("the page has no A4 landscape @page rule, print style or body end: update this test")
	}
	margin, _ := strconv.Atoi(m[1])
	a4 := int(float64(297-2*margin) / 25.4 * 96)
	for _, c := range []struct {
		name  string
		width int
		page  string
	}{
		{"window 1200px", 1200, page},
		{fmt.Sprintf("A4 landscape print (%d px)", a4), a4, strings.Replace(page, "@media print", "@media all", 1)},
	} {
		t.Run(c.name, func(t *testing.T) { checkNoOverflow(t, browser, c.page, c.width) })
	}
}
