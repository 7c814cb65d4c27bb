package saas

import (
	"bytes"
	"encoding/json"
	"strings"
)

// member is one key of a JSON object with the byte offsets of the key's
// first character (after its quote) and of the value.
type member struct {
	key      string
	keyOff   int
	value    json.RawMessage
	valueOff int
}

// members lists the members of the JSON object data, which starts at byte
// offset base of the file. It reports false when data is not an object.
func members(data []byte, base int) ([]member, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	var ms []member
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return nil, false
		}
		keyEnd := int(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, false
		}
		ms = append(ms, member{
			key:      key,
			keyOff:   base + stringStart(data, keyEnd) + 1,
			value:    raw,
			valueOff: base + int(dec.InputOffset()) - len(raw),
		})
	}
	return ms, true
}

// stringStart returns the offset of the opening quote of the JSON string
// that ends just before end: the nearest earlier quote not escaped by an
// odd run of backslashes.
func stringStart(data []byte, end int) int {
	for i := end - 2; i >= 0; i-- {
		if data[i] != '"' {
			continue
		}
		n := 0
		for j := i - 1; j >= 0 && data[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 {
			return i
		}
	}
	return 0
}

// scanJSONSections records the keys of the objects found under the given
// top-level sections of a JSON manifest. realName, when the format has
// aliases, returns the package a key really installs, or "".
func (s *scanner) scanJSONSections(eco ecosystem, sections map[string]bool, realName func(key string, value json.RawMessage) string) {
	data := bytes.TrimPrefix(s.content, []byte("\ufeff"))
	base := len(s.content) - len(data)
	if !json.Valid(data) {
		return
	}
	top, ok := members(data, base)
	if !ok {
		return
	}
	for _, sec := range top {
		if !sections[sec.key] {
			continue
		}
		deps, ok := members(sec.value, sec.valueOff)
		if !ok {
			continue
		}
		for _, d := range deps {
			name, display := d.key, d.key
			if realName != nil {
				if r := realName(d.key, d.value); r != "" {
					name, display = r, r+" (as "+d.key+")"
				}
			}
			s.add(eco, name, d.keyOff, display)
		}
	}
}

var npmSections = map[string]bool{"dependencies": true, "optionalDependencies": true, "peerDependencies": true}

func scanPackageJSON(s *scanner) {
	s.scanJSONSections(ecoNPM, npmSections, npmAlias)
}

// npmAlias returns the real package of an npm alias
// ("pay": "npm:stripe@^14" installs stripe under the name pay), or "".
func npmAlias(_ string, value json.RawMessage) string {
	var spec string
	if json.Unmarshal(value, &spec) != nil {
		return ""
	}
	target, ok := strings.CutPrefix(spec, "npm:")
	if !ok {
		return ""
	}
	// The version follows the last '@' that is not the scope's leading one.
	if i := strings.LastIndexByte(target, '@'); i > 0 {
		target = target[:i]
	}
	return target
}

var composerSections = map[string]bool{"require": true}

func scanComposerJSON(s *scanner) {
	s.scanJSONSections(ecoComposer, composerSections, nil)
}
