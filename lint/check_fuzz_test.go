package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/handover-dev/handover/lint/secret"
	"github.com/handover-dev/handover/lint/yamldoc"
)

// FuzzCheckDoc runs the whole pipeline (reading, front matter, YAML,
// schema, Markdown, every rule, the secret guard) on one fuzzed team
// document. It must not panic, every finding about the document must
// point inside it, and no finding may repeat a credential it holds.
func FuzzCheckDoc(f *testing.F) {
	names, err := templates.ReadDir("templates")
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range names {
		b, err := templates.ReadFile("templates/" + n.Name())
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("\uFEFF---\r\nowner: a\r\nreviewed: 2026-01-01\r\n---\r\n## Members\r\n[x](../../y)\r\n"))
	f.Add([]byte("---\nowner: &a [*a]\nmembers: [{github: \"" + "gh" + "p_" + strings.Repeat("k3Xv9Qm2", 5)[:36] + "\"}]\n---\n"))
	f.Add([]byte("---\na: &a [1,2]\nb: [*a,*a]\n---\n\t\x00\xff"))
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, doc []byte) {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "handover"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, ".handover.yml"), []byte("require: [team]\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "handover", "team.md"), doc, 0o644); err != nil {
			t.Fatal(err)
		}
		res := checkDir(t, dir, Options{Now: now})
		// Lines are counted as an editor does: CR, CRLF, NEL, LS and PS
		// end lines too, and a leading BOM is not a character.
		text := yamldoc.Normalize(doc)
		lines := bytes.Split(text, []byte("\n"))
		for _, fd := range res.Findings {
			if fd.Path != "handover/team.md" || fd.Line == 0 && fd.Column == 0 {
				continue
			}
			if fd.Line < 1 || fd.Line > len(lines) || fd.Column < 1 || fd.Column > utf8.RuneCount(lines[fd.Line-1])+1 {
				t.Errorf("finding outside the document (%d lines): %s", len(lines), fd)
			}
		}
		for _, m := range secret.Scan(text) {
			if m.End-m.Start < 12 {
				continue // a short value may be an ordinary word of a message
			}
			for _, fd := range res.Findings {
				if strings.Contains(fd.Message, string(text[m.Start:m.End])) {
					t.Errorf("finding repeats a %s: %s", m.Kind, fd)
				}
			}
		}
	})
}
