package pack

import (
	"bufio"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
	"github.com/handover-dev/handover/internal/mmap"
)

// TestMappedPagesStayWithinTheirBound reads every object of a pack many
// times its bound in random order and asks the kernel how much of the
// pack's mapping is resident. A fault in a file's mapping maps the pages
// around it, at least the 64 KiB of fault-around and at most a large folio
// of the page cache; the test measures the most one fault maps in this
// pack (grain). Each chunk the Set counts is at most one fault, so what is
// resident stays within (the bound's chunks + the last read's + the two
// read when the pack is opened) faults. Counting each read as the page it
// touches let the mapping grow to many times that.
func TestMappedPagesStayWithinTheirBound(t *testing.T) {
	if _, err := os.Stat("/proc/self/smaps"); err != nil {
		t.Skip("no /proc/self/smaps to ask the kernel what is resident")
	}
	const bound = 256 << 10
	dir := t.TempDir()
	git(t, dir, "", "init", "-q", "--bare")
	// 400 files of hex digits that neither compress much nor delta: a
	// pack of some 1.6 MB.
	var stream strings.Builder
	sum := sha1.Sum(nil)
	for i := 1; i <= 400; i++ {
		var content strings.Builder
		for content.Len() < 8<<10 {
			sum = sha1.Sum(sum[:])
			content.WriteString(hex.EncodeToString(sum[:]))
		}
		fmt.Fprintf(&stream, "blob\nmark :%d\ndata %d\n%s\n", i, content.Len(), content.String())
	}
	msg := "400 files"
	fmt.Fprintf(&stream, "commit refs/heads/main\nmark :401\ncommitter T <t@example.com> 1700000000 +0000\ndata %d\n%s\n", len(msg), msg)
	for i := 1; i <= 400; i++ {
		fmt.Fprintf(&stream, "M 100644 :%d file%03d.txt\n", i, i)
	}
	gittest.FastImport(t, dir, strings.NewReader(stream.String()))
	git(t, dir, "", "repack", "-adq")
	packs, err := filepath.Glob(filepath.Join(dir, "objects", "pack", "*.pack"))
	if err != nil || len(packs) != 1 {
		t.Fatalf("packs %v, %v: want one", packs, err)
	}
	if fi, err := os.Stat(packs[0]); err != nil || fi.Size() < 4*bound {
		t.Fatalf("the pack is %v, %v: want at least %d bytes, or the bound is never reached", fi.Size(), err, 4*bound)
	}
	want := allObjects(t, dir)
	ids := make([]Hash, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	grain := faultGrainKiB(t, packs[0])
	s := openSet(t, dir, Options{CacheBytes: 1, ResidentBytes: bound})
	most := 0
	for i := range ids {
		id := ids[(i*7919)%len(ids)]
		if _, _, err := s.Read(id, 1<<20); err != nil {
			t.Fatal(err)
		}
		if i%16 == 0 {
			most = max(most, residentKiB(t, packs[0]))
		}
	}
	// The kernel's fault-around, not chunkBytes: the test checks that the
	// Set counts what the kernel maps.
	const faultAround = 64 << 10
	if limit := (bound/faultAround + 3) * grain; most > limit {
		t.Errorf("the pack's mapping had %d KiB resident, want at most %d KiB (%d faults of %d KiB: its bound of %d KiB and three chunks)",
			most, limit, bound/faultAround+3, grain, bound>>10)
	}
	if most == 0 {
		t.Errorf("the pack's mapping never had a page ResidentBytes: the test does not see the mapping")
	}
}

// faultGrainKiB maps the file at path on its own and touches one byte in
// each 64 KiB, one at a time: the most that one touch made resident.
func faultGrainKiB(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	data, unmap, err := mmap.Map(f, int(fi.Size()))
	if err != nil {
		t.Skipf("cannot map %s: %v", path, err)
	}
	defer unmap()
	grain, before := 0, residentKiB(t, path)
	var sum byte
	for off := 0; off < len(data); off += 64 << 10 {
		sum += data[off]
		now := residentKiB(t, path)
		grain, before = max(grain, now-before), now
	}
	if grain == 0 {
		t.Fatalf("touching %s mapped nothing (sum %d): the test does not see the mapping", path, sum)
	}
	return grain
}

// residentKiB sums the resident memory of this process's mappings of the
// file at path, as /proc/self/smaps gives it.
func residentKiB(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			in = len(fields) == 6 && fields[5] == path
		case in && fields[0] == "Rss:":
			n, err := strconv.Atoi(fields[1])
			if err != nil {
				t.Fatalf("smaps: %q", sc.Text())
			}
			total += n
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}
