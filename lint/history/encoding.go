package history

import "strings"

// reencode converts text a commit's encoding header says is in a legacy
// charset to UTF-8, as git log and git shortlog do through iconv. It knows
// ISO-8859-1, ISO-8859-15 and Windows-1252 under their usual names; text
// in UTF-8, in a charset it does not know, or with a byte the charset
// lacks is left as stored, as git leaves what iconv cannot convert.
func reencode(text, encoding string) string {
	table, ok := charsets[charsetKey(encoding)]
	if !ok || isASCII(text) {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		r := rune(c)
		if c >= 0x80 && table != nil {
			if r = table[c]; r == 0 {
				return text
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// charsetKey is a charset name as glibc's iconv looks it up: any case,
// its aliases spelled exactly ("iso8859_1" is none of them).
func charsetKey(name string) string { return strings.ToUpper(strings.TrimSpace(name)) }

// charsets maps glibc's names of the charsets reencode knows to their
// bytes 0x80-0xFF: nil for ISO-8859-1, whose bytes are the code points; a
// zero entry is a byte the charset lacks.
var charsets = map[string]*[256]rune{
	"ISO-8859-1": nil, "ISO8859-1": nil, "ISO88591": nil, "ISO_8859-1": nil, "ISO_8859-1:1987": nil,
	"8859_1": nil, "LATIN1": nil, "L1": nil, "IBM819": nil, "CP819": nil, "CSISOLATIN1": nil, "ISO-IR-100": nil,
	"ISO-8859-15": &latin9, "ISO8859-15": &latin9, "ISO885915": &latin9, "ISO_8859-15": &latin9,
	"ISO_8859-15:1998": &latin9, "LATIN-9": &latin9, "LATIN9": &latin9, "ISO-IR-203": &latin9,
	"CP1252": &windows1252, "WINDOWS-1252": &windows1252, "MS-ANSI": &windows1252,
}

var latin9, windows1252 [256]rune

func init() {
	for c := 0x80; c < 0x100; c++ {
		latin9[c], windows1252[c] = rune(c), rune(c)
	}
	for c, r := range map[byte]rune{0xA4: '€', 0xA6: 'Š', 0xA8: 'š', 0xB4: 'Ž', 0xB8: 'ž', 0xBC: 'Œ', 0xBD: 'œ', 0xBE: 'Ÿ'} {
		latin9[c] = r
	}
	high := []rune("€\x00‚ƒ„…†‡ˆ‰Š‹Œ\x00Ž\x00\x00‘’“”•–—˜™š›œ\x00žŸ")
	for i, r := range high {
		windows1252[0x80+i] = r
	}
}
