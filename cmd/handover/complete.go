package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/handover-dev/handover/schemas"
)

var shells = []string{"bash", "zsh", "fish"}

func (c *cli) completionCommand(*flag.FlagSet) func(context.Context, []string) (int, error) {
	return func(_ context.Context, pos []string) (int, error) {
		if len(pos) == 0 {
			return exitError, usageError{"completion: name a shell: bash, zsh or fish (handover completion -h)"}
		}
		var write func(io.Writer, []compCommand)
		switch pos[0] {
		case "bash":
			write = writeBash
		case "zsh":
			write = writeZsh
		case "fish":
			write = writeFish
		default:
			return exitError, unknownName("completion: unknown shell", pos[0], shells, true, "")
		}
		write(c.stdout, c.completions())
		return exitOK, nil
	}
}

// compCommand is what the completion scripts know of a command.
type compCommand struct {
	name, summary string
	flags         []compFlag
	args          value // what its positional arguments take
}

// compFlag is a flag and what its value takes.
type compFlag struct {
	name, usage string
	takesValue  bool
	value       value
}

// value is what a flag's value or an argument takes: one of a fixed list
// of words, or a kind: "dir", "file", "ref" or "" (anything).
type value struct {
	words []string
	kind  string
}

// syntax is how a shell's script completes each kind of value.
type syntax struct {
	words                func([]string) string
	dir, file, ref, free string
}

func (s syntax) complete(v value) string {
	switch {
	case v.words != nil:
		return s.words(v.words)
	case v.kind == "dir":
		return s.dir
	case v.kind == "file":
		return s.file
	case v.kind == "ref":
		return s.ref
	}
	return s.free
}

// flagKinds says what the flags that name a place take.
var flagKinds = map[string]string{"dir": "dir", "config": "file", "output": "file", "ref": "ref", "base": "ref"}

// completions collects the commands, their flags and the words they take
// from the command table, so the scripts cannot drift from the CLI.
func (c *cli) completions() []compCommand {
	var out []compCommand
	for _, cmd := range commands() {
		cc := compCommand{name: cmd.name, summary: cmd.summary}
		fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
		cmd.setup(c, fs)
		fs.VisitAll(func(f *flag.Flag) {
			_, usage := flag.UnquoteUsage(f)
			cf := compFlag{name: f.Name, usage: usage, takesValue: !isBoolFlag(f), value: value{kind: flagKinds[f.Name]}}
			switch {
			case f.Name == "format":
				cf.value.words = formatNames(cmd.name)
			case f.Name == "fail-on":
				cf.value.words = failOnValues
			}
			cc.flags = append(cc.flags, cf)
		})
		switch cmd.complete {
		case "dir":
			cc.args.kind = "dir"
		case "rule":
			cc.args.words = ruleIDs()
		case "kind":
			cc.args.words = schemas.Names
		case "shell":
			cc.args.words = shells
		case "command":
			cc.args.words = commandNames()
		}
		out = append(out, cc)
	}
	return out
}

func flagNames(cc compCommand) []string {
	var names []string
	for _, f := range cc.flags {
		names = append(names, "--"+f.name)
	}
	return names
}

var bashSyntax = syntax{
	words: func(w []string) string { return fmt.Sprintf("_handover_reply \"$cur\" -W %q", strings.Join(w, " ")) },
	dir:   `_handover_reply "$cur" -d`,
	file:  `_handover_reply "$cur" -f`,
	ref:   `_handover_reply "$cur" -W "$(git for-each-ref --format='%(refname:short)' 2>/dev/null)"`,
	free:  "COMPREPLY=()",
}

func writeBash(w io.Writer, cmds []compCommand) {
	var names []string
	for _, cc := range cmds {
		names = append(names, cc.name)
	}
	fmt.Fprintf(w, `# bash completion for handover (handover completion bash).
# Load it in this shell with: source <(handover completion bash)
# or for every shell: handover completion bash > ~/.local/share/bash-completion/completions/handover

# _handover_reply CUR OPTION...: the replies to CUR. The option is the
# compgen option: -W "WORDS" for words, -d for folders, -f for files.
_handover_reply() {
	local cur=$1
	shift
	[[ $1 == -W ]] || compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen "$@" -- "$cur")
}

_handover() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev="" cmd
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# bash splits --flag=value at "=".
	if [[ $cur == "=" ]]; then
		cur=""
	elif [[ $prev == "=" ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	if ((COMP_CWORD == 1)); then
		%s
		return
	fi
	cmd=${COMP_WORDS[1]}
	case "$cmd $prev" in
`, bashSyntax.words(names))
	for _, cc := range cmds {
		for _, f := range cc.flags {
			if f.takesValue {
				fmt.Fprintf(w, "\t%q | %q)\n\t\t%s\n\t\treturn\n\t\t;;\n", cc.name+" --"+f.name, cc.name+" -"+f.name, bashSyntax.complete(f.value))
			}
		}
	}
	fmt.Fprint(w, "\tesac\n\tif [[ $cur == -* ]]; then\n\t\tcase $cmd in\n")
	for _, cc := range cmds {
		if len(cc.flags) > 0 {
			fmt.Fprintf(w, "\t\t%s) %s ;;\n", cc.name, bashSyntax.words(flagNames(cc)))
		}
	}
	fmt.Fprint(w, "\t\tesac\n\t\treturn\n\tfi\n\tcase $cmd in\n")
	for _, cc := range cmds {
		fmt.Fprintf(w, "\t%s) %s ;;\n", cc.name, bashSyntax.complete(cc.args))
	}
	fmt.Fprint(w, "\tesac\n}\n\ncomplete -F _handover handover\n")
}

