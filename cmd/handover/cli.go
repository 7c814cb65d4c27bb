package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/handover-dev/handover/lint"
	"github.com/handover-dev/handover/lint/format"
	"github.com/handover-dev/handover/lint/history"
	"github.com/handover-dev/handover/lint/report"
	"github.com/handover-dev/handover/schemas"
)

// Exit codes.
const (
	exitOK       = 0 // no finding at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitError    = 2 // usage, config, I/O or git error
)

const usage = `handover lints a repository's handover folder (docs-as-code for a technical handover).

Usage:
  handover check [PATH|URL]   lint the handover folder (PATH defaults to ".")
  handover init [PATH]        write templates for missing documents (never overwrites)
  handover report [PATH|URL]  readiness one-pager for the handover meeting (markdown or html)
  handover schema [KIND]      print an embedded JSON Schema
  handover explain RULE       what a rule checks, why, and how to fix it
  handover rules              list the rules with their default severity
  handover version            print the version

Run "handover COMMAND -h" for a command's flags.
`

// cli holds a command's streams.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// usageError is a mistake in the command line: exit 2 with a one-line hint.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// Main runs handover with args (without the program name) and returns the
// exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr}
	code, err := c.run(ctx, args)
	if err != nil {
		msg := strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
		fmt.Fprintf(stderr, "handover: %s\n", lint.Redact(msg))
		return exitError
	}
	return code
}

func (c *cli) run(ctx context.Context, args []string) (int, error) {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, usage)
		return exitError, nil
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "check":
		return c.check(ctx, rest)
	case "init":
		return c.init(rest)
	case "report":
		return c.report(ctx, rest)
	case "schema":
		return c.schema(rest)
	case "explain":
		return c.explain(rest)
	case "rules":
		return c.rules(rest)
	case "version", "--version":
		fmt.Fprintf(c.stdout, "handover %s\n", lint.Version)
		return exitOK, nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(c.stdout, usage)
		return exitOK, nil
	}
	return exitError, usageError{fmt.Sprintf("unknown command %q: want check, init, report, schema, explain, rules or version (handover help)", cmd)}
}

// parse parses flags and positional arguments in any order, as users of
// git and go expect ("handover check . --format json").
func (c *cli) parse(fs *flag.FlagSet, args []string, maxArgs int) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.printFlags(fs)
				return nil, flag.ErrHelp
			}
			return nil, usageError{fmt.Sprintf("%s: %v (handover %s -h lists the flags)", fs.Name(), err, fs.Name())}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	if len(positional) > maxArgs {
		return nil, usageError{fmt.Sprintf("%s: too many arguments %q (handover %s -h)", fs.Name(), positional, fs.Name())}
	}
	return positional, nil
}

func (c *cli) printFlags(fs *flag.FlagSet) {
	fmt.Fprintf(c.stdout, "Usage of handover %s:\n", fs.Name())
	fs.SetOutput(c.stdout)
	fs.PrintDefaults()
}

// checkFlags are the flags check and report share.
type checkFlags struct {
	dir, config, ref, base, now string
}

func (f *checkFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dir, "dir", "", "handover folder, relative to the repository root (default from config, else handover)")
	fs.StringVar(&f.config, "config", "", "configuration file (default .handover.yml at the repository root)")
	fs.StringVar(&f.ref, "ref", "", "check this branch, tag or commit instead of the working tree")
	fs.StringVar(&f.base, "base", "", "report pr-drift for the change from the merge base of this revision to HEAD")
	fs.StringVar(&f.now, "now", "", "the date to check against, YYYY-MM-DD or RFC 3339 (default: now)")
}

