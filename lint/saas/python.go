package saas

import "strings"

// requirementName finds the project name at the start of a PEP 508
// requirement ("sentry-sdk[flask]>=2; python_version>'3.8'"). It returns
// the name and its byte offset in req, or ok=false when req is not a named
// requirement (a path, a URL, an option).
func requirementName(req string) (name string, off int, ok bool) {
	off = len(req) - len(strings.TrimLeft(req, " \t"))
	end := off
	for end < len(req) && (isAlnum(req[end]) || strings.IndexByte("._-", req[end]) >= 0) {
		end++
	}
	if end == off || !isAlnum(req[off]) || !isAlnum(req[end-1]) {
		return "", 0, false
	}
	rest := strings.TrimLeft(req[end:], " \t")
	if rest != "" && strings.IndexByte("[(<=>!~;@", rest[0]) < 0 && !strings.HasPrefix(rest, "--") {
		return "", 0, false
	}
	return req[off:end], off, true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// scanRequirements reads a pip requirements file: one requirement a line,
// '#' comments (at the start or after whitespace, so URL fragments stay),
// option lines (-r, -e, --index-url) and backslash continuations skipped.
func scanRequirements(s *scanner) {
	continued := false
	lines(s.content, func(off int, line string) {
		for i := 0; i < len(line); i++ {
			if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
				line = line[:i]
				break
			}
		}
		wasContinued := continued
		continued = strings.HasSuffix(strings.TrimRight(line, " \t"), `\`)
		if wasContinued || strings.HasPrefix(strings.TrimSpace(line), "-") {
			return
		}
		if name, col, ok := requirementName(line); ok {
			s.add(ecoPyPI, name, off+col, name)
		}
	})
}

// scanPyproject reads PEP 621 [project] dependencies and Poetry's
// [tool.poetry.dependencies] table.
func scanPyproject(s *scanner) {
	type req struct {
		name string
		off  int
	}
	var reqs []req
	ok := walkTOML(s.content, func(ev tomlEvent) {
		switch {
		case ev.kind == tomlString && ev.table == "project" && ev.key == "dependencies" && ev.depth == 1:
			if name, col, ok := requirementName(ev.text); ok {
				reqs = append(reqs, req{name, ev.off + col})
			}
		case ev.kind == tomlKey && ev.table == "tool.poetry.dependencies":
			if name, _, _ := strings.Cut(ev.key, "."); name != "python" {
				reqs = append(reqs, req{name, ev.off})
			}
		}
	})
	if !ok {
		return
	}
	for _, r := range reqs {
		s.add(ecoPyPI, r.name, r.off, r.name)
	}
}