// zshQuote quotes s for a zsh single-quoted _arguments or _describe
// field: the characters those give a meaning are escaped.
func zshQuote(s string) string {
	s = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, `:`, `\:`).Replace(s)
	return strings.ReplaceAll(s, `'`, `'\''`)
}

var zshSyntax = syntax{
	words: func(w []string) string { return "(" + strings.Join(w, " ") + ")" },
	dir:   "_files -/",
	file:  "_files",
	ref:   "_handover_refs",
	free:  "",
}

func writeZsh(w io.Writer, cmds []compCommand) {
	fmt.Fprint(w, `#compdef handover
# zsh completion for handover (handover completion zsh).
# Install it with: handover completion zsh > "${fpath[1]}/_handover"
# or load it in this shell with: source <(handover completion zsh)

_handover_refs() {
	local -a refs
	refs=(${(f)"$(git for-each-ref --format='%(refname:short)' 2>/dev/null)"})
	_describe -t refs 'git revision' refs
}

_handover() {
	local curcontext="$curcontext" state line
	local -a commands
	commands=(
`)
	for _, cc := range cmds {
		fmt.Fprintf(w, "\t\t'%s:%s'\n", cc.name, zshQuote(cc.summary))
	}
	fmt.Fprint(w, `	)
	_arguments -C '1:command:->command' '*::argument:->argument'
	case $state in
	command)
		_describe -t commands 'handover command' commands
		;;
	argument)
		case $line[1] in
`)
	for _, cc := range cmds {
		fmt.Fprintf(w, "\t\t%s)\n\t\t\t_arguments", cc.name)
		for _, f := range cc.flags {
			spec := "--" + f.name + "[" + zshQuote(f.usage) + "]"
			if f.takesValue {
				spec = "--" + f.name + "=[" + zshQuote(f.usage) + "]:" + f.name + ":" + zshSyntax.complete(f.value)
			}
			fmt.Fprintf(w, " \\\n\t\t\t\t'%s'", spec)
		}
		if cc.args.words != nil || cc.args.kind != "" {
			fmt.Fprintf(w, " \\\n\t\t\t\t'1:argument:%s'", zshSyntax.complete(cc.args))
		}
		fmt.Fprint(w, "\n\t\t\t;;\n")
	}
	fmt.Fprint(w, `		esac
		;;
	esac
}

if [[ $funcstack[1] == _handover ]]; then
	_handover "$@"
else
	compdef _handover handover
fi
`)
}

// fishQuote quotes s as a fish single-quoted string.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

var fishSyntax = syntax{
	words: func(w []string) string { return "-x -a " + fishQuote(strings.Join(w, " ")) },
	dir:   "-x -a '(__fish_complete_directories)'",
	file:  "-r -F",
	ref:   `-x -a '(git for-each-ref --format="%(refname:short)" 2>/dev/null)'`,
	free:  "-x",
}

func writeFish(w io.Writer, cmds []compCommand) {
	fmt.Fprint(w, `# fish completion for handover (handover completion fish).
# Install it with: handover completion fish > ~/.config/fish/completions/handover.fish

complete -c handover -f
`)
	for _, cc := range cmds {
		fmt.Fprintf(w, "complete -c handover -n '__fish_use_subcommand' -a %s -d %s\n", cc.name, fishQuote(cc.summary))
	}
	for _, cc := range cmds {
		cond := fishQuote("__fish_seen_subcommand_from " + cc.name)
		for _, f := range cc.flags {
			fmt.Fprintf(w, "complete -c handover -n %s -l %s -d %s", cond, f.name, fishQuote(f.usage))
			if f.takesValue {
				fmt.Fprint(w, " "+fishSyntax.complete(f.value))
			}
			fmt.Fprintln(w)
		}
		if cc.args.words != nil || cc.args.kind != "" {
			fmt.Fprintf(w, "complete -c handover -n %s %s\n", cond, fishSyntax.complete(cc.args))
		}
	}
}
