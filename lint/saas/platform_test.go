package saas

import (
	"strings"
	"testing"
)

// composeYAML has the shape of real Compose files: local servers (postgres,
// redis, self-hosted Sentry) that prove no hosted service, and the agents
// of two vendors' accounts.
const composeYAML = `name: shop
services:
  database:
    image: postgres:15
    environment:
      - POSTGRES_USER=${POSTGRES_USER:?err}
  redis:
    image: "docker.io/library/redis:7-alpine"
  sentry:
    # self-hosted Sentry: no sentry.io account
    image: getsentry/sentry:24.8.0
  app:
    image: ghcr.io/acme/shop:latest
  datadog:
    image: gcr.io/datadoghq/agent:7
    environment:
      - DD_API_KEY=${DD_API_KEY}
  tunnel:
    image: 'docker.io/Cloudflare/cloudflared@sha256:5dc8a6a50d689bd6051db0241f34849e5a36490b'
    command: tunnel --no-autoupdate run
  # stripe:
  #   image: stripe/stripe-cli:latest
  agent:
    image: ${AGENT_IMAGE:-datadog/agent:7}
`

// envExample has the shape of real templates (dub, formbricks): sections in
// comments, empty values, a framework prefix, commented-out options.
const envExample = `# Copy to .env and fill in the values.
# [[DATABASE]]
DATABASE_URL="postgres://shop:password@127.0.0.1:5432/shop"

# [[PAYMENTS]]
BRAINTREE_MERCHANT_ID=
export BRAINTREE_PUBLIC_KEY=
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_test_placeholder
  STRIPE_SECRET_KEY = 

# [[MESSAGING]]
TWILIO_ACCOUNT_SID=
SLACK_CLIENT_ID=
GITHUB_CLIENT_ID=
# SENTRY_DSN=
#SENTRY_AUTH_TOKEN=
S3_ACCESS_KEY=
NEXT_PUBLIC_=
PLAIN_TEXT_EMAILS=true
`

const flyToml = `# fly.toml app configuration file generated for shop on 2024-05-01T10:00:00Z
#
# See https://fly.io/docs/reference/configuration/ for information about how to use this file.
#

app = 'shop'
primary_region = 'ams'

[http_service]
  internal_port = 8080
`

func TestScanCompose(t *testing.T) {
	want := []wantHit{
		{"Datadog", 15, 12, "image: gcr.io/datadoghq/agent:7"},
		{"Cloudflare", 19, 13, "image: docker.io/Cloudflare/cloudflared@sha256:5dc8a6a50d689bd6051db0241f34849e5a36490b"},
	}
	checkScan(t, "deploy/docker-compose.prod.yml", composeYAML, want)
	checkScan(t, "compose.yaml", "services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis\n", nil)
	checkScan(t, "docker-compose.yml", strings.ReplaceAll(composeYAML, "\n", "\r\n"), want)
}

func TestScanEnvTemplate(t *testing.T) {
	want := []wantHit{
		{"Braintree", 6, 1, "BRAINTREE_MERCHANT_ID"},
		{"Stripe", 8, 1, "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY"},
		{"Twilio", 12, 1, "TWILIO_ACCOUNT_SID"},
		{"Slack", 13, 1, "SLACK_CLIENT_ID"},
	}
	checkScan(t, ".env.example", envExample, want)
	checkScan(t, "apps/web/.env.sample", strings.ReplaceAll(envExample, "\n", "\r\n"), want)
	checkScan(t, ".env.dist", "  export POSTMARK_API_TOKEN=\n\tSENDGRID_API_KEY=x\nVITE_SENTRY_DSN=\n", []wantHit{
		{"Postmark", 1, 10, "POSTMARK_API_TOKEN"},
		{"Twilio SendGrid", 2, 2, "SENDGRID_API_KEY"},
		{"Sentry", 3, 1, "VITE_SENTRY_DSN"},
	})
}