func (f *checkFlags) options() (lint.Options, error) {
	opts := lint.Options{Dir: f.dir, Config: f.config, Ref: f.ref, Base: f.base}
	if f.now != "" {
		t, err := parseNow(f.now)
		if err != nil {
			return opts, err
		}
		opts.Now = t
	}
	opts.Token = os.Getenv("HANDOVER_TOKEN")
	if opts.Token == "" {
		opts.Token = os.Getenv("GITHUB_TOKEN")
	}
	opts.TokenHosts = history.TokenHosts(os.Getenv("GITHUB_SERVER_URL"), os.Getenv("HANDOVER_TOKEN_HOSTS"))
	return opts, nil
}

func parseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, usageError{fmt.Sprintf("--now %q: want a date YYYY-MM-DD or an RFC 3339 time such as 2026-11-25T10:00:00Z", s)}
}

// lint opens the target of check or report (a path, or a URL to clone,
// with progress on a terminal), checks it, and closes it, which removes a
// clone.
func (c *cli) lint(ctx context.Context, pos []string, opts lint.Options) (*lint.Result, error) {
	target := "."
	if len(pos) == 1 {
		target = pos[0]
	}
	if isTerminal(c.stderr) {
		opts.Progress = c.stderr
	}
	ws, err := lint.Open(ctx, target, opts)
	if err != nil {
		return nil, err
	}
	defer ws.Close()
	return lint.Check(ws, opts)
}

func (c *cli) check(ctx context.Context, args []string) (int, error) {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var cf checkFlags
	cf.register(fs)
	formatName := fs.String("format", "text", "output format: "+strings.Join(format.Names(), ", "))
	output := fs.String("output", "", "write the output to this file instead of standard output")
	failOn := fs.String("fail-on", "error", "exit 1 when a finding is at least this severe: error, warning, info or never")
	noColor := fs.Bool("no-color", false, "never colour the text output (NO_COLOR is honoured too)")
	pos, err := c.parse(fs, args, 1)
	if err != nil {
		return helpOr(err)
	}
	threshold, err := parseFailOn(*failOn)
	if err != nil {
		return exitError, err
	}
	opts, err := cf.options()
	if err != nil {
		return exitError, err
	}
	color := *output == "" && !*noColor && os.Getenv("NO_COLOR") == "" && isTerminal(c.stdout)
	f, err := format.New(*formatName, format.Options{Color: color})
	if err != nil {
		return exitError, usageError{"--format: " + err.Error()}
	}
	res, err := c.lint(ctx, pos, opts)
	if err != nil {
		return exitError, err
	}
	if err := c.write(*output, func(w io.Writer) error { return f.Format(w, res) }); err != nil {
		return exitError, err
	}
	return exitCode(res, threshold), nil
}

func helpOr(err error) (int, error) {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK, nil
	}
	return exitError, err
}

// parseFailOn reads --fail-on; 0 means never.
func parseFailOn(s string) (lint.Severity, error) {
	if s == "never" {
		return 0, nil
	}
	sev, err := lint.ParseSeverity(s)
	if err != nil {
		return 0, usageError{fmt.Sprintf("--fail-on %q: want error, warning, info or never", s)}
	}
	return sev, nil
}

func exitCode(res *lint.Result, threshold lint.Severity) int {
	if threshold == 0 {
		return exitOK
	}
	for _, f := range res.Findings {
		if f.Severity >= threshold {
			return exitFindings
		}
	}
	return exitOK
}

