package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/lint/markdown"
	"github.com/handover-dev/handover/lint/secret"
	"github.com/handover-dev/handover/lint/yamldoc"
	"github.com/handover-dev/handover/schemas"
)

// File is any file of the handover folder.
type File struct {
	Path string
	// Text is the normalised content, nil when the file is binary or unreadable.
	Text []byte
	// Markdown is the parsed body of a Markdown file.
	Markdown *markdown.Doc
	// Doc is set when the file is a kind's document.
	Doc *Doc

	// Secrets are the credentials in Text, found once for the secret rule
	// and for the redaction of everything handover prints.
	Secrets []secret.Match

	disabled map[int][]string
}

// Folder is the loaded handover folder.
type Folder struct {
	Dir   string
	Files []*File
	// Docs holds the document of each kind that has one, in kind order.
	Docs []*Doc
	// Candidates holds, per kind, every file that claims to be its
	// document, in order of preference (.md, .yml, .yaml, .json).
	Candidates map[string][]string
	// Problems are what loading could not read: the parse rule's findings.
	Problems []Finding
	// The typed documents of the kinds whose document parsed; nil otherwise.
	Product    *Product
	Tech       *Tech
	Team       *Team
	Vendors    *Vendors
	Transition *Transition
}

// Doc returns the document of a kind, or nil.
func (f *Folder) Doc(kind string) *Doc {
	for _, d := range f.Docs {
		if d.Kind == kind {
			return d
		}
	}
	return nil
}

// docExts are the document extensions, in order of preference.
var docExts = []string{".md", ".yml", ".yaml", ".json"}

// binaryExts are files the folder may hold (diagrams, exports) that are not text.
var binaryExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".ico": true,
	".pdf": true, ".zip": true, ".gz": true, ".drawio": false, ".svg": false,
}

// loadFolder reads the handover folder from src.
func loadFolder(src Source, cfg *Config, validators map[string]*validator) *Folder {
	f := &Folder{Dir: cfg.Dir, Candidates: map[string][]string{}}
	names, err := src.Walk(cfg.Dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			f.problem(cfg.Dir, 0, 0, folderError(cfg.Dir, err))
		}
		return f
	}
	// The document of a kind is its first candidate in order of
	// preference, not in walk order (team.json sorts before team.md).
	for _, name := range names {
		if kind, _ := docKind(cfg.Dir, name); kind != "" && !cfg.ignored(name) {
			f.Candidates[kind] = append(f.Candidates[kind], name)
		}
	}
	for _, c := range f.Candidates {
		slices.SortStableFunc(c, func(a, b string) int {
			return slices.Index(docExts, strings.ToLower(path.Ext(a))) - slices.Index(docExts, strings.ToLower(path.Ext(b)))
		})
	}
	for _, name := range names {
		if !cfg.ignored(name) {
			f.load(src, cfg, name, validators)
		}
	}
	slices.SortFunc(f.Docs, func(a, b *Doc) int { return kindOrder(a.Kind) - kindOrder(b.Kind) })
	for _, d := range f.Docs {
		if d.Data != nil {
			f.typed(d)
		}
	}
	return f
}

// load reads the file name into the folder: its text unless it is binary, too
// large, outside the repository or not text, and then its document (the
// first candidate of its kind), or its Markdown.
func (f *Folder) load(src Source, cfg *Config, name string, validators map[string]*validator) {
	kind, ext := docKind(cfg.Dir, name)
	file := &File{Path: name}
	f.Files = append(f.Files, file)
	if binaryExts[strings.ToLower(path.Ext(name))] {
		return
	}
	checked := kind != "" || ext == ".md"
	b, err := src.ReadFile(name)
	switch {
	case errors.Is(err, errEscapes):
		f.problem(name, 0, 0, "this file is a symbolic link that leaves the repository; it was not read: replace the link with the file itself")
		return
	case errors.Is(err, errTooLarge):
		f.problem(name, 0, 0, "file is larger than 1 MiB; it was not read: split it or move attachments out of the handover folder")
		return
	case err != nil:
		f.problem(name, 0, 0, "cannot read file: "+unwrapPathError(err).Error())
		return
	}
	// Positions count lines as the rest of the linter does, after
	// the BOM and the line ends are normalised.
	text := yamldoc.Normalize(b)
	if perr := checkText(text); perr != nil {
		if checked {
			f.problem(name, perr.Line, perr.Column, perr.Message)
		}
		return
	}
	file.Text = text
	file.disabled = directives(file.Text)
	file.Secrets = secret.Scan(file.Text)
	if kind != "" && f.Candidates[kind][0] == name {
		file.Doc = f.readDoc(kind, ext, file, validators[kind])
		f.Docs = append(f.Docs, file.Doc)
	} else if ext == ".md" {
		fm, perr := yamldoc.SplitFrontMatter(file.Text)
		if perr != nil {
			// Only documents need front matter: in other Markdown
			// a first line --- is a thematic break, and the links and
			// prose below it are still checked.
			fm = yamldoc.FrontMatter{Body: file.Text, BodyLine: 1}
		}
		file.Markdown = markdown.Parse(fm.Body, fm.BodyLine)
	}
	if file.Markdown != nil {
		for _, s := range file.Markdown.Skipped {
			f.problem(name, s.Line, 1, s.Message())
		}
	}
}