// TestScanPlatformFile: a platform's configuration file is the proof; the
// hit sits on its first line that is neither blank nor a comment.
func TestScanPlatformFile(t *testing.T) {
	for _, c := range []struct {
		path, content string
		vendor        string
		line          int
		starts        string // the text at the hit
	}{
		{"fly.toml", flyToml, "Fly.io", 6, "app = 'shop'"},
		{"apps/web/vercel.json", "{\n  \"crons\": [{\"path\": \"/api/cron\", \"schedule\": \"0 * * * *\"}]\n}\n", "Vercel", 1, "{"},
		{"render.yaml", "services:\n  - type: web\n    runtime: node\n", "Render", 1, "services:"},
		{"railway.toml", "[build]\n\nbuilder = \"DOCKERFILE\"\n", "Railway", 1, "[build]"},
		{"netlify.toml", "\n\n  # Netlify settings\n[build]\n  command = \"npm run build\"\n", "Netlify", 4, "[build]"},
		{"heroku.yml", "build:\n  docker:\n    web: Dockerfile\n", "Heroku", 1, "build:"},
		{"worker/wrangler.jsonc", "// Cloudflare Worker\n{\n  \"name\": \"edge\"\n}\n", "Cloudflare", 2, "{"},
		{"firebase.json", "\r\n{\"hosting\": {\"public\": \"dist\"}}\r\n", "Firebase", 2, "{"},
		{"wrangler.toml", "", "Cloudflare", 1, ""},
		{"fly.toml", "# only a comment\n", "Fly.io", 1, "# only"},
	} {
		hits := Scan(c.path, []byte(c.content))
		if len(hits) != 1 {
			t.Errorf("Scan(%s) = %+v, want one hit", c.path, hits)
			continue
		}
		h := hits[0]
		base := c.path[strings.LastIndexByte(c.path, '/')+1:]
		if h.Vendor.Name != c.vendor || h.Line != c.line || h.Column != 1 || h.Name != base ||
			h.Evidence != "deploy settings in "+c.path || !strings.HasPrefix(textAt(strings.ReplaceAll(c.content, "\r", ""), h.Line, 1), c.starts) {
			t.Errorf("Scan(%s) = %s %d:%d %q %q, want %s %d:1 %q at %q", c.path, h.Vendor.Name, h.Line, h.Column, h.Name, h.Evidence,
				c.vendor, c.line, base, c.starts)
		}
	}
}

func TestImageRepository(t *testing.T) {
	for ref, want := range map[string]string{
		"postgres":                           "postgres",
		"postgres:15":                        "postgres",
		"docker.io/library/postgres:15":      "postgres",
		"index.docker.io/datadog/agent:7":    "datadog/agent",
		"Datadog/Agent":                      "datadog/agent",
		"gcr.io/datadoghq/agent:7@sha256:ab": "gcr.io/datadoghq/agent",
		"localhost:5000/datadog/agent":       "localhost:5000/datadog/agent",
		"localhost:5000/datadog/agent:7":     "localhost:5000/datadog/agent",
		"docker.io/":                         "",
		"":                                   "",
	} {
		if got := imageRepository(ref); got != want {
			t.Errorf("imageRepository(%q) = %q, want %q", ref, got, want)
		}
	}
}

// TestHitName: each kind of evidence carries the name the table matched,
// as written, for lists of accepted exceptions to match.
func TestHitName(t *testing.T) {
	for _, c := range []struct{ path, content, want string }{
		{"go.mod", "module x\n\nrequire github.com/stripe/stripe-go/v76 v76.0.0\n", "github.com/stripe/stripe-go/v76"},
		{"Cargo.toml", "[dependencies]\npay = { package = \"async-stripe\", version = \"0.37\" }\n", "async-stripe"},
		{".github/workflows/ci.yml", "env:\n  K: ${{ secrets.SENTRY_AUTH_TOKEN }}\n", "SENTRY_AUTH_TOKEN"},
		{".github/workflows/ci.yml", "steps:\n  - uses: superfly/flyctl-actions/setup-flyctl@master\n", "superfly/flyctl-actions"},
		{"docker-compose.yml", "services:\n  dd:\n    image: gcr.io/datadoghq/agent:7\n", "gcr.io/datadoghq/agent"},
		{".env.example", "NEXT_PUBLIC_POSTHOG_KEY=\n", "NEXT_PUBLIC_POSTHOG_KEY"},
		{"deploy/fly.toml", "app = 'x'\n", "fly.toml"},
	} {
		hits := Scan(c.path, []byte(c.content))
		if len(hits) != 1 || hits[0].Name != c.want {
			t.Errorf("Scan(%s %q) = %+v, want one hit named %q", c.path, c.content, hits, c.want)
		}
	}
}

// largeInputs are 1 MiB files of each new kind, shaped as real ones and as
// single lines that make a backtracking matcher slow.
var largeInputs = map[string]struct{ path, text string }{
	"env lines":      {".env.example", strings.Repeat("STRIPE_SECRET_KEY=\n# TWILIO_AUTH_TOKEN=\n", (1<<20)/39)},
	"env one line":   {".env.example", strings.Repeat("A", 1<<20) + "="},
	"compose lines":  {"docker-compose.yml", strings.Repeat("    image: gcr.io/datadoghq/agent:7\n", (1<<20)/36)},
	"compose spaces": {"docker-compose.yml", "image:" + strings.Repeat(" ", 1<<20)},
	"platform":       {"fly.toml", strings.Repeat("#\n", 1<<19) + "app = 'x'\n"},
}

func TestScanLargeInput(t *testing.T) {
	want := map[string]int{"env lines": 1, "env one line": 0, "compose lines": 1, "compose spaces": 0, "platform": 1}
	for name, in := range largeInputs {
		if got := Scan(in.path, []byte(in.text)); len(got) != want[name] {
			t.Errorf("%s: %d hits, want %d", name, len(got), want[name])
		}
	}
}

func BenchmarkScan(b *testing.B) {
	for name, in := range largeInputs {
		b.Run(name, func(b *testing.B) {
			text := []byte(in.text)
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Scan(in.path, text)
			}
		})
	}
}
