package saas

import (
	"bytes"
	"regexp"
	"strings"
)

var (
	// secrets.NAME or secrets['NAME'] inside an expression; the look-behind
	// for a non-identifier character is done by hand, RE2 has none.
	secretRef = regexp.MustCompile(`secrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*'([^']*)'\s*\])`)
	usesLine  = regexp.MustCompile(`^\s*(?:-\s+)?uses\s*:\s*['"]?([^@\s'"#]+)@`)
)

// scanWorkflow reads a GitHub Actions workflow as text: secrets named in
// ${{ }} expressions, and the actions in `uses:` lines.
func scanWorkflow(s *scanner) {
	for off := 0; ; {
		open := bytes.Index(s.content[off:], []byte("${{"))
		if open < 0 {
			break
		}
		start := off + open + 3
		end := bytes.Index(s.content[start:], []byte("}}"))
		if end < 0 {
			break
		}
		expr := s.content[start : start+end]
		for _, m := range secretRef.FindAllSubmatchIndex(expr, -1) {
			if m[0] > 0 && (isBareKeyChar(expr[m[0]-1]) || expr[m[0]-1] == '.') {
				continue // inputs.secrets.X or my_secrets.X
			}
			nameStart, nameEnd := m[2], m[3]
			if nameStart < 0 {
				nameStart, nameEnd = m[4], m[5]
			}
			name := string(expr[nameStart:nameEnd])
			s.add(ecoSecret, name, start+m[0], "secrets."+name)
		}
		off = start + end + 2
	}
	lines(s.content, func(off int, line string) {
		if m := usesLine.FindStringSubmatchIndex(line); m != nil {
			action := line[m[2]:m[3]]
			// owner/repo/path@ref: the repository is what a vendor publishes.
			repo := action
			if parts := strings.SplitN(action, "/", 3); len(parts) == 3 {
				repo = parts[0] + "/" + parts[1]
			}
			s.add(ecoAction, repo, off+m[2], "uses: "+action)
		}
	})
}
