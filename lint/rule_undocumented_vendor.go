package lint

import (
	"github.com/handover-dev/handover/lint/result"
	"github.com/handover-dev/handover/lint/saas"
)

func init() { register(ruleUndocumentedVendor) }

var ruleUndocumentedVendor = &Rule{
	ID:       result.RuleUndocumentedVendor,
	Severity: Warning,
	Summary:  "a manifest or workflow secret points at a hosted service the vendors doc lacks",
	Explain: `The code knows which hosted services it depends on: an SDK in go.mod,
package.json, requirements.txt, pyproject.toml, Gemfile, Cargo.toml or
composer.json; a secret or a service's own action in a GitHub workflow; a
platform's configuration file (fly.toml, vercel.json, render.yaml,
railway.toml, netlify.toml, heroku.yml, wrangler.toml, firebase.json); a
vendor's agent image in a Compose file (datadog/agent, not postgres); or a
variable in an environment template (.env.example, .env.sample:
TWILIO_AUTH_TOKEN, NEXT_PUBLIC_POSTHOG_KEY). Each one is an account with a
bill, an owner and credentials, which the successor must know about. The
rule scans these files against an embedded table of SaaS vendors and
reports each vendor that no name in the vendors document lists, at the
line that proves it. Vendored copies, tests, examples, development
containers and development-only dependencies do not count, nor does a
generic tool that a vendor's GitHub organisation publishes
(getsentry/action-clickhouse-in-ci is not Sentry; getsentry/action-release
is). The live .env files are never read. Names match loosely: "Stripe,
Inc.", "sentry.io" and "AWS S3" list Stripe, Sentry and AWS. Skipped when
there is no vendors document.

Fix: add the vendor to vendors.md with its service and account owner, or
remove the dependency if it is no longer used. A vendor that is no account
of yours (an SDK behind an optional feature users switch on with their own
key) goes into the rule's ignore list:
rules: {undocumented-vendor: {ignore: [Sentry]}}.`,
	Options: []Option{vendorIgnore},
	Run: func(p *Pass) error {
		vendors := p.Folder.Vendors
		if vendors == nil {
			return nil
		}
		var names []string
		for _, v := range vendors.Vendors {
			names = append(names, v.Name)
		}
		files, err := p.Source.Files()
		if err != nil {
			return err
		}
		ignore := p.List(vendorIgnore)
		for _, path := range files {
			if !saas.IsManifest(path) {
				continue
			}
			content, err := p.Source.ReadFile(path)
			if err != nil {
				continue
			}
			for _, hit := range saas.Scan(path, content) {
				if hit.Vendor.Listed(names) || matchAny(ignore, hit.Vendor.Name, hit.Name, hit.Path) {
					continue
				}
				f := At(hit.Path, hit.Line, hit.Column, "%s is a hosted service this code depends on (%s) but the vendors document does not list it: add it to %s with its account owner (or to the rule's ignore list)",
					hit.Vendor.Name, hit.Evidence, vendors.Path)
				f.Subject = hit.Vendor.Name
				p.Report(f)
			}
		}
		return nil
	},
}

var vendorIgnore = &ListOption{Name: "ignore", Doc: `what is no account to hand over: a vendor's name, the package or variable that proves it, or the file it is in, each a name or a glob, such as [Sentry, "@ai-sdk/*", "examples/**"]`}
