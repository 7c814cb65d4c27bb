// Package format renders a result.Result in the output formats of
// `handover check --format`: text, json, sarif, github and markdown. Each
// format is one file behind the Formatter interface; the CLI's registry of
// formats names them.
package format

import (
	"io"

	"github.com/handover-dev/handover/lint/result"
)

// Formatter writes a result.
type Formatter interface {
	Format(w io.Writer, res *result.Result) error
}
