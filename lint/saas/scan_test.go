package saas

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

type wantHit struct {
	vendor    string
	line, col int
	evidence  string // without the " in PATH" suffix
}

// checkScan compares Scan's hits with want exactly and also checks that
// each position really points at the name the evidence quotes, so a
// miscounted expectation cannot agree with a miscounting scanner.
func checkScan(t *testing.T, path, content string, want []wantHit) {
	t.Helper()
	got := Scan(path, []byte(content))
	var gotS, wantS []string
	for _, h := range got {
		gotS = append(gotS, fmt.Sprintf("%s %d:%d %s", h.Vendor.Name, h.Line, h.Column, h.Evidence))
		if h.Path != path {
			t.Errorf("hit path %q, want %q", h.Path, path)
		}
		if at, quoted := textAt(content, h.Line, h.Column), evidenceName(h.Evidence); !strings.HasPrefix(at, quoted) {
			t.Errorf("%s: %d:%d points at %q, want the start of %q", h.Vendor.Name, h.Line, h.Column, at, quoted)
		}
	}
	for _, w := range want {
		wantS = append(wantS, fmt.Sprintf("%s %d:%d %s in %s", w.vendor, w.line, w.col, w.evidence, path))
	}
	if strings.Join(gotS, "\n") != strings.Join(wantS, "\n") {
		t.Errorf("Scan(%q):\ngot:\n%s\nwant:\n%s", path, strings.Join(gotS, "\n"), strings.Join(wantS, "\n"))
	}
}

// textAt returns the rest of the line at a 1-based line and rune column.
func textAt(content string, line, col int) string {
	lines := strings.Split(content, "\n")
	if line < 1 || line > len(lines) {
		return ""
	}
	r := []rune(lines[line-1])
	if col < 1 || col > len(r) {
		return ""
	}
	return string(r[col-1:])
}

// evidenceName is the text a hit's position must start with: the key a
// renamed package is declared under, "secrets" for a secret, the action.
func evidenceName(ev string) string {
	ev, _, _ = strings.Cut(ev, " in ")
	if _, as, ok := strings.Cut(ev, " (as "); ok {
		return strings.TrimSuffix(as, ")")
	}
	if strings.HasPrefix(ev, "secrets.") {
		return "secrets"
	}
	if ref, ok := strings.CutPrefix(ev, "image: "); ok {
		return ref
	}
	return strings.TrimPrefix(ev, "uses: ")
}

const goMod = `module github.com/acme/shop

go 1.22.0

toolchain go1.22.4

require (
	cloud.google.com/go/storage v1.43.0
	github.com/aws/aws-sdk-go-v2 v1.30.3
	github.com/aws/aws-sdk-go-v2/service/s3 v1.58.2
	github.com/getsentry/sentry-go v0.28.1
	github.com/stripe/stripe-go/v76 v76.25.0
	github.com/stripe/stripe-mock v0.188.0
	"github.com/twilio/twilio-go" v1.22.0
)

require (
	github.com/DataDog/datadog-go/v5 v5.5.0 // indirect
	github.com/cloudflare/circl v1.3.9 // indirect
	github.com/launchdarkly/go-server-sdk/v7 v7.4.1 //indirect
	github.com/slack-go/slack v0.13.0 // indirect; used by a plugin
	golang.org/x/net v0.27.0 // indirect
)

require github.com/openai/openai-go v0.1.0-alpha.5 // pinned: see ADR 12

replace github.com/algolia/algoliasearch-client-go/v3 => ../algolia

exclude github.com/pusher/pusher-http-go v4.0.0+incompatible

tool github.com/anthropics/anthropic-sdk-go/cmd/gen
`

const packageJSON = `{
  "name": "@acme/web",
  "private": true,
  "scripts": {
    "dependencies": "echo a script, not a section"
  },
  "dependencies": {
    "@sentry/nextjs": "^8.20.0",
    "@stripe/stripe-js": "^4.1.0",
    "next": "14.2.5",
    "stripe": "^16.2.0",
    "stripe-event-types": "^3.1.0",
    "pay": "npm:@paypal/paypal-js@^8.1.0"
  },
  "devDependencies": {
    "@aws-sdk/client-s3": "^3.600.0",
    "@types/node": "20.14.10"
  },
  "peerDependencies": {
    "@supabase/supabase-js": "^2.44.0"
  },
  "optionalDependencies": {
    "dd-trace": "^5.18.0"
  }
}
`

