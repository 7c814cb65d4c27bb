package saas

import (
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	vs := Vendors()
	if len(vs) < 40 {
		t.Errorf("table has %d vendors, want at least 40", len(vs))
	}
	names := map[string]string{}
	matchers := 0
	for _, v := range vs {
		if v.Name == "" || v.Category == "" {
			t.Errorf("vendor %q has no name or no category", v.Name)
		}
		if len(v.matchers) == 0 {
			t.Errorf("%s has no matcher", v.Name)
		}
		for _, n := range append([]string{v.Name}, v.Aliases...) {
			if prev, ok := names[strings.ToLower(n)]; ok {
				t.Errorf("name %q of %s is also a name of %s", n, v.Name, prev)
			}
			names[strings.ToLower(n)] = v.Name
		}
		for eco, ms := range v.matchers {
			matchers += len(ms)
			for _, m := range ms {
				if eco == ecoSecret && strings.HasSuffix(m, "*") && !strings.HasSuffix(m, "_*") {
					t.Errorf("%s: secret prefix %q should end in _* so it stops at a word", v.Name, m)
				}
			}
		}
	}
	t.Logf("%d vendors, %d matchers", len(vs), matchers)
}

// TestTableUnambiguous checks that no name can belong to two vendors: no
// prefix of one vendor starts another vendor's matcher, and no Go module
// path of one vendor lies under another's.
func TestTableUnambiguous(t *testing.T) {
	for _, eco := range ecosystems {
		type m struct {
			text   string
			vendor *Vendor
		}
		var all []m
		for _, v := range Vendors() {
			for _, text := range v.matchers[eco] {
				all = append(all, m{text, v})
			}
		}
		for _, a := range all {
			for _, b := range all {
				if a.vendor == b.vendor {
					continue
				}
				if p, ok := strings.CutSuffix(a.text, "*"); ok && strings.HasPrefix(b.text, p) {
					t.Errorf("%s: %s's %q covers %s's %q", eco, a.vendor.Name, a.text, b.vendor.Name, b.text)
				}
				if eco == ecoGo && strings.HasPrefix(b.text, a.text+"/") {
					t.Errorf("go: %s's %q contains %s's %q", a.vendor.Name, a.text, b.vendor.Name, b.text)
				}
			}
		}
	}
}

func TestLookup(t *testing.T) {
	for _, c := range []struct {
		eco  ecosystem
		name string
		want string // vendor name, "" for none
	}{
		{ecoGo, "github.com/stripe/stripe-go", "Stripe"},
		{ecoGo, "github.com/stripe/stripe-go/v82", "Stripe"},
		{ecoGo, "github.com/stripe/stripe-go-mock", ""},
		{ecoGo, "github.com/stripe/smokescreen", ""},
		{ecoGo, "github.com/aws/aws-sdk-go-v2/feature/s3/manager", "AWS"},
		{ecoGo, "github.com/datadog/datadog-go", ""}, // module paths are case-sensitive
		{ecoGo, "github.com/cloudflare/circl", ""},
		{ecoNPM, "@Sentry/Node", "Sentry"},
		{ecoNPM, "@sentry/", ""},
		{ecoNPM, "sentry", ""},
		{ecoNPM, "stripe-mock", ""},
		{ecoNPM, "@vercel/ncc", ""},
		{ecoPyPI, "Sentry_SDK", "Sentry"},
		{ecoPyPI, "sentry..sdk", "Sentry"},
		{ecoPyPI, "google.cloud.bigquery", "Google Cloud"},
		{ecoPyPI, "google-cloud", ""},
		{ecoPyPI, "boto", ""},
		{ecoCargo, "lambda-runtime", "AWS"},
		{ecoCargo, "aws_sdk_dynamodb", "AWS"},
		{ecoCargo, "sentry-core", "Sentry"},
		{ecoComposer, "Google/Cloud-Storage", "Google Cloud"},
		{ecoGem, "aws-sdk-s3", "AWS"},
		{ecoGem, "aws-sdk", "AWS"},
		{ecoSecret, "dd_api_key", "Datadog"},
		{ecoSecret, "GITHUB_TOKEN", ""},
		{ecoSecret, "FLYWAY_URL", ""},
		{ecoSecret, "STRIPE", ""},
		{ecoAction, "Azure/login", "Azure"},
		{ecoAction, "google-github-actions/release-please-action", ""},
		// An organisation's generic tools are not its service.
		{ecoAction, "getsentry/action-release", "Sentry"},
		{ecoAction, "getsentry/craft", ""},
		{ecoAction, "azure/setup-helm", ""},
		{ecoAction, "cloudflare/wrangler-action", "Cloudflare"},
		// Front-end build tools' prefixes are seen through.
		{ecoSecret, "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", "Stripe"},
		{ecoSecret, "vite_sentry_dsn", "Sentry"},
		{ecoSecret, "REACT_APP_NEXT_PUBLIC_STRIPE_KEY", ""},
		{ecoSecret, "NEXT_PUBLIC_", ""},
		{ecoSecret, "NEXT_PUBLIC_GITHUB_ID", ""},
		{ecoSecret, "PLAIN_API_KEY", "Plain"},
		{ecoSecret, "PLAIN_TEXT_EMAILS", ""},
		{ecoSecret, "DAILY_REPORT_HOUR", ""},
		// A tunnel's address is no credential; its token is.
		{ecoSecret, "NEXT_PUBLIC_NGROK_URL", ""},
		{ecoSecret, "NGROK_AUTHTOKEN", "ngrok"},
		// Self-hosted servers and look-alike images are not the service.
		{ecoImage, "datadog/agent", "Datadog"},
		{ecoImage, "datadog/agent-dev-env-linux", ""},
		{ecoImage, "getsentry/sentry", ""},
		{ecoFile, "fly.toml", "Fly.io"},
		{ecoFile, "Fly.toml", ""},
		// Names that differ between registries, and libraries that only
		// mention a vendor.
		{ecoNPM, "loops", "Loops"},
		{ecoPyPI, "loops", ""},
		{ecoNPM, "svix", ""},
		{ecoNPM, "@ai-sdk/openai", "OpenAI"},
		{ecoNPM, "@ai-sdk/openai-compatible", ""},
		{ecoNPM, "@vercel/og", ""},
		{ecoNPM, "@prisma/adapter-pg", ""},
	} {
		got := ""
		if v := table.lookup(c.eco, c.name); v != nil {
			got = v.Name
		}
		if got != c.want {
			t.Errorf("lookup(%s, %q) = %q, want %q", c.eco, c.name, got, c.want)
		}
	}
}

