package secret

// publicSamples are credentials that vendors publish in their own
// documentation, so that every reader can paste them into a tutorial or a
// debugger. They grant nothing, and a document that quotes one leaks
// nothing. The list holds exact values only: a credential that merely
// resembles one is still reported. Each is split after its format's prefix
// so that no scanner takes this file for a leak.
var publicSamples = map[string]bool{
	// AWS's example key pair, used throughout its documentation:
	// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
	"AK" + "IAIOSFODNN7EXAMPLE":                     true,
	"wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY": true,
	// The test-mode secret keys that Stripe's API reference
	// (https://docs.stripe.com/api/authentication) has shown to readers
	// who are not signed in, the current one and an earlier one; test
	// keys move no money.
	"sk" + "_test_4eC39HqLyjWDarjtT1zdp7dc": true,
	"sk" + "_test_BQokikJOvBiI2HlWgH4olfQ2": true,
	// The tokens the jwt.io debugger opens with (https://jwt.io): HS256
	// over {"sub":"1234567890","name":"John Doe","iat":1516239022},
	// signed with its default secret "your-256-bit-secret", and the same
	// claims with "admin":true, signed with its later default
	// "a-string-secret-at-least-256-bits-long".
	"eyJ" + "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c":                  true,
	"eyJ" + "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30": true,
	// The account key of Azurite, the Azure Storage emulator, the same
	// on every machine:
	// https://learn.microsoft.com/azure/storage/common/storage-use-azurite#well-known-storage-account-and-key
	"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/" + "K1SZFPTOtr/KBHBeksoGMGw==": true,
}

// isPublicSample reports whether value is one of the publicSamples.
func isPublicSample(value []byte) bool {
	return publicSamples[string(value)]
}