// write writes the output with fn to the --output file, or to standard
// output when name is "".
func (c *cli) write(name string, fn func(io.Writer) error) error {
	if name == "" {
		if err := fn(c.stdout); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
		return nil
	}
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	err = fn(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// report writes the readiness one-pager. Its exit code does not depend on
// the findings: the report is for people, check is for gates.
func (c *cli) report(ctx context.Context, args []string) (int, error) {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	var cf checkFlags
	cf.register(fs)
	formatName := fs.String("format", "markdown", "report format: "+strings.Join(report.Formats, " or "))
	output := fs.String("output", "", "write the report to this file instead of standard output")
	pos, err := c.parse(fs, args, 1)
	if err != nil {
		return helpOr(err)
	}
	if !slices.Contains(report.Formats, *formatName) {
		return exitError, usageError{fmt.Sprintf("--format %q: want %s", *formatName, strings.Join(report.Formats, " or "))}
	}
	opts, err := cf.options()
	if err != nil {
		return exitError, err
	}
	res, err := c.lint(ctx, pos, opts)
	if err != nil {
		return exitError, err
	}
	if err := c.write(*output, func(w io.Writer) error { return report.Write(w, res, *formatName) }); err != nil {
		return exitError, err
	}
	return exitOK, nil
}

func (c *cli) init(args []string) (int, error) {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	dir := fs.String("dir", "", "handover folder, relative to PATH (default from config, else handover)")
	nowFlag := fs.String("now", "", "the date written into reviewed, YYYY-MM-DD or RFC 3339 (default: today)")
	pos, err := c.parse(fs, args, 1)
	if err != nil {
		return helpOr(err)
	}
	today := time.Now()
	if *nowFlag != "" {
		if today, err = parseNow(*nowFlag); err != nil {
			return exitError, err
		}
	}
	root := "."
	if len(pos) == 1 {
		root = pos[0]
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return exitError, fmt.Errorf("init: %s is not a directory", root)
	}
	cfg := lint.DefaultConfig()
	if b, err := os.ReadFile(filepath.Join(root, lint.ConfigFile)); err == nil {
		if cfg, err = lint.ParseConfig(lint.ConfigFile, b); err != nil {
			return exitError, err
		}
	}
	if *dir != "" {
		cfg.Dir = *dir
	}
	written, err := lint.Init(filepath.Join(root, filepath.FromSlash(cfg.Dir)), cfg.Require, today)
	for _, w := range written {
		fmt.Fprintf(c.stdout, "wrote %s\n", w)
	}
	if err != nil {
		return exitError, fmt.Errorf("init: %w", err)
	}
	if len(written) == 0 {
		fmt.Fprintf(c.stdout, "every required document already exists in %s; nothing written\n", filepath.Join(root, cfg.Dir))
		return exitOK, nil
	}
	fmt.Fprintf(c.stdout, "fill in the TODO and <…> placeholders, then run: handover check %s\n", root)
	return exitOK, nil
}

func (c *cli) schema(args []string) (int, error) {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	pos, err := c.parse(fs, args, 1)
	if err != nil {
		return helpOr(err)
	}
	if len(pos) == 0 {
		fmt.Fprintf(c.stdout, "embedded schemas: %s\nprint one with: handover schema KIND\n", strings.Join(schemas.Names, ", "))
		return exitOK, nil
	}
	b, err := schemas.Get(pos[0])
	if err != nil {
		return exitError, usageError{"schema: " + err.Error()}
	}
	_, err = c.stdout.Write(b)
	return exitOK, err
}

func (c *cli) explain(args []string) (int, error) {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	pos, err := c.parse(fs, args, 1)
	if err != nil {
		return helpOr(err)
	}
	if len(pos) == 0 {
		return exitError, usageError{"explain: name a rule, e.g. handover explain drift (handover rules lists them)"}
	}
	r := lint.RuleByID(pos[0])
	if r == nil {
		return exitError, usageError{fmt.Sprintf("explain: unknown rule %q (handover rules lists them)", pos[0])}
	}
	fmt.Fprintf(c.stdout, "%s (default severity: %s)\n\n%s\n\n%s\n", r.ID, r.Severity, r.Summary, r.Explain)
	for _, o := range r.Options {
		fmt.Fprintf(c.stdout, "\nOption %s (default %d): %s\n", o.Name, o.Default, o.Doc)
	}
	return exitOK, nil
}

func (c *cli) rules(args []string) (int, error) {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	if _, err := c.parse(fs, args, 0); err != nil {
		return helpOr(err)
	}
	for _, r := range lint.Rules() {
		fmt.Fprintf(c.stdout, "%-22s %-8s %s\n", r.ID, r.Severity, r.Summary)
	}
	return exitOK, nil
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
