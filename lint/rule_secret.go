package lint

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/handover-dev/handover/lint/secret"
)

func init() { register(ruleSecret) }

var ruleSecret = &Rule{
	ID:       "secret",
	Severity: Error,
	Summary:  "a credential in a file of the handover folder: a token, a private key, a password",
	Explain: `Scans every text file of the handover folder for credentials: vendor
tokens with a known shape (GitHub, GitLab, Slack, Stripe, AWS, Google),
private key blocks, JWTs, passwords in connection strings, and
high-entropy values assigned to keys such as password, secret, token or
api_key. Handover documents are read by everyone with access to the
repository, and git keeps every version, so a credential written there has
leaked even after the line is deleted. Templates, references and
placeholders (${DB_PASSWORD}, op://…, secrets.TOKEN, xxxx) are not
credentials.

No output of handover ever repeats a credential: the finding shows its kind
and at most its first four characters, and any other message that would
quote it (a schema error on the same value, say) shows the same short form.

Fix: delete the credential, rotate it at its provider (it is in the git
history and in every clone), and write where it is kept instead, e.g.
credentials: 1Password vault "Ops", item "Stripe live".`,
	Run: func(p *Pass) error {
		for _, f := range p.Folder.Files {
			for _, m := range f.Secrets {
				p.Report(At(f.Path, m.Line, m.Column,
					"%s %q in the handover folder: delete it, rotate it (git history keeps it), and write where it is kept instead",
					m.Kind, m.Redacted))
			}
		}
		return nil
	},
}

// secretWindow is the length of the pieces of a secret the result may not
// hold. It is shorter than any prefix a message quotes of a long value (a
// schema message shows 12 characters), and long enough that ordinary
// words do not match by chance.
const secretWindow = 12

// sanitize makes the result safe to print. It replaces every copy of a
// credential with its redacted form: not only the secret rule's findings,
// but a schema or placeholder message quoting the same value, a document
// owner or a team member field that holds one. Two nets: the credentials
// found in the folder's files (and any piece of secretWindow bytes of
// them), and a scan of each string itself, for credentials that reached
// the result from elsewhere (git history, CODEOWNERS). It also escapes
// control characters, so that a file name or a value cannot send escape
// sequences to the user's terminal. It walks every string of the result,
// so that fields added for new output formats are covered without a
// change here.
func sanitize(res *Result, folder *Folder) {
	r := newRedactor(folder)
	redactStrings(reflect.ValueOf(res).Elem(), func(s string) string { return escapeControls(r.redact(s)) })
}

// Redact returns s with every credential it holds replaced by its short
// form and control characters escaped, for text that reaches the user
// without passing through a Result, such as a configuration error quoting
// a value.
func Redact(s string) string {
	return escapeControls(redactCredentials(s))
}

// redactCredentials replaces the credentials s holds by their short form,
// for a message that quotes a value and would otherwise cut it after more
// than four characters.
func redactCredentials(s string) string {
	return new(redactor).redact(s)
}

// escapeControls writes C0 and C1 control characters other than newline
// and tab (ESC above all) as Go escapes, such as \x1b.
func escapeControls(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool {
	return r != '\n' && r != '\t' && unicode.IsControl(r)
}

// found is a credential found in the folder, held in memory only.
type found struct {
	value, redacted string
}

type redactor struct {
	// short are the credentials shorter than secretWindow, longest first
	// so that one holding another is replaced whole.
	short []found
	// long are the others; windows maps each of their secretWindow-byte
	// pieces to its index in long.
	long    []found
	windows map[string]int
}

func newRedactor(folder *Folder) *redactor {
	r := &redactor{windows: map[string]int{}}
	for _, f := range folder.Files {
		for _, m := range f.Secrets {
			v := found{string(f.Text[m.Start:m.End]), m.Redacted}
			if len(v.value) < secretWindow {
				r.short = append(r.short, v)
				continue
			}
			r.long = append(r.long, v)
			for i := 0; i+secretWindow <= len(v.value); i++ {
				if _, dup := r.windows[v.value[i:i+secretWindow]]; !dup {
					r.windows[v.value[i:i+secretWindow]] = len(r.long) - 1
				}
			}
		}
	}
	slices.SortFunc(r.short, func(a, b found) int { return len(b.value) - len(a.value) })
	return r
}

// redact returns s with every credential replaced by its redacted form.
func (r *redactor) redact(s string) string {
	for _, f := range r.short {
		s = strings.ReplaceAll(s, f.value, f.redacted)
	}
	s = r.redactPieces(s)
	matches := secret.Scan([]byte(s))
	for i := len(matches) - 1; i >= 0; i-- {
		m := matches[i]
		s = s[:m.Start] + m.Redacted + s[m.End:]
	}
	return s
}

// redactPieces replaces each run of s made of overlapping pieces of a
// long credential: the redacted form when the run starts the credential,
// "…" when it starts within it.
func (r *redactor) redactPieces(s string) string {
	if len(r.windows) == 0 {
		return s
	}
	var b strings.Builder
	i := 0
	for i+secretWindow <= len(s) {
		idx, ok := r.windows[s[i:i+secretWindow]]
		if !ok {
			b.WriteByte(s[i])
			i++
			continue
		}
		end := i + secretWindow
		for end < len(s) {
			if _, ok := r.windows[s[end+1-secretWindow:end+1]]; !ok {
				break
			}
			end++
		}
		if f := r.long[idx]; strings.HasPrefix(f.value, s[i:end]) {
			b.WriteString(f.redacted)
		} else {
			b.WriteString("…")
		}
		i = end
	}
	b.WriteString(s[i:])
	return b.String()
}

// redactStrings applies fn to every string reachable from v through
// exported struct fields, slice and array elements, pointers and map values.
func redactStrings(v reflect.Value, fn func(string) string) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(fn(v.String()))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			redactStrings(v.Elem(), fn)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				redactStrings(v.Field(i), fn)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			redactStrings(v.Index(i), fn)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			elem := reflect.New(v.Type().Elem()).Elem()
			elem.Set(iter.Value())
			redactStrings(elem, fn)
			v.SetMapIndex(iter.Key(), elem)
		}
	}
}
