package secret

import (
	"bytes"
	"regexp"
	"strings"
)

// userinfo matches what follows "scheme://" when it carries a user and a
// password. The password may not contain "/" or "@", so
// "https://host:8080/path" is not taken for one.
var userinfo = regexp.MustCompile(`^([^\s:/@]*):([^\s@/]*)@(\[[0-9A-Fa-f:.]*\]|[^\s/:?#@]*)`)

// passwordSchemes are the URL schemes whose user info is a login to a
// database, a broker or a server.
var passwordSchemes = map[string]bool{
	"postgres": true, "postgresql": true, "mysql": true, "mariadb": true,
	"mongodb": true, "mongodb+srv": true, "redis": true, "rediss": true,
	"amqp": true, "amqps": true, "mssql": true, "sqlserver": true,
	"http": true, "https": true, "ftp": true, "ftps": true, "smtp": true, "smtps": true,
}

// defaultPasswords are the well-known passwords of local development
// images; a URL carrying one documents a setup, it does not leak one.
var defaultPasswords = map[string]bool{
	"pass": true, "postgres": true, "root": true, "mysql": true, "admin": true,
	"guest": true, "test": true, "user": true, "pw": true, "pwd": true,
}

// isShortWord reports whether a URL password is a single short word made
// of letters only: in documentation that is a template such as
// "https://user:token@host", not a password anyone was issued.
func isShortWord(password string) bool {
	if len(password) > 12 {
		return false
	}
	for _, c := range []byte(password) {
		if !isLower(c) && !isUpper(c) {
			return false
		}
	}
	return true
}

// localHosts serve only the machine they run on.
var localHosts = map[string]bool{"localhost": true, "127.0.0.1": true, "0.0.0.0": true, "[::1]": true}

// findConnectionStrings finds the passwords in the user info of URLs of
// the schemes that log in with one, when they are neither defaults, nor
// templates, nor for a local server. For redaction, it also finds the
// password of any "user:password@" however the URL around it is written:
// with any scheme, or with its "//" folded into "/" by a path cleaner.
func findConnectionStrings(text []byte, m mode) []span {
	var spans []span
	if m == redaction {
		spans = findUserinfo(text)
	}
	forEach(text, "://", func(i int) int {
		from := i + len("://")
		if !passwordSchemes[string(bytes.ToLower(schemeBefore(text, i)))] {
			return from
		}
		// User info and host hold no "/" and no blank.
		m := userinfo.FindSubmatchIndex(text[from:scanUntil(text, from, window, isPathOrSpace)])
		if m == nil {
			return from
		}
		user := string(text[from+m[2] : from+m[3]])
		password := string(text[from+m[4] : from+m[5]])
		if password == "" || password == user || defaultPasswords[password] ||
			localHosts[string(bytes.ToLower(text[from+m[6]:from+m[7]]))] || isPlaceholder(password) || isShortWord(password) {
			return from
		}
		spans = append(spans, span{from + m[4], from + m[5], "connection string password", 0})
		return from + m[1]
	})
	return spans
}

// findUserinfo finds "user:password@" anywhere: from each "@", the word
// before it up to a blank, a quote or a "/", split at its first ":". The
// words hold no "@", so each byte is read for one "@" at most.
func findUserinfo(text []byte) []span {
	var spans []span
	forEach(text, "@", func(at int) int {
		start := at
		for start > 0 && at-start < window && !isUserinfoEnd(text[start-1]) {
			start--
		}
		colon := bytes.IndexByte(text[start:at], ':')
		if colon < 0 || isTemplate(string(text[start+colon+1:at])) {
			return at + 1
		}
		spans = append(spans, span{start + colon + 1, at, "connection string password", 0})
		return at + 1
	})
	return spans
}

func isUserinfoEnd(c byte) bool {
	return isSpace(c) || c == '/' || c == '@' || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>'
}

// schemeBefore returns the URL scheme that ends at i.
func schemeBefore(text []byte, i int) []byte {
	start := i
	for start > 0 && i-start < 16 && (isAlnum(text[start-1]) || text[start-1] == '+') {
		start--
	}
	return text[start:i]
}

func isPathOrSpace(c byte) bool { return c == '/' || isSpace(c) }

// findQueryValues finds, for redaction only, the values of URL query and
// fragment parameters that may be credentials: "?t=…", "&sig=…",
// "#access_token=…". A message that quotes a signed URL or one that
// carries a token shows its host and path, never the value. Values end at
// the next parameter, so each byte is read for one parameter at most.
func findQueryValues(text []byte, m mode) []span {
	if m != redaction {
		return nil
	}
	var spans []span
	forEachByteOf(text, "?&#", func(i int) int {
		k := i + 1
		for k < len(text) && k-i <= maxKey && isQueryKeyByte(text[k]) {
			k++
		}
		if k == i+1 || k == len(text) || text[k] != '=' {
			return i + 1
		}
		start := k + 1
		end := start
		for end < len(text) && end-start < window && !isQueryEnd(text[end]) {
			end++
		}
		for end > start && strings.IndexByte(",;).:!]}", text[end-1]) >= 0 {
			end--
		}
		if value := string(text[start:end]); mayBeSecret(value) && !isTemplate(value) {
			spans = append(spans, span{start, end, "URL parameter", 0})
		}
		return end
	})
	return spans
}

func isQueryKeyByte(c byte) bool {
	return isAlnum(c) || c == '_' || c == '-' || c == '.' || c == '[' || c == ']'
}

func isQueryEnd(c byte) bool {
	return isSpace(c) || c == '&' || c == '#' || c == '?' || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>'
}
