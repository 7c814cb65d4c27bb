package saas

import (
	"path"
	"regexp"
	"strings"
)

// scanPlatformFile reports the platform that a configuration file such as
// fly.toml or vercel.json belongs to: the file exists only to deploy to
// that service. The hit sits on the first line that is not blank or a
// comment, or at 1:1 in a file without one.
func scanPlatformFile(s *scanner) {
	first := 0
	found := false
	lines(s.content, func(off int, line string) {
		text := strings.TrimLeft(line, " \t")
		if found || text == "" || strings.HasPrefix(text, "#") || strings.HasPrefix(text, "//") {
			return
		}
		first, found = off+len(line)-len(text), true
	})
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

// imageLine finds `image: REF` in a Compose file, read as text like a
// workflow: the service keys around it do not change what it runs.
var imageLine = regexp.MustCompile(`^\s*(?:-\s+)?image\s*:\s*['"]?([^\s'"#]+)`)

// scanCompose reads the images a Compose file runs. Most are servers the
// project runs itself (postgres, redis, getsentry/sentry for self-hosted
// Sentry) and prove no hosted service; the table lists only the agents and
// clients that work for a vendor's account (datadog/agent,
// cloudflare/cloudflared).
func scanCompose(s *scanner) {
	lines(s.content, func(off int, line string) {
		if m := imageLine.FindStringSubmatchIndex(line); m != nil {
			ref := line[m[2]:m[3]]
			s.add(ecoImage, imageRepository(ref), off+m[2], "image: "+ref)
		}
	})
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