func TestPEP503(t *testing.T) {
	for in, want := range map[string]string{
		"Sentry_SDK": "sentry-sdk", "a.-_b": "a-b", "zope.interface": "zope-interface", "X": "x",
	} {
		if got := pep503(in); got != want {
			t.Errorf("pep503(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	for data, want := range map[string]string{
		`[{"name": "X", "category": "c", "npm": ["x"]}, {"name": "Y", "category": "c", "npm": ["X"]}]`: `npm matcher "X" is also listed under X`,
		`[{"name": "X", "category": "c", "go": ["example.com/*"]}]`:                                    `go matcher "example.com/*"`,
		`[{"name": "X", "category": "c", "npm": ["a*b*"]}]`:                                            `npm matcher "a*b*"`,
		`[{"name": "X", "category": "c", "npm": ["*"]}]`:                                               `npm matcher "*"`,
		`[{"name": "X", "categroy": "c"}]`:                                                             `unknown field "categroy"`,
		`[{"name": "X", "category": "c", "actions": ["getsentry/*"]}]`:                                 `actions matcher "getsentry/*": list each one`,
		`[{"name": "X", "category": "c", "files": ["fly*"]}]`:                                          `files matcher "fly*"`,
		`{}`: `cannot unmarshal object`,
	} {
		_, _, err := load([]byte(data))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("load(%s) error = %v, want one containing %q", data, err, want)
		}
	}
}

func TestVendorsIsACopy(t *testing.T) {
	a := Vendors()
	a[0] = nil
	if Vendors()[0] == nil {
		t.Error("changing the slice Vendors returned changed the table")
	}
}

func vendorNamed(t *testing.T, name string) *Vendor {
	t.Helper()
	for _, v := range Vendors() {
		if v.Name == name {
			return v
		}
	}
	t.Fatalf("no vendor %q in the table", name)
	return nil
}

func TestListed(t *testing.T) {
	for _, c := range []struct {
		vendor string
		doc    []string
		want   bool
	}{
		{"Stripe", []string{"Stripe"}, true},
		{"Stripe", []string{"stripe"}, true},
		{"Stripe", []string{"Stripe, Inc."}, true},
		{"Stripe", []string{"Stripe Inc"}, true},
		{"Stripe", []string{"  Stripe  "}, true},
		{"Stripe", []string{"Stripey"}, false},
		{"Stripe", []string{"Braintree", "PayPal"}, false},
		{"Stripe", nil, false},
		{"Stripe", []string{""}, false},
		{"Sentry", []string{"Sentry (errors)"}, true},
		{"Sentry", []string{"sentry.io"}, true},
		{"Sentry", []string{"Sentry - error tracking"}, true},
		{"Sentry", []string{"Sentry: errors"}, true},
		{"AWS", []string{"Amazon Web Services (S3, SES)"}, true},
		{"AWS", []string{"AWS S3"}, true},
		{"AWS", []string{"Amazon"}, false},
		{"Google Cloud", []string{"GCP"}, true},
		{"Google Cloud", []string{"Google Cloud Platform"}, true},
		{"Google Cloud", []string{"Google"}, false},
		{"Google Cloud", []string{"Google Workspace"}, false},
		{"Twilio SendGrid", []string{"SendGrid"}, true},
		{"Twilio SendGrid", []string{"Twilio"}, false},
		{"Fly.io", []string{"Fly.io"}, true},
		{"Fly.io", []string{"fly"}, true},
		{"Fly.io", []string{"Flywheel"}, false},
		{"New Relic", []string{"NewRelic"}, true},
		{"New Relic", []string{"New Relic, Inc."}, true},
		{"New Relic", []string{"New"}, false},
	} {
		if got := vendorNamed(t, c.vendor).Listed(c.doc); got != c.want {
			t.Errorf("%s.Listed(%q) = %v, want %v", c.vendor, c.doc, got, c.want)
		}
	}
}