const grownPackageJSON = `{
  "name": "web",
  "dependencies": {
    "@chronark/zod-bird": "^1.0.0",
    "@mendable/firecrawl-js": "^1.29.1",
    "@prisma/adapter-planetscale": "6.19.1",
    "@team-plain/typescript-sdk": "^5.9.0",
    "@veriff/incontext-sdk": "^2.5.0",
    "inngest": "^3.54.0",
    "next-axiom": "^0.17.0",
    "react-turnstile": "^1.1.3",
    "svix": "^1.76.1",
    "tremendous": "4.12.0",
    "unsplash-js": "^7.0.18"
  }
}
`

const grownPyproject = `[project]
name = "posthog"
dependencies = [
    "aioboto3==15.4.0",
    "databricks-sdk~=0.118.0",
    "elevenlabs~=2.1.0",
    "google-genai==1.46.0",
    "langchain-anthropic~=0.3.22",
    "modal[api-proxy-support]~=1.5.4",
    "posthoganalytics==7.47.2",
    "simple-salesforce~=1.12.9",
    "snowflake-connector-python==4.3.0",
    "temporalio==1.24.0",
]
`

const grownGoMod = `module github.com/acme/worker

require (
	github.com/axiomhq/axiom-go v0.21.1
	github.com/inngest/inngestgo v0.16.1
	github.com/muxinc/mux-go/v6 v6.0.0
	github.com/team-plain/go-sdk v0.0.1
	github.com/tink-crypto/tink-go-gcpkms v1.0.0
	github.com/svix/svix-webhooks v1.67.0
)
`

const composerJSON = `{
    "name": "acme/shop",
    "require": {
        "php": "^8.2",
        "ext-json": "*",
        "stripe/stripe-php": "^15.0",
        "Sentry/sentry-laravel": "^4.7",
        "aws/aws-sdk-php": "^3.3"
    },
    "require-dev": {
        "mockery/mockery": "^1.6",
        "twilio/sdk": "^8.0"
    }
}
`

const requirementsTxt = `# Production requirements
-r base.txt
--index-url https://pypi.org/simple
-e git+https://github.com/acme/lib.git#egg=stripe

Django==5.0.6
sentry-sdk[django,celery]>=2.8.0 ; python_version >= "3.10"
Boto3~=1.34   # S3 uploads
stripe-mock-client==0.1
openai==1.35.0 \
    --hash=sha256:aaaa \
    twilio
google_cloud.storage==2.17.0
./vendor/local-pkg
anthropic @ https://example.invalid/anthropic-0.30.0-py3-none-any.whl
  posthog#not-a-comment-but-invalid
  resend --hash=sha256:cccc
mixpanel-
`

const pep621 = `[build-system]
requires = ["hatchling", "boto3"]
build-backend = "hatchling.build"

[project]
name = "acme-api"
description = """
Billing service.
[tool.poetry.dependencies]
twilio = "not a table"
"""
dependencies = [
    "fastapi>=0.111",
    "Stripe>=10.0",  # payments
    'sentry-sdk[fastapi]',
    "posthog ; python_version>='3.9'",
]
requires-python = ">=3.10"

[project.optional-dependencies]
aws = ["boto3"]

[dependency-groups]
dev = ["openai"]
`

const poetry = `[tool.poetry]
name = "acme-worker"
version = "0.1.0"

[tool.poetry.dependencies]
python = "^3.11"
celery = { version = "^5.4", extras = ["redis"] }
"sentry-sdk" = "^2.8"
twilio = [
    { version = "^9.0", python = "<3.12" },
    { version = "^9.2", python = ">=3.12" },
]
anthropic.version = "^0.30"

[tool.poetry.group.dev.dependencies]
openai = "^1.35"
`

const cargoToml = `[package]
name = "acme-billing"
version = "0.1.0"
edition = "2021"

[dependencies]
tokio = { version = "1", features = ["full"] }
stripe = { package = "async-stripe", version = "0.37", features = ["runtime-tokio-hyper"] }
aws-config = { workspace = true }
aws_sdk_s3.workspace = true
serde = "1"

[dependencies.sentry]
version = "0.34"
default-features = false

[target.'cfg(target_os = "linux")'.dependencies]
launchdarkly-server-sdk = "2"

[dev-dependencies]
async-openai = "0.23"

[build-dependencies]
google-cloud-storage = "0.20"
`

