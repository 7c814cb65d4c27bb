package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/handover-dev/handover/lint"
	"github.com/handover-dev/handover/lint/result"
	"github.com/handover-dev/handover/schemas"
)

// Exit codes.
const (
	exitOK       = 0 // no finding at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitError    = 2 // usage, config, I/O or git error
)

// cli holds a command's streams and what an interrupt must clean up.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	cleanup        cleanup
}

// usageError is a mistake in the command line: exit 2 with a one-line hint.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// command is one subcommand: its documentation (for -h, handover help and
// the shell completion scripts) and its flags beside its code.
type command struct {
	name    string
	args    string // the positional arguments of the synopsis, e.g. "[PATH|URL]"
	summary string // one line for the command list
	doc     string // what it does, for handover COMMAND -h
	// examples are command lines, each optionally followed by "  # comment".
	examples []string
	maxArgs  int
	// complete says what the positional arguments are, for shell
	// completion: "dir", "rule", "kind", "shell", "command" or "".
	complete string
	// setup declares the command's flags on fs and returns the function
	// that runs it with the positional arguments.
	setup func(c *cli, fs *flag.FlagSet) func(ctx context.Context, pos []string) (int, error)
}

// commands lists the subcommands in the order of handover help.
func commands() []*command {
	return []*command{
		{
			name: "check", args: "[PATH|URL]", maxArgs: 1, complete: "dir",
			summary: `lint the handover folder (PATH defaults to ".")`,
			doc: `Check validates the documents of the handover folder against their JSON
Schemas and reports gaps (missing documents, fields, sections, placeholders,
people and vendors never introduced) and staleness (reviews overdue, code
that changed after the document describing it), from the repository's own
git history.

PATH is a folder in a git repository; the documents are read from the
working tree, so uncommitted edits count (--ref reads a commit instead). A
URL (https:// or file://) is cloned with its full history into a temporary
folder that is removed afterwards; a token for a private repository comes
from HANDOVER_TOKEN or GITHUB_TOKEN.

Exit code 0: no finding at or above --fail-on; 1: findings at or above it;
2: a usage, configuration, I/O or git error (one line on standard error).`,
			examples: []string{
				"handover check",
				"handover check . --format json --output handover.json",
				"handover check --base origin/main --fail-on warning  # as on a pull request",
				"handover check https://github.com/acme/api --now 2026-12-01",
			},
			setup: (*cli).checkCommand,
		},
		{
			name: "init", args: "[PATH]", maxArgs: 1, complete: "dir",
			summary: "write templates for missing documents (never overwrites)",
			doc: `Init writes a template for every required document (config require, default
all five kinds) that the handover folder of PATH does not have yet, with
reviewed set to today (or --now). It never overwrites a file. Fill in the
TODO and <…> placeholders, then run handover check.`,
			examples: []string{
				"handover init",
				"handover init --dir docs/handover",
			},
			setup: (*cli).initCommand,
		},
		{
			name: "report", args: "[PATH|URL]", maxArgs: 1, complete: "dir",
			summary: "readiness one-pager for the handover meeting (markdown or html)",
			doc: `Report runs the same check as handover check and writes the one-pager for the
handover meeting: readiness per handover activity, each document's owner,
review and drift, the people and vendors still to introduce, renewals, the
transition plan and every finding.

It exits 0 whenever the report was written, whatever it found: gate merges
with handover check. The report has no colours; --no-color is accepted so
that check and report take the same flags, and does nothing.`,
			examples: []string{
				"handover report --format html --output handover.html",
				"handover report https://github.com/acme/shop.git --now 2026-12-01 > report.md",
			},
			setup: (*cli).reportCommand,
		},
		portfolioEntry(),
		{
			name: "dashboard", args: "[PATH|URL]", maxArgs: 1, complete: "dir",
			summary: "keep one GitHub issue that tells each document's owner what to fix",
			doc: `Dashboard runs the same check as handover check and keeps one issue of the
GitHub repository --repo up to date with it: readiness per handover
activity, one section per document with findings that @-mentions its owner
(by the github login the team document gives them), and what falls due in
the next 30 days. Run it on a schedule.

It finds its issue among the open issues labelled handover, by the marker on
the first line of the body. With findings at or above --fail-on and no such
issue, it creates one; it edits an open one in place when the body changed;
and when nothing at or above --fail-on is left it closes it with a comment.
Running it twice never opens two issues.

The token comes from GITHUB_TOKEN or HANDOVER_TOKEN (it needs Issues: write)
and is never printed; the API is GITHUB_API_URL (default
https://api.github.com, so GitHub Enterprise works). Rate limits and server
errors are waited out for at most two minutes. --dry-run prints the body and
what it would do, and needs no token.

Exit code 0: the issue is as it should be, whatever the findings; 2: a usage,
check or GitHub error (one line on standard error).`,
			examples: []string{
				"handover dashboard --repo acme/shop --dry-run",
				"handover dashboard --fail-on error  # in a scheduled workflow, with GITHUB_REPOSITORY and GITHUB_TOKEN",
			},
			setup: (*cli).dashboardCommand,
		},
		{
			name: "comment", args: "[PATH]", maxArgs: 1, complete: "dir",
			summary: "keep one pull request comment with the findings and the readiness change",
			doc: `Comment checks the pull request's checkout PATH against --base, as handover
check --base does, checks it again at the merge base of --base and HEAD,
and keeps one comment on pull request --pr of --repo: the readiness at the
base and now, per activity ("this pull request takes readiness from 71% to
78%"), and the findings on the files the pull request changes.

The comment is found by the marker on its first line and edited in place on
every push. It is created only when there is something to show (findings on
the changed files, or readiness moved); one that exists is always brought up
to date. The token (GITHUB_TOKEN or HANDOVER_TOKEN) needs Pull requests:
write; --dry-run prints the body instead and needs no token.`,
			examples: []string{
				"handover comment --repo acme/shop --pr 42 --base origin/main --dry-run",
			},
			setup: (*cli).commentCommand,
		},
		{
			name: "schema", args: "[KIND]", maxArgs: 1, complete: "kind",
			summary: "print an embedded JSON Schema",
			doc: `Schema prints the embedded JSON Schema (2020-12) of a document kind, of the
fields every kind shares (common), of .handover.yml (config) or of a
portfolio list (portfolio), for editors such as yaml-language-server.
Without KIND it lists the kinds.`,
			examples: []string{
				"handover schema tech",
				"handover schema config > handover-config.schema.json",
			},
			setup: (*cli).schemaCommand,
		},
		{
			name: "explain", args: "RULE", maxArgs: 1, complete: "rule",
			summary: "what a rule checks, why, and how to fix it",
			doc: `Explain prints what a rule checks, why it matters, how to fix its findings,
its options, and an example: a repository and the output handover check
gives for it, the same text as docs/rules.md.`,
			examples: []string{
				"handover explain drift",
			},
			setup: (*cli).explainCommand,
		},
		{
			name: "rules", summary: "list the rules with their default severity",
			doc: `Rules lists every rule with its default severity and what fires it. Change a
severity or switch a rule off in .handover.yml (rules: {drift: error}).`,
			examples: []string{"handover rules"},
			setup:    (*cli).rulesCommand,
		},
		{
			name: "version", summary: "print the version",
			doc: `Version prints handover's version: the release it was installed from
(go install …@v0.1.0), else the commit of the source it was built from.`,
			examples: []string{"handover version"},
			setup:    (*cli).versionCommand,
		},
		{
			name: "completion", args: "bash|zsh|fish", maxArgs: 1, complete: "shell",
			summary: "print a shell completion script",
			doc: `Completion prints a script that completes handover's commands, flags, rule
ids (explain), schema kinds and format names in bash, zsh or fish.`,
			examples: []string{
				"source <(handover completion bash)  # in ~/.bashrc",
				`handover completion zsh > "${fpath[1]}/_handover"`,
				"handover completion fish > ~/.config/fish/completions/handover.fish",
			},
			setup: (*cli).completionCommand,
		},
		{
			name: "help", args: "[COMMAND]", maxArgs: 1, complete: "command",
			summary: "list the commands, or show one command's help",
			doc:     `Help lists the commands, or prints one command's help, as handover COMMAND -h does.`,
			examples: []string{
				"handover help check",
			},
			setup: (*cli).helpCommand,
		},
	}
}

