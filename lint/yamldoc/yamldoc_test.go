package yamldoc

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, src          string
		present            bool
		yaml, body         string
		yamlLine, bodyLine int
		err                string
	}{
		{name: "none", src: "# Title\n", body: "# Title\n", bodyLine: 1},
		{name: "plain", src: "---\na: 1\n---\n# T\n", present: true, yaml: "a: 1\n", yamlLine: 2, body: "# T\n", bodyLine: 4},
		{name: "crlf", src: "---\r\na: 1\r\n---\r\nbody", present: true, yaml: "a: 1\r\n", yamlLine: 2, body: "body", bodyLine: 4},
		{name: "dots close", src: "---\na: 1\n...\n", present: true, yaml: "a: 1\n", yamlLine: 2, body: "", bodyLine: 4},
		{name: "empty", src: "---\n---\nx\n", present: true, yaml: "", yamlLine: 2, body: "x\n", bodyLine: 3},
		{name: "fence ends the file", src: "---\na: 1\n---", present: true, yaml: "a: 1\n", yamlLine: 2, body: "", bodyLine: 3},
		{name: "unterminated", src: "---\na: 1\n# T\n", err: "1:1: front matter is not closed"},
		{name: "only fence", src: "---", err: "1:1: front matter is not closed"},
		{name: "fence with trailing space", src: "--- \na: 1\n---  \n", present: true, yaml: "a: 1\n", yamlLine: 2, body: "", bodyLine: 4},
		{name: "thematic break later", src: "# T\n---\n", body: "# T\n---\n", bodyLine: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, err := SplitFrontMatter([]byte(tt.src))
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error = %v, want prefix %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fm.Present != tt.present || string(fm.YAML) != tt.yaml || string(fm.Body) != tt.body ||
				(tt.present && fm.YAMLLine != tt.yamlLine) || fm.BodyLine != tt.bodyLine {
				t.Errorf("got %+v (yaml %q body %q), want present=%v yaml=%q@%d body=%q@%d",
					fm, fm.YAML, fm.Body, tt.present, tt.yaml, tt.yamlLine, tt.body, tt.bodyLine)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"duplicate key", "owner: a\nreviewed: x\nowner: b\n", `12:1: duplicate key "owner" (first defined at line 10)`},
		{"nested duplicate", "m:\n  - name: a\n    name: b\n", `12:5: duplicate key "name"`},
		{"tab indent", "a:\n\tb: 1\n", "11:1: tab character used for indentation"},
		{"tab after a list item", "m:\n  - name: a\n\trole: b\n", "12:1: tab character used for indentation"},
		{"unclosed flow", "a: [1\n", "10:1: invalid YAML: did not find expected ',' or ']'"},
		{"unknown alias", "a: 1\nb: *nope\n", "11:4: alias *nope refers to no anchor"},
		{"two documents", "a: 1\n---\nb: 2\n", "11:1: more than one YAML document"},
		{"complex key", "? [a, b]\n: 1\n", "10:3: a mapping key must be a plain value"},
		{"deep", strings.Repeat("[", MaxDepth+2) + strings.Repeat("]", MaxDepth+2) + "\n", "nesting is deeper than 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), 10)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestToValue(t *testing.T) {
	src := `owner: Ana
reviewed: 2026-01-31
n: 12
f: 1.5
big: 18446744073709551615
yes: true
none: ~
base: &b {role: dev, email: a@b.c}
m:
  <<: *b
  role: lead
list: [*b, x]
inf: .inf
`
	root, perr := Parse([]byte(src), 1)
	if perr != nil {
		t.Fatal(perr)
	}
	got, perr := ToValue(root)
	if perr != nil {
		t.Fatal(perr)
	}
	b, _ := json.Marshal(got)
	want := `{"base":{"email":"a@b.c","role":"dev"},"big":18446744073709551615,"f":1.5,"inf":".inf","list":[{"email":"a@b.c","role":"dev"},"x"],"m":{"email":"a@b.c","role":"lead"},"n":12,"none":null,"owner":"Ana","reviewed":"2026-01-31","yes":true}`
	if string(b) != want {
		t.Errorf("ToValue =\n%s\nwant\n%s", b, want)
	}
}

func TestToValueAliasBomb(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		prev := "*a" + string(rune('0'+i-1))
		sb.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.Repeat(prev+", ", 9) + prev + "]\n")
	}
	root, perr := Parse([]byte(sb.String()), 1)
	if perr != nil {
		t.Fatal(perr)
	}
	if _, err := ToValue(root); err == nil || !strings.Contains(err.Message, "aliases expand to more than") {
		t.Fatalf("ToValue error = %v, want alias budget error", err)
	}
}

func TestLocate(t *testing.T) {
	src := "owner: Ana\nmembers:\n  - name: A\n    email: bad\n  - {name: B, \"a/b\": 1, \"t~x\": 2}\nbase: &b\n  role: x\nm:\n  <<: *b\n"
	root, perr := Parse([]byte(src), 3)
	if perr != nil {
		t.Fatal(perr)
	}
	tests := []struct {
		ptr       string
		line, col int
	}{
		{"", 3, 1},
		{"/owner", 3, 8},
		{"/members/0/email", 6, 12},
		{"/members/0/role", 5, 5},
		{"/members/1/a~1b", 7, 22},
		{"/members/1/t~0x", 7, 32},
		{"/members/7", 5, 3},
		{"/m/role", 9, 9},
	}
	for _, tt := range tests {
		n := Locate(root, tt.ptr)
		if n == nil || n.Line != tt.line || n.Column != tt.col {
			t.Errorf("Locate(%q) = %s, want %d:%d", tt.ptr, pos(n), tt.line, tt.col)
		}
	}
	if Locate(nil, "/a") != nil {
		t.Error("Locate(nil) must be nil")
	}
}

func pos(n *yaml.Node) string {
	if n == nil {
		return "nil"
	}
	return fmt.Sprintf("%d:%d", n.Line, n.Column)
}
