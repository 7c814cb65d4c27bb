package history

import (
	"bufio"
	"bytes"
	"strconv"
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

// FuzzParseMode: a tree entry's mode is parsed as strconv.ParseUint(s, 8,
// 32) would parse it.
func FuzzParseMode(f *testing.F) {
	for _, s := range []string{"100644", "40000", "040000", "160000", "37777777777", "40000000000", "", "8", "0o7", "1_0", "+1", "-1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		got, ok := parseMode(s)
		want, err := strconv.ParseUint(string(s), 8, 32)
		if ok != (err == nil) || ok && uint64(got) != want {
			t.Errorf("parseMode(%q) = %o, %v; strconv gives %o, %v", s, got, ok, want, err)
		}
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

// The index is parsed here, not by go-git; a corrupt one must give an
// error, never a panic or a huge allocation.
func FuzzParseIndex(f *testing.F) {
	entry := append(make([]byte, 60), 0, 5)
	entry = append(entry, "a.txt\x00\x00\x00"...)
	f.Add(append(append([]byte("DIRC\x00\x00\x00\x02\x00\x00\x00\x01"), entry...), make([]byte, 20)...))
	f.Add(append([]byte("DIRC\x00\x00\x00\x04\x00\x00\x00\x01"), make([]byte, 100)...))
	f.Add(append([]byte("DIRC\x00\x00\x00\x02\x00\x00\x00\x00link\x00\x00\x00\x30"), make([]byte, 68)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		idx, err := parseIndex(data)
		if err == nil && idx.link != nil {
			idx.link.apply(idx.entries, idx.entries)
		}
	})
}

// A clone's pack comes from a server: checking it must end in an error or
// nil, never a panic or an allocation of what an entry declares.
func FuzzCheckPack(f *testing.F) {
	f.Add([]byte("PACK\x00\x00\x00\x02\x00\x00\x00\x01\x35x\x9c\xcbH\xcd\xc9\xc9\x07\x00\x06,\x02\x15"))
	f.Add([]byte("PACK\x00\x00\x00\x02\x00\x00\x00\x01\x6f\x01x\x9c\x03\x00\x00\x00\x00\x01"))
	f.Add([]byte("PACK\x00\x00\x00\x02\x00\x00\x00\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPack(bufio.NewReader(bytes.NewReader(data)), 1<<20)
	})
}