func commandNames() []string {
	var names []string
	for _, cmd := range commands() {
		names = append(names, cmd.name)
	}
	return names
}

func lookupCommand(name string) *command {
	for _, cmd := range commands() {
		if cmd.name == name {
			return cmd
		}
	}
	return nil
}

// Main runs handover with args (without the program name) and returns the
// exit code. A first SIGINT or SIGTERM ends it within a second, after
// removing any clone, with 130 or 143.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr}
	return c.runInterruptible(args)
}

// fail prints err as one line on stderr and returns exit code 2.
func (c *cli) fail(err error) int {
	msg := strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
	fmt.Fprintf(c.stderr, "handover: %s\n", lint.Redact(msg))
	return exitError
}

func (c *cli) run(ctx context.Context, args []string) (int, error) {
	if len(args) == 0 {
		c.printUsage(c.stderr)
		return exitError, nil
	}
	name, rest := args[0], args[1:]
	switch name {
	case "--version", "-version":
		name = "version"
	case "-h", "-help", "--help":
		name = "help"
	}
	cmd := lookupCommand(name)
	if cmd == nil {
		return exitError, unknownName("unknown command", name, commandNames(), true, "")
	}
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runCmd := cmd.setup(c, fs)
	pos, err := parseArgs(fs, rest)
	switch {
	case errors.Is(err, flag.ErrHelp):
		c.printHelp(cmd)
		return exitOK, nil
	case err != nil:
		return exitError, err
	case len(pos) > cmd.maxArgs:
		return exitError, usageError{fmt.Sprintf("%s: too many arguments %q: want %s (handover %s -h)", cmd.name, pos, cmp.Or(cmd.args, "none"), cmd.name)}
	}
	return runCmd(ctx, pos)
}

