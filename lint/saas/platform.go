package saas

import (
	"path"
	"strings"
)

// scanPlatformFile reports the platform that a configuration file such as
// fly.toml or vercel.json belongs to: the file exists only to deploy to
// that service. The hit sits on the first line that is not blank or a
// comment, or at 1:1 in a file without one.
func scanPlatformFile(s *scanner) {
	first, off := 0, 0
	for l := range strings.Lines(string(s.content)) {
		text := strings.TrimLeft(l, " \t")
		if t := strings.TrimRight(text, "\r\n"); t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "//") {
			first = off + len(l) - len(text)
			break
		}
		off += len(l)
	}
	s.add(ecoFile, path.Base(strings.ReplaceAll(s.path, `\`, "/")), first, "deploy settings")
}

// composeFile reports whether base is a Docker Compose file
// (compose.yaml, docker-compose.yml, docker-compose.prod.yml, ...) and
// returns its name without the extension.
func composeFile(base string) (stem string, ok bool) {
	stem, yml := strings.CutSuffix(base, ".yml")
	if !yml {
		if stem, ok = strings.CutSuffix(base, ".yaml"); !ok {
			return "", false
		}
	}
	for _, prefix := range []string{"docker-compose", "compose"} {
		if rest, found := strings.CutPrefix(stem, prefix); found && (rest == "" || strings.ContainsRune(".-_", rune(rest[0]))) {
			return stem, true
		}
	}
	return "", false
}

// scanCompose reads the images a Compose file runs, from `image: REF`
// lines read as text like a workflow: the service keys around them do not
// change what runs. Most images are servers the project runs itself
// (postgres, redis, getsentry/sentry for self-hosted Sentry) and prove no
// hosted service; the table lists only the agents and clients that work
// for a vendor's account (datadog/agent, cloudflare/cloudflared).
func scanCompose(s *scanner) {
	lines(s.content, func(off int, line string) {
		if ref, at, ok := imageRef(line); ok {
			s.add(ecoImage, imageRepository(ref), off+at, "image: "+ref)
		}
	})
}

// imageRef returns the reference of an `image: REF` line (also
// `- image: "REF"` and with a trailing comment) and its byte offset in the
// line.
func imageRef(line string) (ref string, off int, ok bool) {
	i := skipBlanks(line, 0)
	if strings.HasPrefix(line[i:], "- ") || strings.HasPrefix(line[i:], "-\t") {
		i = skipBlanks(line, i+1)
	}
	if !strings.HasPrefix(line[i:], "image") {
		return "", 0, false
	}
	i = skipBlanks(line, i+len("image"))
	if i == len(line) || line[i] != ':' {
		return "", 0, false
	}
	i = skipBlanks(line, i+1)
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		i++
	}
	end := i
	for end < len(line) && strings.IndexByte(" \t'\"#", line[end]) < 0 {
		end++
	}
	return line[i:end], i, end > i
}

// imageRepository reduces an image reference to its repository in the
// table's spelling: no tag or digest, lower case, and Docker Hub's
// implicit registry and "library/" namespace removed
// ("docker.io/library/redis:7@sha256:..." is "redis").
func imageRepository(ref string) string {
	ref, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndexByte(ref, ':'); i > strings.LastIndexByte(ref, '/') {
		ref = ref[:i]
	}
	ref = strings.ToLower(ref)
	for _, registry := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		if rest, ok := strings.CutPrefix(ref, registry); ok {
			ref = rest
			break
		}
	}
	return strings.TrimPrefix(ref, "library/")
}
