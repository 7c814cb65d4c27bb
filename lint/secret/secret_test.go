package secret

import (
	"encoding/base64"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fake secrets are generated at run time so that the repository holds no
// string a secret scanner (GitHub push protection) would flag.
const (
	alnum     = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	upperNum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	base64Set = alnum + "+/"
	urlSafe   = alnum + "-_"
	hexLower  = "0123456789abcdef"
	letters   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)

func fake(alphabet string, n int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 7))
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}

func b64url(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

var (
	ghClassic  = "gh" + "p_" + fake(alnum, 36, 1)
	ghOAuth    = "gh" + "o_" + fake(alnum, 36, 2)
	ghUser     = "gh" + "u_" + fake(alnum, 36, 3)
	ghServer   = "gh" + "s_" + fake(alnum, 36, 4)
	ghRefresh  = "gh" + "r_" + fake(alnum, 36, 5)
	ghFine     = "github" + "_pat_" + fake(alnum, 22, 6) + "_" + fake(alnum, 59, 7)
	glToken    = "gl" + "pat-" + fake(urlSafe, 20, 8)
	slackBot   = "xo" + "xb-" + fake("0123456789", 12, 9) + "-" + fake("0123456789", 13, 10) + "-" + fake(alnum, 24, 11)
	slackUser  = "xo" + "xp-" + fake("0123456789", 12, 12) + "-" + fake("0123456789", 12, 13) + "-" + fake(hexLower, 32, 14)
	slackApp   = "xo" + "xa-" + "2-" + fake(alnum, 30, 15)
	slackRfsh  = "xo" + "xr-" + "1-" + fake(alnum, 30, 16)
	slackHook  = "https://hooks.slack.com/" + "services/T" + fake(upperNum, 8, 17) + "/B" + fake(upperNum, 10, 18) + "/" + fake(alnum, 24, 19)
	stripeLive = "sk" + "_live_" + fake(alnum, 24, 20)
	stripeTest = "sk" + "_test_" + fake(alnum, 24, 21)
	stripeRk   = "rk" + "_live_" + fake(alnum, 24, 22)
	awsKeyID   = "AK" + "IA" + fake(upperNum, 16, 23)
	awsTempID  = "AS" + "IA" + fake(upperNum, 16, 24)
	awsSecret  = fake(base64Set, 40, 25)
	googleKey  = "AI" + "za" + fake(urlSafe, 35, 26)
	keyBody    = fake(base64Set, 64, 27)
	jwt        = b64url(`{"alg":"HS256","typ":"JWT"}`) + "." + b64url(`{"sub":"ops-bot","iat":1767225600}`) + "." + fake(urlSafe, 43, 28)
	password   = "Xy7" + fake(base64Set, 13, 29) + "!"
	hexToken   = fake(hexLower, 40, 30)
	dbPassword = "Pg" + fake(alnum, 18, 31)
	openaiProj = "sk" + "-proj-" + fake(urlSafe, 74, 50) + "T3Blbk" + "FJ" + fake(urlSafe, 74, 51)
	openaiUser = "sk" + "-" + fake(alnum, 20, 52) + "T3Blbk" + "FJ" + fake(alnum, 20, 53)
	openaiSvc  = "sk" + "-svcacct-" + fake(urlSafe, 58, 64) + "T3Blbk" + "FJ" + fake(urlSafe, 58, 65)
	anthropic  = "sk" + "-ant-api03-" + fake(urlSafe, 93, 54) + "AA"
	resendKey  = "re" + "_" + fake(alnum, 8, 55) + "_" + fake(alnum, 24, 56)
	npmToken   = "np" + "m_" + fake(alnum, 36, 57)
	sendgrid   = "SG" + "." + fake(urlSafe, 22, 58) + "." + fake(urlSafe, 43, 59)
	azureKey   = fake(base64Set, 86, 60) + "=="
	hfToken    = "hf" + "_" + fake(letters, 34, 61)
	hfOrg      = "api" + "_org_" + fake(letters, 34, 66)
	shopify    = "shp" + "at_" + fake(hexLower, 32, 62)
	pypiToken  = "pypi" + "-AgEIcHlwaS5vcmc" + fake(urlSafe, 120, 63)
)

func pemBlock(label string) string {
	return "-----BEGIN " + label + "-----\n" + keyBody + "\n" + fake(base64Set, 64, 32) + "\n-----END " + label + "-----\n"
}

type want struct {
	line, col int
	kind      string
	redacted  string
	secret    string
}

var positives = []struct {
	name string
	text string
	want []want
}{
	{"github classic in yaml", "deploy:\n  token: " + ghClassic + "\n", []want{{2, 10, "GitHub token", "ghp_…", ghClassic}}},
	{"github oauth", "oauth " + ghOAuth, []want{{1, 7, "GitHub token", "gho_…", ghOAuth}}},
	{"github user-to-server", ghUser, []want{{1, 1, "GitHub token", "ghu_…", ghUser}}},
	{"github server-to-server", "GH=" + ghServer, []want{{1, 4, "GitHub token", "ghs_…", ghServer}}},
	{"github refresh", "`" + ghRefresh + "`", []want{{1, 2, "GitHub token", "ghr_…", ghRefresh}}},
	{"github fine-grained", "export GH_TOKEN=" + ghFine, []want{{1, 17, "GitHub token", "gith…", ghFine}}},
	{"gitlab", "CI uses " + glToken + " for the mirror.", []want{{1, 9, "GitLab token", "glpa…", glToken}}},
	{"slack bot", "slack_bot: " + slackBot, []want{{1, 12, "Slack token", "xoxb…", slackBot}}},
	{"slack user", "| Slack | " + slackUser + " |", []want{{1, 11, "Slack token", "xoxp…", slackUser}}},
	{"slack app", slackApp, []want{{1, 1, "Slack token", "xoxa…", slackApp}}},
	{"slack refresh", slackRfsh, []want{{1, 1, "Slack token", "xoxr…", slackRfsh}}},
	{"slack webhook", "Alerts post to " + slackHook + ".", []want{{1, 16, "Slack webhook URL", "http…", slackHook}}},
	{"stripe live", "STRIPE_KEY=" + stripeLive, []want{{1, 12, "Stripe secret key", "sk_l…", stripeLive}}},
	{"stripe test", "key: '" + stripeTest + "'", []want{{1, 7, "Stripe secret key", "sk_t…", stripeTest}}},
	{"stripe restricted", stripeRk, []want{{1, 1, "Stripe restricted key", "rk_l…", stripeRk}}},
	{"aws key id", "aws_access_key_id = " + awsKeyID, []want{{1, 21, "AWS access key", "AKIA…", awsKeyID}}},
	{"aws temporary key id", "(" + awsTempID + ")", []want{{1, 2, "AWS access key", "ASIA…", awsTempID}}},
	{"aws secret ini", "[default]\naws_secret_access_key = " + awsSecret + "\n", []want{{2, 25, "AWS secret access key", "…", awsSecret}}},
	{"aws secret env", "AWS_SECRET_ACCESS_KEY=" + awsSecret, []want{{1, 23, "AWS secret access key", "…", awsSecret}}},
	{"google api key", "maps: " + googleKey, []want{{1, 7, "Google API key", "AIza…", googleKey}}},
	{"rsa private key", "Old key:\n\n" + pemBlock("RSA PRIVATE KEY"), []want{{3, 1, "private key", "----…", keyBody}}},
	{"openssh private key in fence", "```\n" + pemBlock("OPENSSH PRIVATE KEY") + "```\n", []want{{2, 1, "private key", "----…", keyBody}}},
	{"pkcs8 private key", pemBlock("PRIVATE KEY"), []want{{1, 1, "private key", "----…", keyBody}}},
	{"ec private key", pemBlock("EC PRIVATE KEY"), []want{{1, 1, "private key", "----…", keyBody}}},
	{"pgp private key", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + keyBody + "\n", []want{{1, 1, "private key", "----…", keyBody}}},
	{"encrypted pem", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123\n\n" + keyBody + "\n", []want{{1, 1, "private key", "----…", keyBody}}},
	{"private key in yaml block", "deploy_key: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  " + keyBody + "\n", []want{{2, 3, "private key", "----…", keyBody}}},
	{"scanning resumes after a key block", pemBlock("RSA PRIVATE KEY") + "token: " + hexToken, []want{
		{1, 1, "private key", "----…", keyBody},
		{5, 8, "secret assignment", "…", hexToken},
	}},
	{"key block claims its lines", "-----BEGIN EC PRIVATE KEY-----\n" + keyBody + "\n" + keyBody[:20] + "/AKIA" + fake(upperNum, 16, 44) + "\n", []want{
		{1, 1, "private key", "----…", keyBody},
	}},
	{"jwt", "Authorization: Bearer " + jwt, []want{{1, 23, "JWT", "eyJh…", jwt}}},
	{"yaml password", "password: " + password, []want{{1, 11, "password assignment", "…", password}}},
	{"env password", "DB_PASSWORD=" + password, []want{{1, 13, "password assignment", "…", password}}},
	{"json api key", `{"name": "maps", "api_key": "` + hexToken + `"}`, []want{{1, 30, "secret assignment", "…", hexToken}}},
	{"markdown bold password", "**Password:** `" + password + "`", []want{{1, 16, "password assignment", "…", password}}},
	{"markdown list secret", "- secret: " + hexToken, []want{{1, 11, "secret assignment", "…", hexToken}}},
	{"apikey equals", "apikey=" + hexToken, []want{{1, 8, "secret assignment", "…", hexToken}}},
	{"token colon", "token: " + hexToken, []want{{1, 8, "secret assignment", "…", hexToken}}},
	{"camel case key", "dbPassword: " + password, []want{{1, 13, "password assignment", "…", password}}},
	{"client secret", "client_secret: \"" + hexToken + "\",", []want{{1, 17, "secret assignment", "…", hexToken}}},
	{"go short assignment", "apiKey := \"" + hexToken + "\"", []want{{1, 12, "secret assignment", "…", hexToken}}},
	{"weak human password", "admin password: Summer2024!", []want{{1, 17, "password assignment", "…", "Summer2024!"}}},
	{"value then comment", "passwd: " + password + " # rotated 2026-01", []want{{1, 9, "password assignment", "…", password}}},
	{"passphrase", "passphrase='" + password + "'", []want{{1, 13, "password assignment", "…", password}}},
	{"placeholder word only as a whole word", "token: " + "Qtodo7" + hexToken, []want{{1, 8, "secret assignment", "…", "Qtodo7" + hexToken}}},
	{"uuid api key", "HEROKU_API_KEY=01234567-89ab-4cde-8f01-23456789abcd", []want{{1, 16, "secret assignment", "…", "01234567-89ab-4cde-8f01-23456789abcd"}}},
	{"postgres url", "DATABASE_URL=postgres://app:" + dbPassword + "@db.internal:5432/app", []want{{1, 29, "connection string password", "…", dbPassword}}},
	{"mysql url", "mysql://root:" + dbPassword + "@10.0.0.5/shop", []want{{1, 14, "connection string password", "…", dbPassword}}},
	{"mongodb srv url", "uri: mongodb+srv://ops:" + dbPassword + "@cluster0.abcde.mongodb.net/", []want{{1, 24, "connection string password", "…", dbPassword}}},
	{"redis url without user", "REDIS_URL=redis://:" + dbPassword + "@cache.internal:6379", []want{{1, 20, "connection string password", "…", dbPassword}}},
	{"amqp url", "amqps://worker:" + dbPassword + "@mq.example.net/vhost", []want{{1, 16, "connection string password", "…", dbPassword}}},
	{"https basic auth", "git clone https://deploy:" + dbPassword + "@git.example.net/app.git", []want{{1, 26, "connection string password", "…", dbPassword}}},
	{"crlf", "owner: ops\r\ntoken: " + ghClassic + "\r\nnext: 1\r\n", []want{{2, 8, "GitHub token", "ghp_…", ghClassic}}},
	{"bom", "\uFEFFtoken: " + ghClassic, []want{{1, 8, "GitHub token", "ghp_…", ghClassic}}},
	{"unicode before", "Clé d’accès — " + stripeLive, []want{{1, 15, "Stripe secret key", "sk_l…", stripeLive}}},
	{"emoji before", "🔑🔑 " + awsKeyID, []want{{1, 4, "AWS access key", "AKIA…", awsKeyID}}},
	{"several on a line", "GH=" + ghClassic + " AWS=" + awsKeyID + " password=" + password, []want{
		{1, 4, "GitHub token", "ghp_…", ghClassic},
		{1, 49, "AWS access key", "AKIA…", awsKeyID},
		{1, 79, "password assignment", "…", password},
	}},
	{"several lines", "a: " + googleKey + "\nb: " + jwt + "\n", []want{
		{1, 4, "Google API key", "AIza…", googleKey},
		{2, 4, "JWT", "eyJh…", jwt},
	}},
	{"specific kind wins over assignment", "token: " + stripeLive, []want{{1, 8, "Stripe secret key", "sk_l…", stripeLive}}},
	{"openai project key", "OPENAI_API_KEY=" + openaiProj, []want{{1, 16, "OpenAI API key", "sk-p…", openaiProj}}},
	{"openai user key", "openai: " + openaiUser, []want{{1, 9, "OpenAI API key", "sk-…", openaiUser}}},
	{"openai service account key", "`" + openaiSvc + "`", []want{{1, 2, "OpenAI API key", "sk-s…", openaiSvc}}},
	{"anthropic key", "ANTHROPIC_API_KEY=\"" + anthropic + "\"", []want{{1, 20, "Anthropic API key", "sk-a…", anthropic}}},
	{"resend key", "Emails go out through Resend (" + resendKey + ").", []want{{1, 31, "Resend API key", "re_…", resendKey}}},
	{"npm token", "//registry.npmjs.org/:_authToken=" + npmToken, []want{{1, 34, "npm token", "npm_…", npmToken}}},
	{"sendgrid key", "sendgrid: " + sendgrid, []want{{1, 11, "SendGrid API key", "SG.…", sendgrid}}},
	{"azure storage connection string", "AZURE_STORAGE=DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=" + azureKey + ";EndpointSuffix=core.windows.net",
		[]want{{1, 74, "Azure storage account key", "…", azureKey}}},
	{"hugging face token", "HF_TOKEN=" + hfToken, []want{{1, 10, "Hugging Face token", "hf_…", hfToken}}},
	{"hugging face org token", "- " + hfOrg, []want{{1, 3, "Hugging Face token", "api_…", hfOrg}}},
	{"shopify token", "X-Shopify-Access-Token: " + shopify, []want{{1, 25, "Shopify token", "shpa…", shopify}}},
	{"pypi token", "password = " + pypiToken, []want{{1, 12, "PyPI token", "pypi…", pypiToken}}},
	{"aws secret in the console's csv", "User name,Password,Access key ID,Secret access key\nci,," + awsKeyID + "," + awsSecret + ",https://console.aws.amazon.com\n", []want{
		{2, 5, "AWS access key", "AKIA…", awsKeyID},
		{2, 26, "AWS secret access key", "…", awsSecret},
	}},
	{"aws secret in a configure session", "AWS Access Key ID [None]: " + awsTempID + "\nAWS Secret Access Key [None]: " + awsSecret + "\n", []want{
		{1, 27, "AWS access key", "ASIA…", awsTempID},
		{2, 31, "AWS secret access key", "…", awsSecret},
	}},
	{"aws secret before its id", awsSecret + " " + awsKeyID, []want{
		{1, 1, "AWS secret access key", "…", awsSecret},
		{1, 42, "AWS access key", "AKIA…", awsKeyID},
	}},
	// 40 characters near an AWS key id that are not its secret: a git
	// hash, a piece of longer base64, a secret too far away, a path.
	{"aws id and a hash", awsKeyID + "\ncommit " + fake(hexLower, 40, 70), []want{{1, 1, "AWS access key", "AKIA…", awsKeyID}}},
	{"aws id and longer base64", awsKeyID + " " + fake(base64Set, 44, 71), []want{{1, 1, "AWS access key", "AKIA…", awsKeyID}}},
	{"aws id and padded base64", awsKeyID + " " + fake(base64Set, 40, 73) + "==", []want{{1, 1, "AWS access key", "AKIA…", awsKeyID}}},
	{"aws id and a far secret", awsKeyID + strings.Repeat(" ", 300) + awsSecret, []want{{1, 1, "AWS access key", "AKIA…", awsKeyID}}},
	{"aws id and a path", awsKeyID + " /srv/releases/" + strings.Repeat("build-cache", 4)[:40], []want{{1, 1, "AWS access key", "AKIA…", awsKeyID}}},
}

func TestScanFinds(t *testing.T) {
	for _, tc := range positives {
		t.Run(tc.name, func(t *testing.T) {
			got := Scan([]byte(tc.text))
			if len(got) != len(tc.want) {
				t.Fatalf("Scan found %d secrets %+v, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Line != w.line || g.Column != w.col || g.Kind != w.kind || g.Redacted != w.redacted {
					t.Errorf("match %d = %d:%d %q %q, want %d:%d %q %q", i,
						g.Line, g.Column, g.Kind, g.Redacted, w.line, w.col, w.kind, w.redacted)
				}
				// A private key's span is its whole block, which holds the key body.
				if !strings.Contains(tc.text[g.Start:g.End], w.secret) {
					t.Errorf("match %d spans %q, which does not hold the secret %q", i, tc.text[g.Start:g.End], w.secret)
				}
			}
		})
	}
}

// TestScanNeverRepeatsSecret checks that no field of a match carries more
// than four characters of the secret it reports.
func TestScanNeverRepeatsSecret(t *testing.T) {
	for _, tc := range positives {
		for i, m := range Scan([]byte(tc.text)) {
			secret := tc.want[min(i, len(tc.want)-1)].secret
			shown := strings.TrimSuffix(m.Redacted, "…")
			if utf8.RuneCountInString(shown) > 4 || !strings.HasSuffix(m.Redacted, "…") {
				t.Errorf("%s: Redacted %q shows more than 4 characters", tc.name, m.Redacted)
			}
			for _, field := range []string{m.Kind, m.Redacted} {
				for k := 0; k+8 <= len(secret); k++ {
					if strings.Contains(field, secret[k:k+8]) {
						t.Errorf("%s: field %q contains part of the secret", tc.name, field)
					}
				}
			}
		}
	}
}

// negatives are realistic lines that talk about credentials without
// holding one.
var negatives = []string{
	// vendors doc and prose from a handover
	`credentials: 1Password vault "Infra", item "Stripe live"`,
	"The password manager is 1Password; ask Dana for access.",
	"Rotate the token every 90 days.",
	"Password: see Bitwarden, collection Ops",
	"The secret: it lives in the vault, not here.",
	"Token: rotate every 90 days (see runbook)",
	"The API key is stored in AWS Secrets Manager under prod/stripe.",
	"password_policy: min 12 chars",
	"Reset password: https://id.example.com/reset",
	"| Password | in 1Password |",
	"tokens: 3", "token_ttl: 3600", "password_hash: bcrypt", "author_token_count: 12",
	"bypass: Xy7kQ2pL9vR3", "secret: true", "token: null", "apikey=", "password:",
	"password == input", "renewal: 2026-03-01",
	// placeholders
	"password: <password>", "password: changeme", "password: ${DB_PASSWORD}",
	"token: {{ .Secret }}", "token: \"{{.Secret}}\"", "secret: ***", "secret: '********'",
	"api_key: xxxx", "api_key: XXXXXXXXXXXXXXXX", "password: \"in 1Password\"",
	"token: $DEPLOY_TOKEN", "password: %(db_password)s", "password: your-password-here",
	"PASSWORD=examplePassword1", "token: [REDACTED]",
	// references
	"token: vault://secret/data/ci", "password: op://Infra/Postgres/password",
	"GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}", "token: secrets.DEPLOY_TOKEN",
	"api_key: STRIPE_SECRET_KEY", "password: !vault |", "db_password: !secret db_password",
	"token = os.Getenv(\"TOKEN\")", "secret: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db",
	"key_file: /etc/ssl/private/server.key", "private_key: ./deploy_key.pem",
	"private_key: ~/.ssh/id_ed25519", "secret_file: service-account.json",
	// names, not secrets
	"secret: prod-db-v2", "secretName: stripe-live", "secret: Kubernetes-managed",
	"secret: stripeLiveKey", "token: my-app-prod-2024", "PWD=/home/deploy",
	// connection strings without a real password
	"postgres://app:app@db:5432/app", "postgres://postgres:${PGPASSWORD}@db/app",
	"postgres://user:password@host/db", "redis://localhost:6379",
	"postgres://app:s3cretPw9x@localhost/app", "https://example.com:8080/path",
	"amqp://guest:guest@rabbit:5672", "mysql://root:root@127.0.0.1/shop",
	"postgres://app:@db/app", "postgres://app:<password>@db/app",
	"https://user@example.com/repo.git", "https://username:token@github.com/org/repo.git",
	"postgres://app:devpass@db:5432/app", "password: TODO-rotate", "api_key: your_api_key_1",
	"secret: xxxx-xxxx-xxxx-1234", `get("/items", "category=tools&pagination-token=get-second-batch"),`,
	"kubectl create secret generic db-creds --from-literal=password=$DB_PASSWORD",
	"secret: {name: db, key: password}", "token: 'gh" + "p_...'",
	"- **Access token:** stored in 1Password (Engineering vault)",
	"Password reset: via Okta self-service", "API key: ask finance (card on file)",
	"`GITHUB_TOKEN`: provided by Actions", "npm_token: ${{ secrets.NPM_TOKEN }}",
	"auth_token=os.environ['TOKEN']", "password = ENV.fetch('DB_PASSWORD')",
	"token: process.env.SLACK_TOKEN", "password: \"\"", "password: ''",
	"ssh deploy@10.0.0.5 -i ~/.ssh/id_ed25519", "Secret: rotated 2026-01-15 by Dana",
	// fake vendor tokens
	"gh" + "p_" + strings.Repeat("x", 36), "AK" + "IA" + "IOSFODNN7" + "EXAMPLE",
	"sk" + "_test_" + strings.Repeat("0", 24), "xo" + "xb-your-token-here",
	"https://hooks.slack.com/" + "services/T000/B000/XXXX",
	"sk" + "_live_...", "gh" + "p_" + fake(alnum, 20, 40),
	// keys that are not private keys or have no material
	"-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
	"Paste the -----BEGIN OPENSSH PRIVATE KEY----- block into the CI variable.",
	"-----BEGIN PUBLIC KEY-----\n" + keyBody + "\n-----END PUBLIC KEY-----",
	// dotted base64 that is not a JWT
	b64url(`{"typ":"JWT"}`) + "." + b64url(`{"sub":"x","n":1}`) + "." + fake(urlSafe, 20, 41),
	"eyeballing.eyesight.test", "see docs/eyJhbGciOi.md",
	// hashes and ids that are public
	"commit: " + fake(hexLower, 40, 42), "sha256:" + fake(hexLower, 64, 43),
	"password: \"correct horse battery staple\"",
	// public samples from vendors' documentation
	"aws_access_key_id = AK" + "IAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY",
	"AK" + "IAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY",
	"curl https://api.stripe.com/v1/charges -u sk" + "_test_4eC39HqLyjWDarjtT1zdp7dc:",
	"stripe.api_key = \"sk" + "_test_BQokikJOvBiI2HlWgH4olfQ2\"",
	"Authorization: Bearer eyJ" + "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
	"token: eyJ" + "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30",
	"UseDevelopmentStorage: DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/" + "K1SZFPTOtr/KBHBeksoGMGw==;",
	"checksum: " + awsSecret,
	// identifiers shaped like new vendor prefixes
	"re" + "_validate_somethingLongEnoughHere", "sk" + "-proj-abc", "task-proj-" + fake(urlSafe, 60, 72),
	"hf_" + "hub_download", "npm" + "_config_registry", "AccountKey=<key>", "SG" + ".x.y",
	"RESEND_API_KEY=re" + "_xxxxxxxxx", "aws_secret_access_key=None", "AWS_SECRET_ACCESS_KEY: null",
	"sk" + "-ant-api03-" + fake(urlSafe, 93, 54) + "BB", "sk" + "-ant-admin01-abc12fake-" + fake(urlSafe, 80, 74) + "AA", "OPENAI_API_KEY=sk" + "-proj-your-key-here",
}

func TestScanIgnores(t *testing.T) {
	for _, text := range negatives {
		if got := Scan([]byte(text)); len(got) != 0 {
			t.Errorf("Scan(%q) = %+v, want nothing", text, got)
		}
	}
}

// TestScanHandoverDoc runs over a whole realistic vendors doc with one
// leaked secret among many lines that talk about secrets.
func TestScanHandoverDoc(t *testing.T) {
	doc := `---
owner: dana
reviewed: 2026-01-15
vendors:
  - name: Stripe
    service: payments
    account_owner: dana
    credentials: 1Password vault "Infra", item "Stripe live"
    critical: true
  - name: Postmark
    service: transactional email
    account_owner: lee
    credentials: Bitwarden, collection "Ops" (server token)
    renewal: 2026-09-01
---
## Overview

The password manager is 1Password. Rotate the Stripe secret key every 90
days; the token for Postmark never expires. Staging uses
` + "`STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}`" + ` from the CI secrets.

Local development: postgres://app:app@localhost:5432/app

Old webhook signing secret, revoke it: ` + "`STRIPE_WEBHOOK_SECRET=" + hexToken + "`" + `
`
	i := strings.Index(doc, hexToken)
	line := strings.Count(doc[:i], "\n") + 1
	col := i - strings.LastIndex(doc[:i], "\n")
	got := Scan([]byte(doc))
	if len(got) != 1 || got[0].Line != line || got[0].Column != col || got[0].Kind != "secret assignment" {
		t.Fatalf("Scan(vendors doc) = %+v, want one secret assignment at %d:%d", got, line, col)
	}
}

func TestScanLargeInput(t *testing.T) {
	line := "prose about tokens: rotate them, password: see 1Password, " + ghClassic + "\n"
	text := []byte(strings.Repeat(line, (1<<20)/len(line)))
	got := Scan(text)
	if want := (1 << 20) / len(line); len(got) != want {
		t.Fatalf("Scan(1 MiB) found %d, want %d", len(got), want)
	}
}

func BenchmarkScan(b *testing.B) {
	line := "- name: Stripe; credentials: 1Password item; password: <password>; url: https://x.example/a?b=c\n"
	text := []byte(strings.Repeat(line, (1<<20)/len(line)))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Scan(text)
	}
}

// adversarial inputs put an anchor or a key at every few bytes, the shapes
// that make a naive scanner quadratic, with the number of secrets in each.
var adversarial = map[string]struct {
	text string
	want int
}{
	"github anchors":    {strings.Repeat("ghp_"+strings.Repeat("a", 30)+" ", 1<<15), 0},
	"jwt anchors":       {strings.Repeat("eyJ"+strings.Repeat("a", 12)+"-", 1<<16), 0},
	"url separators":    {strings.Repeat("postgres://"+strings.Repeat("u", 20)+":", 1<<15), 0},
	"keys on one line":  {strings.Repeat(`password:"`+strings.Repeat("k", 20)+" ", 1<<15), 0},
	"key runs":          {strings.Repeat(strings.Repeat("a", 60)+"token=", 1<<14), 0},
	"private key heads": {strings.Repeat("-----BEGIN RSA PRIVATE KEY-----\n", 1<<15), 0},
	// The first value runs to the window's end and holds all later keys.
	"values without blanks": {strings.Repeat("token="+strings.Repeat("Ab1", 3), 1<<16), 1},
	"pairs after a value":   {strings.Repeat("password=x ", 1<<16), 0},
	"keys as values":        {strings.Repeat("token:", 1<<16), 0},
	"parameters":            {strings.Repeat("?t=&", 1<<16), 0},
	"user info":             {strings.Repeat("a:b@", 1<<16), 0},
}

func TestScanAdversarial(t *testing.T) {
	for name, tc := range adversarial {
		if got := Scan([]byte(tc.text)); len(got) != tc.want {
			t.Errorf("%s: Scan found %d secrets, want %d", name, len(got), tc.want)
		}
	}
}

func BenchmarkScanAdversarial(b *testing.B) {
	for name, tc := range adversarial {
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			for b.Loop() {
				Scan([]byte(tc.text))
			}
		})
		b.Run("redact-"+strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			for b.Loop() {
				Redact(tc.text)
			}
		})
	}
}