// parseArgs parses flags and positional arguments in any order, as users
// of git and go expect ("handover check . --format json"). "--" ends the
// flags: every argument after it is positional, even one starting with a
// dash. A lone "-" is positional.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name, _, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		if name == "h" || name == "help" {
			return nil, flag.ErrHelp
		}
		f := fs.Lookup(name)
		if f == nil {
			var known []string
			fs.VisitAll(func(f *flag.Flag) { known = append(known, "--"+f.Name) })
			return nil, unknownName(fs.Name()+": unknown flag", "--"+name, known, false, "handover "+fs.Name()+" -h lists the flags")
		}
		if !hasValue && !isBoolFlag(f) {
			if i+1 == len(args) {
				value, _ := flag.UnquoteUsage(f)
				return nil, usageError{fmt.Sprintf("%s: --%s needs a value (--%s %s; handover %s -h lists the flags)", fs.Name(), f.Name, f.Name, value, fs.Name())}
			}
			i++
			flags = append(flags, args[i])
		}
	}
	if err := fs.Parse(flags); err != nil {
		return nil, usageError{fmt.Sprintf("%s: %v (handover %s -h lists the flags)", fs.Name(), err, fs.Name())}
	}
	return positional, nil
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// printUsage prints the list of commands.
func (c *cli) printUsage(w io.Writer) {
	fmt.Fprint(w, "handover lints a repository's handover folder (docs-as-code for a technical handover).\n\nUsage:\n")
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-34s %s\n", strings.TrimSpace("handover "+cmd.name+" "+cmd.args), cmd.summary)
	}
	fmt.Fprint(w, "\nRun \"handover help COMMAND\" (or handover COMMAND -h) for a command's flags and examples.\nDocumentation: https://github.com/handover-dev/handover#readme\n")
}

// printHelp prints a command's synopsis, what it does, its flags and
// examples.
func (c *cli) printHelp(cmd *command) {
	w := c.stdout
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	cmd.setup(c, fs)
	synopsis := "handover " + cmd.name
	if hasFlags(fs) {
		synopsis += " [flags]"
	}
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace(synopsis+" "+cmd.args), cmd.doc)
	if hasFlags(fs) {
		fmt.Fprint(w, "\nFlags:\n")
		fs.VisitAll(func(f *flag.Flag) {
			name, usage := flag.UnquoteUsage(f)
			left := "--" + f.Name
			if name != "" {
				left += " " + name
			}
			if f.DefValue != "" && f.DefValue != "false" {
				usage += fmt.Sprintf(" (default %s)", f.DefValue)
			}
			fmt.Fprintf(w, "  %-20s %s\n", left, usage)
		})
	}
	fmt.Fprint(w, "\nExamples:\n")
	for _, ex := range cmd.examples {
		fmt.Fprintf(w, "  %s\n", ex)
	}
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// checkFlags are the flags check and report share.
type checkFlags struct {
	dir, config, ref, base, now string
	format, output              string
	noColor                     bool
}

