package secret

import (
	"encoding/base64"
	"encoding/json"
)

// jwtPattern matches three base64url parts. The header and payload are
// JSON objects, so they start with "eyJ" (`{"`) and "ey"; the signature is
// empty for alg "none". Tokens with many claims run to a few KiB.
var jwtPattern = anchoredPattern{
	anchor:  "eyJ",
	re:      lazyRegexp(`^(eyJ[A-Za-z0-9_-]{8,}\.ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)`),
	inToken: isURLSafeByte,
	limit:   16 << 10,
}

func findJWTs(text []byte, _ mode) []span {
	var spans []span
	for _, m := range jwtPattern.findAll(text) {
		start, end := m[2], m[3]
		if !isJWTHeader(text[start:end]) {
			continue
		}
		spans = append(spans, span{start, end, "JWT", 4})
	}
	return spans
}

// isJWTHeader reports whether the first part of token decodes to a JSON
// object with an "alg" member, which tells a JWT from any other dotted
// base64 text.
func isJWTHeader(token []byte) bool {
	header := token
	for i, c := range token {
		if c == '.' {
			header = token[:i]
			break
		}
	}
	raw, err := base64.RawURLEncoding.DecodeString(string(header))
	if err != nil {
		return false
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return false
	}
	_, ok := fields["alg"]
	return ok
}
