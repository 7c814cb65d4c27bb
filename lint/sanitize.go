package lint

import (
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"github.com/handover-dev/handover/lint/secret"
)

// sanitize makes the result safe to print. It replaces every copy of a
// credential with its redacted form: not only the secret rule's findings,
// but a schema or placeholder message quoting the same value, a document
// owner or a team member field that holds one, a commit subject that a
// drift message quotes. Two nets: the credentials found in the folder's
// files (and any long enough piece of them), and a scan of each string
// itself, for credentials that reached the result from elsewhere (git
// history, CODEOWNERS). It also escapes control characters, so that a
// file name or a value cannot send escape sequences to the user's
// terminal. It walks every string of the result, so that fields added
// for new output formats are covered without a change here.
func sanitize(res *Result, folder *Folder) {
	var r secret.Redactor
	for _, f := range folder.Files {
		for _, m := range f.Secrets {
			r.Add(m)
		}
	}
	// Findings repeat their paths and many of their messages: each
	// distinct string is redacted once.
	done := map[string]string{}
	redactStrings(reflect.ValueOf(res).Elem(), func(s string) string {
		safe, ok := done[s]
		if !ok {
			safe = escapeControls(r.Redact(s))
			done[s] = safe
		}
		return safe
	})
}

// Redact returns s with every credential it holds replaced by its short
// form and control characters escaped, for text that reaches the user
// without passing through a Result, such as an error message quoting a
// URL, a flag or a configuration value. It hides what the secret rule
// finds and more: any value after a credential key, any password in a
// URL, whatever its scheme or case, and URL parameters that may be
// tokens.
func Redact(s string) string {
	return escapeControls(secret.Redact(s))
}

// redactCredentials replaces the credentials s holds by their short form,
// for a message that quotes a value and would otherwise cut it after more
// than four characters.
func redactCredentials(s string) string {
	return secret.Redact(s)
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