// register declares the shared flags; formats are the command's output
// formats.
func (f *checkFlags) register(fs *flag.FlagSet, formats []string, defaultFormat string) {
	fs.StringVar(&f.dir, "dir", "", "the handover folder `DIR`, relative to the repository root (default from config, else handover)")
	fs.StringVar(&f.config, "config", "", "configuration `FILE` (default .handover.yml at the repository root)")
	fs.StringVar(&f.ref, "ref", "", "check this branch, tag or commit (`REV`) instead of the working tree")
	fs.StringVar(&f.base, "base", "", "report pr-drift for the change from the merge base of `REV` and HEAD")
	fs.StringVar(&f.now, "now", "", "the `DATE` to check against, YYYY-MM-DD or RFC 3339 (default: now)")
	fs.StringVar(&f.format, "format", defaultFormat, "output `FORMAT`: "+strings.Join(formats, ", "))
	fs.StringVar(&f.output, "output", "", "write to `FILE` (replaced whole, never through a symbolic link) instead of standard output")
	fs.BoolVar(&f.noColor, "no-color", false, "never colour the output (NO_COLOR is honoured too; colour only on a terminal)")
}

// options checks the flags' values and returns the check's options.
func (f *checkFlags) options(formats []string) (lint.Options, error) {
	opts := lint.Options{Dir: f.dir, Config: f.config, Ref: f.ref, Base: f.base}
	if !slices.Contains(formats, f.format) {
		return opts, unknownName("--format", f.format, formats, true, "")
	}
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
	opts.TokenHosts = []string{os.Getenv("GITHUB_SERVER_URL"), os.Getenv("HANDOVER_TOKEN_HOSTS")}
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
// clone. An interrupt closes it too.
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
	release, err := c.cleanup.hold(ws.Close)
	if err != nil {
		return nil, err
	}
	defer release()
	return lint.Check(ws, opts)
}

func (c *cli) checkCommand(fs *flag.FlagSet) func(context.Context, []string) (int, error) {
	var cf checkFlags
	formats := formatNames("check")
	cf.register(fs, formats, defaultFormat("check"))
	failOn := fs.String("fail-on", "error", "exit 1 when a finding is at least this `SEVERITY`: error, warning, info or never")
	return func(ctx context.Context, pos []string) (int, error) {
		threshold, err := parseFailOn(*failOn)
		if err != nil {
			return exitError, err
		}
		opts, err := cf.options(formats)
		if err != nil {
			return exitError, err
		}
		color := cf.output == "" && !cf.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(c.stdout)
		write := newWriter("check", cf.format, color)
		res, err := c.lint(ctx, pos, opts)
		if err != nil {
			return exitError, err
		}
		if err := c.write(cf.output, func(w io.Writer) error { return write(w, res) }); err != nil {
			return exitError, err
		}
		return exitCode(res, threshold), nil
	}
}

var failOnValues = []string{"error", "warning", "info", "never"}