// TestScanMalformed: a JSON or TOML manifest that does not parse proves
// nothing, even where a dependency can be read before the error.
func TestScanMalformed(t *testing.T) {
	for _, c := range []struct{ path, content string }{
		{"package.json", `{"dependencies": {"stripe": "1",}}`},
		{"package.json", `{"dependencies": {"stripe": "1"}`},
		{"package.json", `[{"dependencies": {"stripe": "1"}}]`},
		{"package.json", `{"dependencies": ["stripe"]}`},
		{"package.json", `{"dependencies": "stripe"}`},
		{"composer.json", ``},
		{"Cargo.toml", "[dependencies]\nsentry = \"0.34\nstripe = 1\n"},
		{"Cargo.toml", "[dependencies]\nsentry = { version = \"0.34\"\n"},
		{"Cargo.toml", "[dependencies\nsentry = \"1\"\n"},
		{"Cargo.toml", "[dependencies]\nsentry\n"},
		{"Cargo.toml", "[dependencies]\nsentry = \"1\" = 2\n"},
		{"Cargo.toml", "[dependencies]\nsentry = \"1\"]\n"},
		{"pyproject.toml", "[project]\ndependencies = [\"stripe\", '''never closed\n"},
	} {
		if hits := Scan(c.path, []byte(c.content)); hits != nil {
			t.Errorf("Scan(%s %q) = %v, want nothing", c.path, c.content, hits)
		}
	}
}

const gemfile = `source "https://rubygems.org"
git_source(:github) { |repo| "https://github.com/#{repo}.git" }

ruby "3.3.4"

gem "rails", "~> 7.1.3"
gem "stripe", "~> 12.0"
gem 'aws-sdk-s3', require: false
# gem "sentry-ruby"
gem "newrelic_rpm"
gem "rollbar", group: :development

if ENV["CLOUD"] == "gcp"
  gem "google-cloud-storage"
end

group :development, :test do
  gem "debug", platforms: %i[mri windows]
  gem "twilio-ruby"
end

group :production do
  gem "sentry-rails"
end

gem "bugsnag", groups: [:development, :test]
gem "honeybadger", group: [:development, :production]
`

const workflow = `name: deploy
on:
  push:
    branches: [main]
# ${{ secrets.PUSHER_KEY }} is commented out but still exists in settings
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: ${{ secrets.AWS_DEPLOY_ROLE }}
      - name: Release
        run: npx sentry-cli releases new "$GITHUB_SHA"
        env:
          SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}
          GH: ${{ secrets.GITHUB_TOKEN }}
          KEY: ${{ inputs.secrets.OPENAI_KEY }}
          STRIPE_KEY: ${{ secrets['stripe_live_key'] || secrets.STRIPE_TEST_KEY }}
      - uses: "getsentry/action-release@v1"
      - uses: google-github-actions/release-please-action@v4
      - uses: superfly/flyctl-actions/setup-flyctl@master
      - run: echo "${{
          secrets.ANTHROPIC_API_KEY }}"
`

const vendorOrgActions = `name: release
on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: getsentry/action-clickhouse-in-ci@5dc8a6a50d689bd6051db0241f34849e5a36490b # v1.7
      - uses: getsentry/codecov-action@66554aa51d8656c657e233a9e98bcb18e95f2c9a # main
      - uses: getsentry/craft/.github/workflows/changelog-preview.yml@cd1e8294061fd970b40d98b77aaa109cb1e00e78
      - uses: azure/setup-helm@5119fcb9089d432beecbf79bb2c7915207344b78 # v3.5
      - uses: azure/setup-kubectl@v4
      - uses: getsentry/action-release@v3
        env:
          SENTRY_ORG: acme
`

