package main

import (
	"io"
	"slices"

	"github.com/handover-dev/handover/lint"
	"github.com/handover-dev/handover/lint/format"
	"github.com/handover-dev/handover/lint/report"
	"github.com/handover-dev/handover/lint/result"
)

// writeResult writes a check's result in one format.
type writeResult func(w io.Writer, res *result.Result) error

// outputFormat is one format a command can write; color says the output
// is a terminal that takes colour. A command that writes many results
// (portfolio) has a page writer instead.
type outputFormat struct {
	name   string
	writer func(color bool) writeResult
	page   func(w io.Writer, p *result.Portfolio) error
}

// outputs is the one registry of output formats: for each command that
// writes a result, the formats it offers, its default first. The flags,
// their help, "did you mean" and the completion scripts all read it.
var outputs = map[string][]outputFormat{
	"check": {
		{name: "text", writer: func(color bool) writeResult { return format.Text{Color: color}.Format }},
		{name: "json", writer: func(bool) writeResult { return format.JSON{}.Format }},
		{name: "sarif", writer: func(bool) writeResult { return format.SARIF{Rules: lint.Descriptors()}.Format }},
		{name: "github", writer: func(bool) writeResult { return format.GitHub{}.Format }},
		{name: "markdown", writer: func(bool) writeResult { return format.Markdown{}.Format }},
	},
	"report": {
		{name: "markdown", writer: func(bool) writeResult { return report.Markdown }},
		{name: "html", writer: func(bool) writeResult { return report.HTML }},
	},
	"portfolio": {
		{name: "markdown", page: report.PortfolioMarkdown},
		{name: "html", page: report.PortfolioHTML},
		{name: "json", page: report.PortfolioJSON},
	},
}

// formatNames lists the formats of a command, sorted.
func formatNames(command string) []string {
	var names []string
	for _, f := range outputs[command] {
		names = append(names, f.name)
	}
	slices.Sort(names)
	return names
}

// defaultFormat is the format a command writes without --format.
func defaultFormat(command string) string { return outputs[command][0].name }

// newWriter returns the writer of a command's format; callers have checked
// the name against formatNames.
func newWriter(command, name string, color bool) writeResult {
	i := slices.IndexFunc(outputs[command], func(f outputFormat) bool { return f.name == name })
	return outputs[command][i].writer(color)
}