// parseFailOn reads --fail-on; 0 means never.
func parseFailOn(s string) (lint.Severity, error) {
	if s == "never" {
		return 0, nil
	}
	sev, err := result.ParseSeverity(s)
	if err != nil {
		return 0, unknownName("--fail-on", s, failOnValues, true, "")
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

// reportCommand writes the readiness one-pager. Its exit code does not
// depend on the findings: the report is for people, check is for gates.
func (c *cli) reportCommand(fs *flag.FlagSet) func(context.Context, []string) (int, error) {
	var cf checkFlags
	formats := formatNames("report")
	cf.register(fs, formats, defaultFormat("report"))
	return func(ctx context.Context, pos []string) (int, error) {
		opts, err := cf.options(formats)
		if err != nil {
			return exitError, err
		}
		write := newWriter("report", cf.format, false)
		res, err := c.lint(ctx, pos, opts)
		if err != nil {
			return exitError, err
		}
		if err := c.write(cf.output, func(w io.Writer) error { return write(w, res) }); err != nil {
			return exitError, err
		}
		return exitOK, nil
	}
}

func (c *cli) initCommand(fs *flag.FlagSet) func(context.Context, []string) (int, error) {
	dir := fs.String("dir", "", "the handover folder `DIR`, relative to the repository root (default from config, else handover); recorded in a new .handover.yml")
	nowFlag := fs.String("now", "", "the `DATE` written into reviewed, YYYY-MM-DD or RFC 3339 (default: today)")
	return func(_ context.Context, pos []string) (int, error) {
		today := time.Now()
		if *nowFlag != "" {
			var err error
			if today, err = parseNow(*nowFlag); err != nil {
				return exitError, err
			}
		}
		target := "."
		if len(pos) == 1 {
			target = pos[0]
		}
		done, err := lint.Init(target, lint.InitOptions{Dir: *dir, Today: today})
		if done != nil {
			for _, w := range append(done.Written, done.Config) {
				if w != "" {
					fmt.Fprintf(c.stdout, "wrote %s\n", shownPath(w))
				}
			}
		}
		if err != nil {
			return exitError, err
		}
		if len(done.Written) == 0 {
			fmt.Fprintf(c.stdout, "every required document already exists in %s; nothing written\n", shownPath(filepath.Join(done.Root, done.Dir)))
			return exitOK, nil
		}
		fmt.Fprintf(c.stdout, "fill in the TODO and <…> placeholders, then run: handover check %s\n", target)
		return exitOK, nil
	}
}

// shownPath is a path relative to the working directory when it is below
// it, as the user would type it.
func shownPath(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return p
}

func (c *cli) schemaCommand(*flag.FlagSet) func(context.Context, []string) (int, error) {
	return func(_ context.Context, pos []string) (int, error) {
		if len(pos) == 0 {
			fmt.Fprintf(c.stdout, "embedded schemas: %s\nprint one with: handover schema KIND\n", strings.Join(schemas.Names, ", "))
			return exitOK, nil
		}
		if !slices.Contains(schemas.Names, pos[0]) {
			return exitError, unknownName("schema: no embedded schema", pos[0], schemas.Names, true, "")
		}
		b, err := schemas.Get(pos[0])
		if err != nil {
			return exitError, err
		}
		_, err = c.stdout.Write(b)
		return exitOK, err
	}
}

func ruleIDs() []string {
	var ids []string
	for _, r := range lint.Rules() {
		ids = append(ids, r.ID)
	}
	return ids
}

func (c *cli) explainCommand(*flag.FlagSet) func(context.Context, []string) (int, error) {
	return func(_ context.Context, pos []string) (int, error) {
		if len(pos) == 0 {
			return exitError, usageError{"explain: name a rule, e.g. handover explain drift (handover rules lists them)"}
		}
		r := lint.RuleByID(pos[0])
		if r == nil {
			return exitError, unknownName("explain: unknown rule", pos[0], ruleIDs(), false, "handover rules lists them")
		}
		ex, err := r.Example()
		if err != nil {
			return exitError, err
		}
		w := c.stdout
		fmt.Fprintf(w, "%s (default severity: %s)\n\n%s\n\n%s\n", r.ID, r.Severity, r.Summary, r.Explain)
		for _, o := range r.Info().Options {
			fmt.Fprintf(w, "\nOption %s (default %s): %s.\n", o.Name, o.Default, o.Doc)
		}
		fmt.Fprintf(w, "\nExample (%s):\n\n%s\n$ handover check\n%s", ex.Title, indent(ex.Files), ex.Output)
		return exitOK, nil
	}
}

// indent indents every line of s that is not empty by four spaces.
func indent(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "")
}

func (c *cli) rulesCommand(*flag.FlagSet) func(context.Context, []string) (int, error) {
	return func(context.Context, []string) (int, error) {
		for _, r := range lint.Rules() {
			fmt.Fprintf(c.stdout, "%-22s %-8s %s\n", r.ID, r.Severity, r.Summary)
		}
		return exitOK, nil
	}
}

func (c *cli) versionCommand(*flag.FlagSet) func(context.Context, []string) (int, error) {
	return func(context.Context, []string) (int, error) {
		fmt.Fprintf(c.stdout, "handover %s\n", lint.Version)
		return exitOK, nil
	}
}

func (c *cli) helpCommand(*flag.FlagSet) func(context.Context, []string) (int, error) {
	return func(_ context.Context, pos []string) (int, error) {
		if len(pos) == 0 {
			c.printUsage(c.stdout)
			return exitOK, nil
		}
		cmd := lookupCommand(pos[0])
		if cmd == nil {
			return exitError, unknownName("help: unknown command", pos[0], commandNames(), true, "")
		}
		c.printHelp(cmd)
		return exitOK, nil
	}
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
