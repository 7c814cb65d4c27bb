package history

import "strings"

// reencode converts text a commit's encoding header says is in a legacy
// charset to UTF-8, as git log and git shortlog do through iconv. It knows
// ISO-8859-1, ISO-8859-15 and Windows-1252 under glibc iconv's names;
// text in UTF-8, in a charset it does not know, or with a byte the
// charset lacks is left as stored, as git leaves what iconv cannot
// convert.
func reencode(text, encoding string) string {
	decode := charsetNamed(encoding)
	if decode == nil || isASCII(text) {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		r := rune(text[i])
		if r >= 0x80 {
			if r = decode(text[i]); r == 0 {
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

// charset gives the character of a byte from 0x80 to 0xFF, or 0 for a
// byte the charset lacks.
type charset func(c byte) rune

// charsetNamed finds a charset as glibc's iconv looks it up: any case,
// its aliases spelled exactly ("iso8859_1" is none of them); nil for one
// reencode does not know.
func charsetNamed(name string) charset {
	switch strings.ToUpper(strings.TrimSpace(name)) {
	case "ISO-8859-1", "ISO8859-1", "ISO88591", "ISO_8859-1", "ISO_8859-1:1987", "8859_1", "LATIN1", "L1",
		"IBM819", "CP819", "CSISOLATIN1", "ISO-IR-100":
		return latin1
	case "ISO-8859-15", "ISO8859-15", "ISO885915", "ISO_8859-15", "ISO_8859-15:1998", "LATIN-9", "LATIN9", "ISO-IR-203":
		return latin9
	case "CP1252", "WINDOWS-1252", "MS-ANSI":
		return windows1252
	}
	return nil
}

// latin1 is ISO-8859-1, whose bytes are the code points.
func latin1(c byte) rune { return rune(c) }

// latin9 is ISO-8859-15: ISO-8859-1 with eight characters changed.
func latin9(c byte) rune {
	switch c {
	case 0xA4:
		return '€'
	case 0xA6:
		return 'Š'
	case 0xA8:
		return 'š'
	case 0xB4:
		return 'Ž'
	case 0xB8:
		return 'ž'
	case 0xBC:
		return 'Œ'
	case 0xBD:
		return 'œ'
	case 0xBE:
		return 'Ÿ'
	}
	return rune(c)
}

// windows1252High are Windows-1252's characters for 0x80 to 0x9F, 0 where
// it has none; from 0xA0 it is ISO-8859-1.
var windows1252High = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

func windows1252(c byte) rune {
	if c < 0xA0 {
		return windows1252High[c-0x80]
	}
	return rune(c)
}
