package saas

import (
	"regexp"
	"strings"
)

var (
	gemLine = regexp.MustCompile(`^\s*gem\s*\(?\s*(?:'([^']+)'|"([^"]+)")`)
	// A dev-only group names nothing but :development and :test.
	devGroupOption = regexp.MustCompile(`\bgroups?:\s*(?::(development|test)\b|\[\s*:(development|test)(\s*,\s*:(development|test))*\s*\])`)
	groupBlock     = regexp.MustCompile(`^\s*group\s*\(?\s*(.*?)\)?\s+do\s*(\|[^|]*\|)?\s*(#.*)?$`)
	devSymbols     = regexp.MustCompile(`^:(development|test)(\s*,\s*:(development|test))*(\s*,\s*\w+:.*)?$`)
	// Lines that open a block closed by `end`: a trailing `do`, or a
	// statement-form conditional or loop.
	blockOpen = regexp.MustCompile(`\bdo\s*(\|[^|]*\|)?\s*(#.*)?$|^\s*(if|unless|case|begin|while|until)\b`)
	blockEnd  = regexp.MustCompile(`^\s*end\b`)
)

// scanGemfile reads `gem 'name'` lines of a Gemfile, skipping those in
// development/test groups.
func scanGemfile(s *scanner) {
	var dev []bool // one entry per open block: whether it is a dev-only group
	inDev := func() bool {
		for _, d := range dev {
			if d {
				return true
			}
		}
		return false
	}
	lines(s.content, func(off int, line string) {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			return
		}
		if m := gemLine.FindStringSubmatchIndex(line); m != nil {
			start, end := m[2], m[3]
			if start < 0 {
				start, end = m[4], m[5]
			}
			if !inDev() && !devGroupOption.MatchString(line[end:]) {
				s.add(ecoGem, line[start:end], off+start, line[start:end])
			}
			return
		}
		switch {
		case blockEnd.MatchString(line):
			if len(dev) > 0 {
				dev = dev[:len(dev)-1]
			}
		case groupBlock.MatchString(line):
			dev = append(dev, devSymbols.MatchString(strings.TrimSpace(groupBlock.FindStringSubmatch(line)[1])))
		case blockOpen.MatchString(line):
			dev = append(dev, false)
		}
	})
}