func TestIsManifest(t *testing.T) {
	for p, want := range map[string]bool{
		"go.mod":                                 true,
		"./go.mod":                               true,
		"tools/go.mod":                           true,
		"package.json":                           true,
		"apps/web/package.json":                  true,
		`apps\web\package.json`:                  true,
		"node_modules/stripe/package.json":       false,
		"vendor/stripe/stripe-php/composer.json": false,
		"internal/testdata/go.mod":               false,
		"composer.json":                          true,
		"Cargo.toml":                             true,
		"cargo.toml":                             false,
		"pyproject.toml":                         true,
		"Gemfile":                                true,
		"Gemfile.lock":                           false,
		"requirements.txt":                       true,
		"requirements-prod.txt":                  true,
		"svc/requirements_base.txt":              true,
		"requirements/base.txt":                  true,
		"requirements-dev.txt":                   false,
		"requirements_test.txt":                  false,
		"requirements/docs.txt":                  false,
		"notes.txt":                              false,
		".github/workflows/ci.yml":               true,
		".github/workflows/deploy.yaml":          true,
		".github/workflows/README.md":            false,
		".github/ci.yml":                         false,
		"workflows/ci.yml":                       false,
		"package-lock.json":                      false,
		"":                                       false,
		// Tests, examples and development containers are not production.
		"tests/requirements.txt":           false,
		"e2e/package.json":                 false,
		"examples/ruby/guides/Gemfile":     false,
		".devcontainer/docker-compose.yml": false,
		"src/__tests__/package.json":       false,
		// Platform files, by exact name.
		"fly.toml":                  true,
		"apps/web/vercel.json":      true,
		"render.yaml":               true,
		"render.yml":                false,
		"railway.toml":              true,
		"railway.json":              true,
		"netlify.toml":              true,
		"heroku.yml":                true,
		"wrangler.jsonc":            true,
		"firebase.json":             true,
		"Fly.toml":                  false,
		"examples/next/vercel.json": false,
		// Compose files, except development and test sets.
		"docker-compose.yml":             true,
		"docker-compose.yaml":            true,
		"compose.yaml":                   true,
		"deploy/docker-compose.prod.yml": true,
		"docker-compose-production.yml":  true,
		"docker-compose.override.yml":    true,
		"docker-compose.test.yml":        false,
		"docker-compose.dev.yml":         false,
		"docker-compose.ci.yaml":         false,
		"docker/development/compose.yml": false,
		"docker-composer.yml":            false,
		"compose.json":                   false,
		"docker-compose.yml.bak":         false,
		// Environment templates, never the live files.
		".env.example":            true,
		"apps/web/.env.example":   true,
		".env.sample":             true,
		".env.template":           true,
		".env.dist":               true,
		".env.production.example": true,
		".env.test.example":       false,
		".env.local.example":      false,
		".env":                    false,
		".env.local":              false,
		".env.production":         false,
		".env.example.bak":        false,
		"env.example":             false,
	} {
		if got := IsManifest(p); got != want {
			t.Errorf("IsManifest(%q) = %v, want %v", p, got, want)
		}
	}
	if Scan("requirements-dev.txt", []byte("stripe\n")) != nil {
		t.Error("Scan read a file IsManifest rejects")
	}
}

// fuzzPaths are the file kinds FuzzScan feeds.
var fuzzPaths = []string{
	"go.mod", "package.json", "composer.json", "Cargo.toml", "pyproject.toml",
	"Gemfile", "requirements.txt", ".github/workflows/ci.yml",
	"docker-compose.yml", ".env.example", "fly.toml",
}

func FuzzScan(f *testing.F) {
	for i, content := range []string{goMod, packageJSON, composerJSON, cargoToml, pep621, gemfile, requirementsTxt, workflow,
		composeYAML, envExample, flyToml} {
		f.Add(uint8(i), []byte(content))
	}
	f.Add(uint8(4), []byte(poetry))
	f.Add(uint8(3), []byte("[a]\nb = '''x''''\"\n"))
	f.Fuzz(func(t *testing.T, kind uint8, content []byte) {
		p := fuzzPaths[int(kind)%len(fuzzPaths)]
		hits := Scan(p, content)
		nLines := strings.Count(string(content), "\n") + 1
		seen := map[*Vendor]bool{}
		for i, h := range hits {
			if h.Vendor == nil || h.Path != p || !strings.HasSuffix(h.Evidence, " in "+p) {
				t.Fatalf("bad hit %+v", h)
			}
			if h.Line < 1 || h.Line > nLines || h.Column < 1 {
				t.Fatalf("hit %+v outside the %d-line file", h, nLines)
			}
			if seen[h.Vendor] {
				t.Fatalf("vendor %s reported twice", h.Vendor.Name)
			}
			seen[h.Vendor] = true
			if i > 0 && (h.Line < hits[i-1].Line || h.Line == hits[i-1].Line && h.Column < hits[i-1].Column) {
				t.Fatalf("hits out of order: %+v after %+v", h, hits[i-1])
			}
		}
	})
}