func folderError(dir string, err error) string {
	if errors.Is(err, errEscapes) || strings.Contains(err.Error(), "escapes") {
		return "the handover folder " + dir + " is a symbolic link that leaves the repository; it was not read"
	}
	return "cannot read the handover folder: " + unwrapPathError(err).Error()
}

// docKind returns the kind a file is the document of, or "".
func docKind(dir, name string) (kind, ext string) {
	ext = strings.ToLower(path.Ext(name))
	if path.Dir(name) != path.Clean(dir) || !slices.Contains(docExts, ext) {
		return "", ext
	}
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	if slices.Contains(schemas.Kinds, base) {
		return base, ext
	}
	return "", ext
}

func (f *Folder) problem(p string, line, col int, msg string) {
	f.Problems = append(f.Problems, At(p, line, col, "%s", msg))
}

// readDoc parses a document's fields and body and validates the fields.
func (f *Folder) readDoc(kind, ext string, file *File, v *validator) *Doc {
	d := &Doc{Kind: kind, Path: file.Path, Sections: v.sections, BodyLine: 1}
	text, firstLine := file.Text, 1
	switch ext {
	case ".md":
		d.Format = "markdown"
		fm, perr := yamldoc.SplitFrontMatter(file.Text)
		if perr != nil {
			f.problem(d.Path, perr.Line, perr.Column, perr.Message)
			return d
		}
		d.Body = markdown.Parse(fm.Body, fm.BodyLine)
		d.BodyLine = fm.BodyLine
		file.Markdown = d.Body
		if !fm.Present {
			f.problem(d.Path, 1, 1, "no front matter: start the file with a line ---, the fields (owner, reviewed, …), and another line ---; `handover init` writes a template")
			return d
		}
		text, firstLine = fm.YAML, fm.YAMLLine
	case ".json":
		d.Format = "json"
		if perr := checkJSON(text); perr != nil {
			f.problem(d.Path, perr.Line, perr.Column, perr.Message)
			return d
		}
	default:
		d.Format = "yaml"
	}
	root, perr := yamldoc.Parse(text, firstLine)
	if perr != nil {
		f.problem(d.Path, perr.Line, perr.Column, perr.Message)
		return d
	}
	file.Secrets = append(file.Secrets, quotedSecrets(file.Text, root, file.Secrets)...)
	if root == nil || root.Kind != yaml.MappingNode {
		line, col := firstLine, 1
		if root != nil {
			line, col = root.Line, root.Column
		}
		f.problem(d.Path, line, col, "the fields must be a YAML mapping (key: value lines) with at least owner and reviewed")
		return d
	}
	value, perr := yamldoc.ToValue(root)
	if perr != nil {
		f.problem(d.Path, perr.Line, perr.Column, perr.Message)
		return d
	}
	d.Root, d.Data = root, value.(map[string]any)
	d.SchemaErrors = v.errors(d.Data, root)
	d.Valid = len(d.SchemaErrors) == 0
	return d
}

// checkText rejects NUL bytes and invalid UTF-8, at their position.
func checkText(b []byte) *yamldoc.Error {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		line, col := offsetPos(b, i)
		return &yamldoc.Error{Line: line, Column: col, Message: "NUL byte in text: the file is binary or corrupted; save it as UTF-8 text"}
	}
	if !utf8.Valid(b) {
		i := 0
		for i < len(b) {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		line, col := offsetPos(b, i)
		return &yamldoc.Error{Line: line, Column: col, Message: "invalid UTF-8: save the file as UTF-8 text"}
	}
	return nil
}

// offsetPos returns the 1-based line and character column of byte offset i.
func offsetPos(b []byte, i int) (line, col int) {
	before := b[:i]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

var directiveRE = regexp.MustCompile(`(?:<!--|#)\s*handover-disable-next-line\s+([a-z0-9][a-z0-9 ,-]*?)\s*(?:--\s.*?)?(?:-->|$)`)

// directives finds "handover-disable-next-line RULE…" comments, in HTML
// (<!-- … -->) or YAML (# …) form, and returns the rules silenced per line.
func directives(text []byte) map[int][]string {
	var out map[int][]string
	if !bytes.Contains(text, []byte("handover-disable-next-line")) {
		return nil
	}
	for i, line := range bytes.Split(text, []byte("\n")) {
		m := directiveRE.FindSubmatch(line)
		if m == nil {
			continue
		}
		if out == nil {
			out = map[int][]string{}
		}
		out[i+2] = append(out[i+2], strings.FieldsFunc(string(m[1]), func(r rune) bool { return r == ' ' || r == ',' })...)
	}
	return out
}

// checkJSON reports a JSON syntax error at its position. The YAML parser
// reads JSON too, but it also accepts things JSON does not (comments,
// unquoted keys), which other JSON tools would then reject.
func checkJSON(b []byte) *yamldoc.Error {
	var v any
	err := json.Unmarshal(b, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(se.Offset) - 1
		off = max(0, min(off, len(b)))
		line, col := offsetPos(b, off)
		return &yamldoc.Error{Line: line, Column: col, Message: "invalid JSON: " + se.Error()}
	}
	return nil
}
