package secret

const kindAWSSecret = "AWS secret access key"

// awsKeyIDs are the access key ids of long-term (AKIA) and temporary
// (ASIA) AWS credentials.
var awsKeyIDs = []tokenFormat{
	format("AWS access key", "AKIA", `^(AKIA[A-Z0-9]{16})\b`, isWordByte),
	format("AWS access key", "ASIA", `^(ASIA[A-Z0-9]{16})\b`, isWordByte),
}

// awsPairDistance is how far from its access key id a secret access key
// without a name is looked for: the next field of a CSV row, the next
// line of a pasted "aws configure" session.
const awsPairDistance = 256

// awsSecretLen is the length of an AWS secret access key: 30 random bytes
// in base64.
const awsSecretLen = 40

// findAWSSecretKeys finds secret access keys written near their access
// key id without a key name, as in the credentials CSV that the AWS
// console downloads ("AKIA…,wJal…"). A candidate is a word of exactly 40
// base64 characters within awsPairDistance bytes of an id that mixes
// upper case, lower case and digits: git hashes (hexadecimal), paths and
// words do not, and a 40-character piece of longer base64 is not a word.
// Every word is read once, so the work stays linear however many ids the
// text holds.
func findAWSSecretKeys(text []byte, _ mode) []span {
	var spans []span
	scanned := 0
	for _, f := range awsKeyIDs {
		scanned = 0
		for _, m := range f.findAll(text) {
			if looksFake(text[m[2]+f.prefix : m[3]]) {
				continue
			}
			from := max(m[2]-awsPairDistance, scanned)
			to := min(m[3]+awsPairDistance, len(text))
			for i := from; i < to; i++ {
				if !isKeyWordByte(text[i]) || i > 0 && isKeyWordByte(text[i-1]) {
					continue
				}
				end := i
				for end < len(text) && end-i <= awsSecretLen && isKeyWordByte(text[end]) {
					end++
				}
				if end-i == awsSecretLen && (end == len(text) || text[end] != '=') && isAWSSecret(text[i:end]) {
					spans = append(spans, span{i, end, kindAWSSecret, 0})
				}
				i = end
			}
			scanned = max(scanned, to)
		}
	}
	return spans
}

// isKeyWordByte reports the bytes of an AWS secret access key.
func isKeyWordByte(c byte) bool { return isAlnum(c) || c == '/' || c == '+' }

func isAWSSecret(word []byte) bool {
	var lower, upper, digit bool
	for _, c := range word {
		lower = lower || isLower(c)
		upper = upper || isUpper(c)
		digit = digit || isDigit(c)
	}
	return lower && upper && digit && !looksFake(word)
}