// TestScan runs each manifest format on realistic files; the positions are
// exact and each is also checked against the text it points at.
func TestScan(t *testing.T) {
	for _, c := range []struct {
		path, content string
		want          []wantHit
	}{
		{"go.mod", goMod, []wantHit{
			{"Google Cloud", 8, 2, "cloud.google.com/go/storage"},
			{"AWS", 9, 2, "github.com/aws/aws-sdk-go-v2"},
			{"Sentry", 11, 2, "github.com/getsentry/sentry-go"},
			{"Stripe", 12, 2, "github.com/stripe/stripe-go/v76"},
			{"Twilio", 14, 3, "github.com/twilio/twilio-go"},
			{"OpenAI", 25, 9, "github.com/openai/openai-go"},
		}},
		{"services/api/go.mod", "module x\r\n\r\nrequire(\r\n  github.com/resend/resend-go/v2 v2.10.0\r\n)\r\n", []wantHit{
			{"Resend", 4, 3, "github.com/resend/resend-go/v2"},
		}},
		{"web/package.json", packageJSON, []wantHit{
			{"Sentry", 8, 6, "@sentry/nextjs"},
			{"Stripe", 9, 6, "@stripe/stripe-js"},
			{"PayPal", 13, 6, "@paypal/paypal-js (as pay)"},
			{"Supabase", 20, 6, "@supabase/supabase-js"},
			{"Datadog", 23, 6, "dd-trace"},
		}},
		// An escaped quote before the key, and a non-ASCII description, must
		// not shift the column.
		{"package.json", `{"dependencies": {"a\"b": "1", "openai": "4"}}`, []wantHit{{"OpenAI", 1, 33, "openai"}}},
		{"package.json", `{"description": "Zahlungsdienst für Läden", "dependencies": {"resend": "3"}}`,
			[]wantHit{{"Resend", 1, 63, "resend"}}},
		{"package.json", "\ufeff{\n\"dependencies\": {\"twilio\": \"5\"}}", []wantHit{{"Twilio", 2, 19, "twilio"}}},
		// SDKs the table learnt from real manifests (dub, documenso, cal.com
		// package.json; svix only verifies other vendors' webhooks there).
		{"apps/web/package.json", grownPackageJSON, []wantHit{
			{"Tinybird", 4, 6, "@chronark/zod-bird"},
			{"Firecrawl", 5, 6, "@mendable/firecrawl-js"},
			{"PlanetScale", 6, 6, "@prisma/adapter-planetscale"},
			{"Plain", 7, 6, "@team-plain/typescript-sdk"},
			{"Veriff", 8, 6, "@veriff/incontext-sdk"},
			{"Inngest", 9, 6, "inngest"},
			{"Axiom", 10, 6, "next-axiom"},
			{"Cloudflare", 11, 6, "react-turnstile"},
			{"Tremendous", 13, 6, "tremendous"},
			{"Unsplash", 14, 6, "unsplash-js"},
		}},
		{"composer.json", composerJSON, []wantHit{
			{"Stripe", 6, 10, "stripe/stripe-php"},
			{"Sentry", 7, 10, "Sentry/sentry-laravel"},
			{"AWS", 8, 10, "aws/aws-sdk-php"},
		}},
		{"requirements.txt", requirementsTxt, []wantHit{
			{"Sentry", 7, 1, "sentry-sdk"},
			{"AWS", 8, 1, "Boto3"},
			{"OpenAI", 10, 1, "openai"},
			{"Google Cloud", 13, 1, "google_cloud.storage"},
			{"Anthropic", 15, 1, "anthropic"},
			{"Resend", 17, 3, "resend"},
		}},
		{"deploy/requirements/prod.txt", "stripe>=9\n", []wantHit{{"Stripe", 1, 1, "stripe"}}},
		{"pyproject.toml", pep621, []wantHit{
			{"Stripe", 14, 6, "Stripe"},
			{"Sentry", 15, 6, "sentry-sdk"},
			{"PostHog", 16, 6, "posthog"},
		}},
		// PostHog's own dependencies; temporalio may be self-hosted.
		{"pyproject.toml", grownPyproject, []wantHit{
			{"AWS", 4, 6, "aioboto3"},
			{"Databricks", 5, 6, "databricks-sdk"},
			{"ElevenLabs", 6, 6, "elevenlabs"},
			{"Google Gemini", 7, 6, "google-genai"},
			{"Anthropic", 8, 6, "langchain-anthropic"},
			{"Modal", 9, 6, "modal"},
			{"PostHog", 10, 6, "posthoganalytics"},
			{"Salesforce", 11, 6, "simple-salesforce"},
			{"Snowflake", 12, 6, "snowflake-connector-python"},
		}},
		{"Gemfile", "gem \"sentry-ruby\"\ngem \"logtail-rails\"\ngem \"skylight\"\ngem \"intercom-rails\"\n", []wantHit{
			{"Sentry", 1, 6, "sentry-ruby"},
			{"Better Stack", 2, 6, "logtail-rails"},
			{"Skylight", 3, 6, "skylight"},
			{"Intercom", 4, 6, "intercom-rails"},
		}},
		{"go.mod", grownGoMod, []wantHit{
			{"Axiom", 4, 2, "github.com/axiomhq/axiom-go"},
			{"Inngest", 5, 2, "github.com/inngest/inngestgo"},
			{"Mux", 6, 2, "github.com/muxinc/mux-go/v6"},
			{"Plain", 7, 2, "github.com/team-plain/go-sdk"},
			{"Google Cloud", 8, 2, "github.com/tink-crypto/tink-go-gcpkms"},
		}},
		{"worker/pyproject.toml", poetry, []wantHit{
			{"Sentry", 8, 2, "sentry-sdk"},
			{"Twilio", 9, 1, "twilio"},
			{"Anthropic", 13, 1, "anthropic"},
		}},
		{"Cargo.toml", cargoToml, []wantHit{
			{"Stripe", 8, 1, "async-stripe (as stripe)"},
			{"AWS", 9, 1, "aws-config"},
			{"Sentry", 13, 15, "sentry"},
			{"LaunchDarkly", 18, 1, "launchdarkly-server-sdk"},
		}},
		{"crates/pay/Cargo.toml", "[dependencies.pay]\npackage = \"async-stripe\"\nversion = \"0.37\"\n",
			[]wantHit{{"Stripe", 1, 15, "async-stripe (as pay)"}}},
		{"Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n\n[workspace.dependencies]\nsentry-tracing = \"0.34\"\n",
			[]wantHit{{"Sentry", 5, 1, "sentry-tracing"}}},
		{"Gemfile", gemfile, []wantHit{
			{"Stripe", 7, 6, "stripe"},
			{"AWS", 8, 6, "aws-sdk-s3"},
			{"New Relic", 10, 6, "newrelic_rpm"},
			{"Google Cloud", 14, 8, "google-cloud-storage"},
			{"Sentry", 23, 8, "sentry-rails"},
			{"Honeybadger", 27, 6, "honeybadger"},
		}},
		{".github/workflows/deploy.yml", workflow, []wantHit{
			{"Pusher", 5, 7, "secrets.PUSHER_KEY"},
			{"AWS", 13, 15, "uses: aws-actions/configure-aws-credentials"},
			{"Sentry", 19, 34, "secrets.SENTRY_AUTH_TOKEN"},
			{"Stripe", 22, 27, "secrets.stripe_live_key"},
			{"Fly.io", 25, 15, "uses: superfly/flyctl-actions/setup-flyctl"},
			{"Anthropic", 27, 11, "secrets.ANTHROPIC_API_KEY"},
		}},
		{".github/workflows/ci.yaml", "env:\n  T: ${{ secrets.GITHUB_TOKEN }}\n  U: ${{ secrets.STRIPE_ }}\n  V: ${{ secrets.STRIPE", nil},
		// A vendor's organisation publishes generic tools too: only the
		// actions that call its service count (sentry-python's own CI).
		{".github/workflows/release.yml", vendorOrgActions, []wantHit{
			{"Sentry", 12, 15, "uses: getsentry/action-release"},
		}},
		// A generic action of the organisation still reveals the service
		// through the secret its step is given.
		{".github/workflows/test.yml", "steps:\n  - uses: getsentry/codecov-action@main\n    with:\n      token: ${{ secrets.SENTRY_TOKEN }}\n",
			[]wantHit{{"Sentry", 4, 18, "secrets.SENTRY_TOKEN"}}},
	} {
		t.Run(c.path, func(t *testing.T) { checkScan(t, c.path, c.content, c.want) })
	}
}

// TestPositioner compares the one-pass positioner with a direct count at
// every offset, across CRLF line ends, blank lines and multi-byte runes.
func TestPositioner(t *testing.T) {
	content := []byte("a\r\n\nZahlungsdienst für Läden\n\t€ x\n\nend")
	var p positioner
	for off := 0; off <= len(content); off++ {
		before := string(content[:off])
		wantLine := strings.Count(before, "\n") + 1
		wantCol := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
		if line, col := p.at(content, off); line != wantLine || col != wantCol {
			t.Fatalf("at(%d) = %d:%d, want %d:%d", off, line, col, wantLine, wantCol)
		}
	}
}
