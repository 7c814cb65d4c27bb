package lint

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
)

func TestParse(t *testing.T) { testRule(t, "parse") }

// TestParseLimits covers each way a file can be unreadable, with the
// position a person needs to fix it.
func TestParseLimits(t *testing.T) {
	deep := "owner: Ana Lima\nreviewed: 2026-11-01\nx: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n"
	bomb := "owner: Ana Lima\nreviewed: 2026-11-01\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for _, n := range "bcdef" {
		prev := string(n - 1)
		bomb += string(n) + ": &" + string(n) + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
	}
	tests := []struct {
		name, file, text, want string
	}{
		{"unclosed front matter", "tech.md", "---\nowner: Ana Lima\n# Tech\n",
			"handover/tech.md:1:1: front matter is not closed: add a line with --- after the YAML fields"},
		{"no front matter", "tech.md", "# Tech\n",
			"handover/tech.md:1:1: no front matter: start the file with a line ---, the fields (owner, reviewed, …), and another line ---; `handover init` writes a template"},
		{"fields not a mapping", "tech.md", "---\n- owner\n---\n# Tech\n",
			"handover/tech.md:2:1: the fields must be a YAML mapping (key: value lines) with at least owner and reviewed"},
		{"tab indentation", "team.yml", "owner: Ana Lima\nmembers:\n\t- name: Rui\n",
			"handover/team.yml:3:1: tab character used for indentation: YAML indents with spaces only"},
		{"two YAML documents", "vendors.yml", "owner: Ana Lima\nreviewed: 2026-11-01\n---\nowner: Rui\n",
			"handover/vendors.yml:3:1: more than one YAML document: a handover document is a single mapping, remove the extra --- separator"},
		{"invalid JSON", "team.json", "{\n  \"owner\": \"Ana Lima\",\n  \"members\": [,]\n}\n",
			"handover/team.json:3:15: invalid JSON: invalid character ',' looking for beginning of value"},
		{"alias bomb", "product.yml", bomb,
			"handover/product.yml:7:36: aliases expand to more than 100000 values: use fewer nested aliases"},
		{"nesting", "product.yml", deep,
			"handover/product.yml:3:67: nesting is deeper than 64 levels"},
		{"invalid UTF-8", "notes.md", "# Notes\n\nCafé \xff\n",
			"handover/notes.md:3:6: invalid UTF-8: save the file as UTF-8 text"},
		{"NUL byte", "product.md", "---\nowner: Ana\x00\n---\n",
			"handover/product.md:2:11: NUL byte in text: the file is binary or corrupted; save it as UTF-8 text"},
		{"over 1 MiB", "notes.md", "# Notes\n" + strings.Repeat("a", MaxFileSize),
			"handover/notes.md:0:0: file is larger than 1 MiB; it was not read: split it or move attachments out of the handover folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := checkArchive(t, "nogit: true\n-- .handover.yml --\nrequire: []\n-- handover/"+tt.file+" --\n"+tt.text)
			got := ""
			for _, f := range res.Findings {
				if f.Rule == "parse" {
					got += f.Path + ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column) + ": " + f.Message + "\n"
				}
			}
			if got != tt.want+"\n" {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestParseSymlinkOut: a link out of the repository is reported and not
// followed, whether it is a document, another file or the folder itself.
func TestParseSymlinkOut(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "passwords.md")
	if err := os.WriteFile(secret, []byte("---\nowner: x\n---\nTODO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(repo, "handover"), 0o755))
	must(t, os.WriteFile(filepath.Join(repo, ".handover.yml"), []byte("require: [team]\n"), 0o644))
	must(t, os.Symlink(secret, filepath.Join(repo, "handover", "team.md")))
	must(t, os.Symlink(filepath.Join("..", "..", filepath.Base(outside), "passwords.md"), filepath.Join(repo, "handover", "notes.md")))
	gittest.Git(t, repo, nil, "init", "-q")
	commitAll(t, repo, "2026-01-01", "")
	got := findingLines(checkDir(t, repo, Options{}).Findings)
	want := "handover/notes.md: error: this file is a symbolic link that leaves the repository; it was not read: replace the link with the file itself [parse]\n" +
		"handover/team.md: error: this file is a symbolic link that leaves the repository; it was not read: replace the link with the file itself [parse]\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	linked := t.TempDir()
	must(t, os.Symlink(outside, filepath.Join(linked, "handover")))
	got = ruleLines(checkDir(t, linked, Options{}), "parse")
	if want := "handover: error: the handover folder handover is a symbolic link that leaves the repository; it was not read [parse]\n"; got != want {
		t.Errorf("folder link: got\n%s\nwant\n%s", got, want)
	}
}
