package pack

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
)

// git runs the oracle in dir (gittest: no machine configuration, fixed
// identity and dates) with stdin, and returns its output, trimmed.
func git(t testing.TB, dir, stdin string, args ...string) string {
	t.Helper()
	return gittest.GitInput(t, dir, nil, stdin, args...)
}

// buildRepo makes a bare repository whose files change a little in each of
// many commits, so that git packs most objects as deltas: text files
// growing and edited in place, a file of bigLines lines (6,000: 300 KiB,
// copies of more than 64 KiB and from offsets past 64 KiB) edited in a few
// lines, an empty file, files in subfolders, and an annotated tag. All its
// objects are loose.
func buildRepo(t testing.TB, commits, bigLines int) string {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "", "init", "-q", "--bare")
	var s strings.Builder
	big := make([]string, bigLines)
	for i := range big {
		big[i] = fmt.Sprintf("line %05d of the big file, with some text to make it long enough", i)
	}
	file := func(path, content string) {
		fmt.Fprintf(&s, "M 100644 inline %s\ndata %d\n%s\n", path, len(content), content)
	}
	var grow strings.Builder
	for i := 1; i <= commits; i++ {
		msg := fmt.Sprintf("commit %d\n\nchanges the files a little", i)
		fmt.Fprintf(&s, "commit refs/heads/main\nmark :%d\ncommitter T <t@example.com> %d +0000\ndata %d\n%s\n", i, 1700000000+i, len(msg), msg)
		if i > 1 {
			fmt.Fprintf(&s, "from :%d\n", i-1)
		}
		fmt.Fprintf(&grow, "line %d appended to the growing file\n", i)
		file("grow.txt", grow.String())
		big[(i*397)%len(big)] = fmt.Sprintf("line edited in commit %d", i)
		big[(i*1193)%len(big)] = fmt.Sprintf("another line edited in commit %d", i)
		file("big.txt", strings.Join(big, "\n"))
		file(fmt.Sprintf("dir%d/sub/file.go", i%4), fmt.Sprintf("package sub\n\n// Rev %d.\nconst Rev = %d\n%s", i, i, strings.Repeat("// padding line\n", 40)))
		if i == 1 {
			file("empty", "")
		}
	}
	tagMsg := "release one\n"
	fmt.Fprintf(&s, "tag v1\nfrom :%d\ntagger T <t@example.com> 1700000000 +0000\ndata %d\n%s\n", commits/2, len(tagMsg), tagMsg)
	git(t, dir, s.String(), "fast-import", "--quiet")
	// fast-import writes a pack: make its objects loose.
	for _, name := range packFiles(t, dir, "pack") {
		data := readFile(t, name)
		for _, ext := range []string{".pack", ".idx"} {
			os.Remove(strings.TrimSuffix(name, ".pack") + ext)
		}
		git(t, dir, string(data), "unpack-objects", "-q")
	}
	return dir
}

// object is what git cat-file --batch prints of an object.
type object struct {
	typ  string
	data []byte
}

// allObjects returns every object of the repository as git reads it.
func allObjects(t testing.TB, dir string) map[Hash]object {
	t.Helper()
	out, err := gittest.Command(dir, nil, "cat-file", "--batch-all-objects", "--batch").Output()
	if err != nil {
		t.Fatalf("git cat-file --batch-all-objects --batch: %v", err)
	}
	r := bufio.NewReader(bytes.NewReader(out))
	objects := map[Hash]object{}
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF {
			return objects
		}
		f := strings.Fields(line)
		if err != nil || len(f) != 3 {
			t.Fatalf("cat-file --batch: %q, %v", line, err)
		}
		size, _ := strconv.Atoi(f[2])
		data := make([]byte, size+1)
		if _, err := io.ReadFull(r, data); err != nil {
			t.Fatal(err)
		}
		objects[hash(t, f[0])] = object{typ: f[1], data: data[:size]}
	}
}

func hash(t testing.TB, s string) Hash {
	t.Helper()
	var h Hash
	if b, err := hex.DecodeString(s); err != nil || len(b) != HashBytes {
		t.Fatalf("not an object id: %q", s)
	} else {
		copy(h[:], b)
	}
	return h
}

// packFiles lists the packs of a bare repository.
func packFiles(t testing.TB, dir, ext string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "objects", "pack", "*."+ext))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// openSet opens the packs of a bare repository.
func openSet(t testing.TB, dir string, opts Options) *Set {
	t.Helper()
	if opts.MaxObjectBytes == 0 {
		opts.MaxObjectBytes = 64 << 20
	}
	if opts.CacheBytes == 0 {
		opts.CacheBytes = 16 << 20
	}
	s, err := Open([]string{filepath.Join(dir, "objects")}, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// entryTypes counts the entries of the open packs by their type in the
// pack: whole objects, and the two kinds of deltas.
func entryTypes(t testing.TB, s *Set) map[Type]int {
	t.Helper()
	n := map[Type]int{}
	for _, p := range *s.packs.Load() {
		for i := range p.idx.count {
			off, err := p.idx.offset(i)
			if err != nil {
				t.Fatal(err)
			}
			e, err := p.entry(off)
			if err != nil {
				t.Fatal(err)
			}
			n[e.typ]++
		}
	}
	return n
}
