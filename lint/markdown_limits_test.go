package lint

import (
	"strings"
	"testing"
)

// TestMarkdownTooCostly: Markdown that would take the parser minutes is
// not parsed, and each skipped range is a parse finding on the file that
// says which lines were not checked and why; the rest of the file is
// checked as usual.
func TestMarkdownTooCostly(t *testing.T) {
	res := checkArchive(t, "nogit: true\n-- .handover.yml --\nrequire: []\n-- handover/notes.md --\n"+
		"# Notes\n\nTODO [gone](gone.md)\n\n"+strings.Repeat("[a](", 64<<10)+" TODO [gone](gone.md)\n\n"+
		strings.Repeat("> ", 40)+"TODO [gone](gone.md)\n"+strings.Repeat("> ", 40)+"TODO\n\nTBD [also gone](gone2.md)\n")
	want := `handover/notes.md:3:1: warning: placeholder "TODO" in the text: write the real content [placeholder]
handover/notes.md:3:6: error: link to gone.md: handover/gone.md does not exist; correct the path or remove the link [broken-link]
handover/notes.md:5:1: error: line 5 was not checked for links and placeholders: a paragraph with this many unmatched brackets, backticks, angle brackets or emphasis marks would take the Markdown parser minutes; split it, or put the text in a fenced code block [parse]
handover/notes.md:7:1: error: lines 7-8 were not checked for links and placeholders: they nest block quotes, lists or indentation deeper than the Markdown parser handles in reasonable time (32 levels); flatten them [parse]
handover/notes.md:10:1: warning: placeholder "TBD" in the text: write the real content [placeholder]
handover/notes.md:10:5: error: link to gone2.md: handover/gone2.md does not exist; correct the path or remove the link [broken-link]
`
	if got := ruleLines(res, "parse", "placeholder", "broken-link"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
