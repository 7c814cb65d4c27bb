package report

import (
	"bytes"
	"io"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/handover-dev/handover/lint/result"
)

// fixturePortfolio is a fractional CTO's four clients: the acme shop three
// weeks before its handover, one handed over, one that never ran handover
// init, and one whose clone the token could not read.
func fixturePortfolio() *result.Portfolio {
	shop := fixtureResult()
	done := fixtureResult()
	done.Repo = result.RepoInfo{Name: "platform", URL: "https://github.com/globex/platform", Head: "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d", Now: "2026-11-25", Dir: "docs/handover"}
	done.Product = "Globex Platform"
	done.Findings, done.Summary = []result.Finding{}, result.Summary{}
	done.Readiness.Score = 1
	for i := range done.Readiness.Activities {
		done.Readiness.Activities[i].Done, done.Readiness.Activities[i].Completion = true, 1
	}
	for i := range done.Docs {
		done.Docs[i].Drift = &result.DriftInfo{}
		done.Docs[i].Reviewed = "2026-11-20"
	}
	done.Vendors = []result.Vendor{{Name: "Vercel", Service: "hosting", AccountOwner: "Kim", Renewal: "2026-12-01"}}
	done.Handover = result.Transition{HandoverDate: "2026-10-31", AdvisoryUntil: "2027-01-31"}
	bare := &result.Result{Version: 1, Repo: result.RepoInfo{Name: "initech-app", Root: "clients/initech-app", Now: "2026-11-25", Dir: "handover"},
		Docs: []result.DocInfo{{Kind: "product", Path: "handover/product.md"}, {Kind: "tech", Path: "handover/tech.md"}},
		Readiness: result.Readiness{Activities: []result.Activity{
			{ID: "document-product", Detail: "product document missing"}, {ID: "document-tech", Detail: "tech document missing"},
		}},
		Findings: []result.Finding{{Rule: "missing-doc", Severity: result.Error, Path: "handover/product.md"}, {Rule: "missing-doc", Severity: result.Error, Path: "handover/tech.md"}},
		Summary:  result.Summary{Error: 2},
	}
	return &result.Portfolio{Version: 1, Now: "2026-11-25", Repositories: []result.Repository{
		{Name: "Globex", Target: "https://github.com/globex/platform", Result: done},
		{Name: "acme-shop", Target: ".", Result: shop},
		{Name: "hooli", Target: "https://github.com/hooli/x", Error: "clone https://github.com/hooli/x: authentication required: set HANDOVER_TOKEN or GITHUB_TOKEN to a token that can read it"},
		{Name: "initech-app", Target: "clients/initech-app", Result: bare},
	}}
}

// portfolioWriters are the portfolio's formats.
var portfolioWriters = map[string]func(io.Writer, *result.Portfolio) error{
	"portfolio.md": PortfolioMarkdown, "portfolio.html": PortfolioHTML, "portfolio.json": PortfolioJSON,
}

func TestPortfolioGolden(t *testing.T) {
	for file, write := range portfolioWriters {
		t.Run(file, func(t *testing.T) {
			var b bytes.Buffer
			if err := write(&b, fixturePortfolio()); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", file), b.String())
		})
	}
}

// TestPortfolioOrder: every format lists the rows in one order whatever
// order they were checked or merged in, so that a portfolio checked here
// and one merged from a matrix's results are the same bytes.
func TestPortfolioOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for file, write := range portfolioWriters {
		var want bytes.Buffer
		if err := write(&want, fixturePortfolio()); err != nil {
			t.Fatal(err)
		}
		for range 5 {
			p := fixturePortfolio()
			rng.Shuffle(len(p.Repositories), reflect.Swapper(p.Repositories))
			var got bytes.Buffer
			if err := write(&got, p); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s depends on the order of the rows:\n%s\nwant\n%s", file, got.String(), want.String())
				break
			}
		}
	}
	p := fixturePortfolio()
	SortPortfolio(p)
	var names []string
	for _, r := range p.Repositories {
		names = append(names, r.Name)
	}
	if got, want := strings.Join(names, ", "), "hooli, initech-app, acme-shop, Globex"; got != want {
		t.Errorf("order %s, want %s: not checked first, then lowest readiness", got, want)
	}
}

// TestPortfolioDays: results merged from checks on different days keep
// their own ages, and the page says which days.
func TestPortfolioDays(t *testing.T) {
	p := fixturePortfolio()
	p.Repositories[0].Result.Repo.Now = "2026-11-24"
	var b bytes.Buffer
	if err := PortfolioMarkdown(&b, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "4 repositories, checked on 2026-11-24 to 2026-11-25: 1 ready, 2 in progress, 1 could not be checked.") {
		t.Errorf("the page does not say the results are from two days:\n%s", b.String())
	}
}

// TestPortfolioHostile puts hostile into every string of every row and
// checks that no format lets it act: the Markdown adds no HTML, link,
// mention or heading, the HTML no tag, no line of any starts a workflow
// command, all are valid UTF-8, and a long value is cut.
func TestPortfolioHostile(t *testing.T) {
	p := fixturePortfolio()
	setStrings(reflect.ValueOf(p).Elem(), hostile+strings.Repeat("x", 2000))
	var clean bytes.Buffer
	if err := PortfolioMarkdown(&clean, fixturePortfolio()); err != nil {
		t.Fatal(err)
	}
	for file, write := range portfolioWriters {
		var b bytes.Buffer
		if err := write(&b, p); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		checkInert(t, file, b.Bytes(), clean.Bytes(), file == "portfolio.md")
		if file == "portfolio.json" {
			if !strings.Contains(out, `##\u005b`) || strings.Contains(out, "##[") {
				t.Errorf("json: ##[ is not written ##\\u005b")
			}
			continue
		}
		if strings.Contains(out, strings.Repeat("x", errorLimit)) {
			t.Errorf("%s: a value of 2,000 characters is not cut", file)
		}
		if file == "portfolio.html" {
			body := out[strings.Index(out, "</h1>"):]
			if loc := regexp.MustCompile(`(?i)<(script|img|a|h1 )[ >]`).FindStringIndex(body); loc != nil {
				t.Errorf("html: a tag from a value: %q", body[loc[0]:loc[1]])
			}
		}
	}
}

// TestPortfolioHTMLSelfContained: the page fetches nothing and runs
// nothing, prints on A4 landscape, and says every state in words or
// symbols.
func TestPortfolioHTMLSelfContained(t *testing.T) {
	var b bytes.Buffer
	if err := PortfolioHTML(&b, fixturePortfolio()); err != nil {
		t.Fatal(err)
	}
	checkPage(t, b.String(), "size: A4 landscape", "@media print", "✔ done", "○ 25%", "✖ 1", "▲ 4", "▲ overdue",
		"✖ not checked: clone https://github.com/hooli/x", "✖ no documents")
}

// TestPortfolioSameName: two repositories of the same name (two clients'
// api) are told apart by what was checked; a name of its own needs no
// target.
func TestPortfolioSameName(t *testing.T) {
	p := fixturePortfolio()
	p.Repositories[1].Name = "Globex"
	var b bytes.Buffer
	if err := PortfolioMarkdown(&b, p); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n| Globex (https:\u200d//github.com/globex/platform) | 100% |", "\n| Globex (.) | 61% |", "\n| hooli | ✖"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the page lacks %q:\n%s", want, b.String())
		}
	}
}
