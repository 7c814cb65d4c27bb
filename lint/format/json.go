package format

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/handover-dev/handover/lint/result"
)

// JSON writes the result as the version-1 JSON document of DESIGN.md.
type JSON struct{}

// Format implements Formatter.
func (JSON) Format(w io.Writer, res *result.Result) error {
	b, err := marshalJSON(res, "")
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// MarshalJSON encodes v as the json format writes a result, for the other
// documents of handover that hold results (the portfolio).
func MarshalJSON(v any) ([]byte, error) { return marshalJSON(v, "") }

// marshalJSON encodes v as the json and sarif formats write it, each line
// after the first starting with prefix: indented by two spaces, "<", ">"
// and "&" as written, and every string valid UTF-8 (encoding/json writes
// U+FFFD for invalid bytes). The "[" of "##[" is written \u005b, which a
// JSON reader reads back as "[": the Actions runner takes "##[command]"
// anywhere in a line for a workflow command of its older syntax, so a
// value in a file printed to a job's log could otherwise run one.
func marshalJSON(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.ReplaceAll(b.Bytes(), []byte("##["), []byte(`##\u005b`)), nil
}
