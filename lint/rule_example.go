package lint

import (
	"embed"
	"fmt"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"
)

// examples are the rules' failing test fixtures and their expected output,
// so that `handover explain` and docs/rules.md show the same real example.
//
//go:embed testdata/rules/*/fail.txtar testdata/rules/*/fail.want
var examples embed.FS

// Example is a rule's example: a repository and what `handover check`
// prints for it, taken from the rule's failing test fixture.
type Example struct {
	// Title says in one line what the repository shows.
	Title string
	// Files are the repository's files, each after a "# NAME" line. A
	// commit or a removal in the fixture's history (".commit DATE",
	// ".rm PATH") is only named; dotfiles (.env.example, .mailmap) are
	// shown with their text.
	Files string
	// Output is what `handover check` prints.
	Output string
}

// Example returns the rule's example.
func (r *Rule) Example() (Example, error) {
	dir := "testdata/rules/" + r.ID + "/"
	b, err := examples.ReadFile(dir + "fail.txtar")
	if err != nil {
		return Example{}, fmt.Errorf("rule %s has no example: %w", r.ID, err)
	}
	want, err := examples.ReadFile(dir + "fail.want")
	if err != nil {
		return Example{}, fmt.Errorf("rule %s has no example output: %w", r.ID, err)
	}
	a := txtar.Parse(b)
	title, _, _ := strings.Cut(string(a.Comment), "\n")
	var files strings.Builder
	for _, f := range a.Files {
		if strings.HasPrefix(f.Name, ".commit ") || strings.HasPrefix(f.Name, ".rm ") {
			fmt.Fprintf(&files, "# %s\n", strings.TrimPrefix(f.Name, "."))
			continue
		}
		fmt.Fprintf(&files, "# %s\n%s", f.Name, f.Data)
	}
	return Example{Title: strings.TrimSpace(title), Files: files.String(), Output: string(want)}, nil
}
