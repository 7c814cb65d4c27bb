package saas

import (
	"strconv"
	"strings"
)

// scanGoMod reads require directives, single-line and in blocks, skipping
// `// indirect` ones. Other blocks (replace, exclude, retract, tool) are
// passed over.
func scanGoMod(s *scanner) {
	block := ""
	lines(s.content, func(off int, line string) {
		code, comment, _ := strings.Cut(line, "//")
		fields := strings.Fields(code)
		switch {
		case len(fields) == 0:
			return
		case block != "":
			if fields[0] == ")" {
				block = ""
			} else if block == "require" {
				s.goRequire(off, line, fields[0], comment)
			}
		case strings.HasSuffix(code, "(") || (len(fields) == 2 && fields[1] == "("):
			block = strings.TrimSuffix(fields[0], "(")
		case fields[0] == "require" && len(fields) >= 3:
			s.goRequire(off, line, fields[1], comment)
		}
	})
}

// goRequire records module (as written, possibly quoted) found in line,
// which starts at byte offset off.
func (s *scanner) goRequire(off int, line, module, comment string) {
	c := strings.TrimSpace(comment)
	if c == "indirect" || strings.HasPrefix(c, "indirect;") {
		return
	}
	col := strings.Index(line, module)
	if unq, err := strconv.Unquote(module); err == nil {
		module = unq
		col++
	}
	s.add(ecoGo, module, off+col, module)
}
