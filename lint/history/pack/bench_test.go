package pack

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// The benchmarks read every commit and tree of a real repository, in the
// order git rev-list --objects --all lists them (newest commits first, as
// history walks go), named by HANDOVER_BENCH_REPO (a bare repository or a
// work tree), with this package and with go-git's storage, opening the
// repository in each iteration as a run of handover does. Each reports
// ns/object and the peak of the Go heap.
//
//	HANDOVER_BENCH_REPO=/tmp/git.git go test -run '^$' -bench . -benchtime 3x ./lint/history/pack

func benchObjects(b *testing.B) (objects string, ids []Hash) {
	b.Helper()
	repo := os.Getenv("HANDOVER_BENCH_REPO")
	if repo == "" {
		b.Skip("HANDOVER_BENCH_REPO is not set")
	}
	objects = filepath.Join(repo, "objects")
	if _, err := os.Stat(filepath.Join(repo, ".git")); err == nil {
		objects = filepath.Join(repo, ".git", "objects")
	}
	listed := git(b, repo, "", "rev-list", "--objects", "--all", "--filter=blob:none")
	for line := range strings.Lines(listed) {
		id, _, _ := strings.Cut(strings.TrimSpace(line), " ")
		ids = append(ids, hash(b, id))
	}
	return objects, ids
}

func report(b *testing.B, n int, peak uint64) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/object")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// heapPeak samples the heap in use every 1,000 objects.
type heapPeak struct{ max uint64 }

func (h *heapPeak) sample(i int) {
	if i%1000 != 0 {
		return
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	h.max = max(h.max, m.HeapInuse)
}

// BenchmarkPack reads with delta base caches of several sizes.
func BenchmarkPack(b *testing.B) {
	objects, ids := benchObjects(b)
	for _, mib := range []int{4, 8, 16, 32} {
		b.Run(fmt.Sprintf("cache=%dMiB", mib), func(b *testing.B) {
			var peak heapPeak
			for range b.N {
				s, err := Open([]string{objects}, Options{MaxObjectBytes: 64 << 20, CacheBytes: mib << 20})
				if err != nil {
					b.Fatal(err)
				}
				for i, id := range ids {
					if _, _, err := s.Read(id, 64<<20); err != nil {
						b.Fatal(err)
					}
					peak.sample(i)
				}
				s.Close()
			}
			report(b, len(ids), peak.max)
		})
	}
}

// BenchmarkGoGit reads the objects as lint/history did before this
// package: go-git's storage with its pack files kept open and a 32 MiB
// object cache.
func BenchmarkGoGit(b *testing.B) {
	objects, ids := benchObjects(b)
	var peak heapPeak
	b.ResetTimer()
	for range b.N {
		st := filesystem.NewStorageWithOptions(osfs.New(filepath.Dir(objects)), cache.NewObjectLRU(32<<20), filesystem.Options{KeepDescriptors: true, LargeObjectThreshold: 1 << 20})
		for i, id := range ids {
			obj, err := st.EncodedObject(plumbing.AnyObject, plumbing.Hash(id))
			if err != nil {
				b.Fatal(err)
			}
			r, err := obj.Reader()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.ReadAll(r); err != nil {
				b.Fatal(err)
			}
			r.Close()
			peak.sample(i)
		}
		st.Close()
	}
	report(b, len(ids), peak.max)
}