// TestIsCamel compares isCamel with the pattern it stands for.
func TestIsCamel(t *testing.T) {
	camel := regexp.MustCompile(`^[A-Za-z][a-z]+(?:[A-Z][a-z]+)+$`)
	for _, s := range []string{
		"", "a", "ab", "aB", "abC", "abCd", "stripeLiveKey", "GithubToken", "GitHub", "APIKey", "adminAPIKey",
		"aBc", "abcDef1", "abc_Def", "Abc", "AbcDef", "ABcDef", "abcDEf", "éaBc", "abcDéf", "x" + fake(alnum, 12, 80),
	} {
		if got, want := isCamel(s), camel.MatchString(s); got != want {
			t.Errorf("isCamel(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestPatternsCompile compiles every format's pattern, which Scan compiles
// only where it finds the format's anchor: a pattern that does not compile
// fails here, not on some user's text.
func TestPatternsCompile(t *testing.T) {
	patterns := []anchoredPattern{jwtPattern}
	for _, f := range tokenFormats {
		patterns = append(patterns, f.anchoredPattern)
	}
	for _, p := range patterns {
		if re := p.re(); !strings.HasPrefix(re.String(), "^") || re.NumSubexp() < 1 {
			t.Errorf("pattern of anchor %q: %s; want it anchored with ^ and the token as its first submatch", p.anchor, re)
		}
	}
}
