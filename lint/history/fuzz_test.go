package history

import (
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// The walks parse raw objects themselves; a corrupt or hostile repository
// must give errors, never a panic.
func FuzzRawTree(f *testing.F) {
	f.Add([]byte("100644 a.txt\x00aaaaaaaaaaaaaaaaaaaa40000 dir\x00bbbbbbbbbbbbbbbbbbbb"))
	f.Add([]byte("100644 \x00"))
	f.Add([]byte("x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tree := rawTree(data)
		tree.entries()
		tree.find("a.txt")
		compareNext(tree, tree)
	})
}

func FuzzParseCommit(f *testing.F) {
	f.Add([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@b> 1 +0000\ncommitter C <c@d> 2 +0000\n\nmsg\n"))
	f.Add([]byte("committer >"))
	f.Fuzz(func(t *testing.T, data []byte) {
		parseCommit(plumbing.ZeroHash, data)
		parseAuthor(data)
	})
}

func FuzzMailmap(f *testing.F) {
	f.Add("Ana <ana@x> <old@x>\n# c\nB <b@x> Old B <ob@x>\n<e@x> <E@y>\n<<>>\n")
	f.Fuzz(func(t *testing.T, data string) {
		mm := parseMailmap([]byte(data))
		mm.resolve("Old B", "ob@x")
	})
}
