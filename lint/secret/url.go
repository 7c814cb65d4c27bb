package secret

import (
	"bytes"
	"regexp"
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

func findConnectionStrings(text []byte) []span {
	var spans []span
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

// schemeBefore returns the URL scheme that ends at i.
func schemeBefore(text []byte, i int) []byte {
	start := i
	for start > 0 && i-start < 16 && (isAlnum(text[start-1]) || text[start-1] == '+') {
		start--
	}
	return text[start:i]
}

func isPathOrSpace(c byte) bool { return c == '/' || isSpace(c) }
