// Package schemas holds the JSON Schemas (2020-12) of the five handover
// document kinds, of the configuration file and of a portfolio list. They
// are the one source of truth for the fields; the required Markdown
// sections of each kind are the extra top-level keyword
// "x-handover-sections", which validators ignore and the linter reads.
package schemas

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
)

//go:embed *.schema.json
var files embed.FS

// BaseURL is the $id prefix of every embedded schema. A local schema can
// extend an embedded one with {"$ref": BaseURL + "tech.schema.json"}; the
// linter serves these URLs from memory and never from the network.
const BaseURL = "https://github.com/handover-dev/handover/schemas/"

// Kinds lists the document kinds in the order handover reports them.
var Kinds = []string{"product", "tech", "team", "vendors", "transition"}

// Names lists every embedded schema by the name `handover schema` accepts.
var Names = []string{"product", "tech", "team", "vendors", "transition", "common", "config", "portfolio"}

// Get returns the embedded schema called name ("tech", "config", ...).
func Get(name string) ([]byte, error) {
	b, err := files.ReadFile(name + ".schema.json")
	if err != nil {
		return nil, fmt.Errorf("no embedded schema %q (known: %s)", name, strings.Join(Names, ", "))
	}
	return b, nil
}

// URL returns the $id of the embedded schema called name.
func URL(name string) string { return BaseURL + name + ".schema.json" }

// Sections reads the "x-handover-sections" keyword of a schema document.
func Sections(schema []byte) ([]string, error) {
	var doc struct {
		Sections []string `json:"x-handover-sections"`
	}
	if err := json.Unmarshal(schema, &doc); err != nil {
		return nil, err
	}
	return doc.Sections, nil
}
