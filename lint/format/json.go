package format

import (
	"encoding/json"
	"io"

	"github.com/handover-dev/handover/lint/result"
)

// JSON writes the result as the version-1 JSON document of DESIGN.md.
type JSON struct{}

// Format implements Formatter.
func (JSON) Format(w io.Writer, res *result.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(res)
}
