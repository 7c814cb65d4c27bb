package commitgraph

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	v2 "github.com/go-git/go-git/v5/plumbing/format/commitgraph/v2"
)

// The benchmarks read every commit of a real repository with a
// commit-graph (git commit-graph write --reachable --changed-paths), named
// by HANDOVER_BENCH_REPO, the way a history walk does: look the commit up,
// read its data, test its filter for a pathspec. Each reports ns/commit.
//
//	HANDOVER_BENCH_REPO=/tmp/hugo go test -run '^$' -bench . ./lint/history/commitgraph

func benchRepo(b *testing.B) (objects string, hashes [][20]byte) {
	b.Helper()
	repo := os.Getenv("HANDOVER_BENCH_REPO")
	if repo == "" {
		b.Skip("HANDOVER_BENCH_REPO is not set")
	}
	objects = filepath.Join(repo, ".git", "objects")
	g, err := Open(objects)
	if err != nil || g == nil {
		b.Fatalf("%s has no readable commit-graph (%v): run git commit-graph write --reachable --changed-paths", repo, err)
	}
	defer g.Close()
	for p := 0; p < g.Len(); p++ {
		c, err := g.Commit(Pos(p))
		if err != nil {
			b.Fatal(err)
		}
		hashes = append(hashes, c.Hash)
	}
	return objects, hashes
}

func perCommit(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/commit")
}

// BenchmarkGraph: Lookup, Commit and Bloom with this package.
func BenchmarkGraph(b *testing.B) {
	objects, hashes := benchRepo(b)
	g, err := Open(objects)
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	keys := PathKeys("docs/content")
	maybe := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, h := range hashes {
			pos, ok := g.Lookup(h)
			if !ok {
				b.Fatalf("%x not found", h)
			}
			if _, err := g.Commit(pos); err != nil {
				b.Fatal(err)
			}
			if f, ok := g.Bloom(pos); !ok || f.MayContainAll(keys) {
				maybe++
			}
		}
	}
	perCommit(b, len(hashes))
	b.ReportMetric(float64(maybe)/float64(b.N*len(hashes)), "maybe/commit")
}

// BenchmarkGoGit: the same lookups and commit data with go-git's
// commitgraph/v2 (no Bloom filters: it cannot read them), over the files
// as go-git opens them, and over copies in memory, its best case.
func BenchmarkGoGit(b *testing.B) {
	objects, hashes := benchRepo(b)
	for _, inMemory := range []bool{false, true} {
		name := "file"
		if inMemory {
			name = "memory"
		}
		b.Run(name, func(b *testing.B) {
			index, err := openGoGit(objects, inMemory)
			if err != nil {
				b.Fatal(err)
			}
			defer index.Close()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, h := range hashes {
					idx, err := index.GetIndexByHash(plumbing.Hash(h))
					if err != nil {
						b.Fatal(err)
					}
					if _, err := index.GetCommitDataByIndex(idx); err != nil {
						b.Fatal(err)
					}
				}
			}
			perCommit(b, len(hashes))
		})
	}
}

// openGoGit opens the single file or the chain with go-git.
func openGoGit(objects string, inMemory bool) (v2.Index, error) {
	open := func(path string) (v2.ReaderAtCloser, error) {
		if !inMemory {
			return os.Open(path)
		}
		data, err := os.ReadFile(path)
		return nopCloser{bytes.NewReader(data)}, err
	}
	info := filepath.Join(objects, "info")
	if f, err := open(filepath.Join(info, "commit-graph")); err == nil {
		return v2.OpenFileIndex(f)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	chain, err := os.Open(filepath.Join(info, "commit-graphs", "commit-graph-chain"))
	if err != nil {
		return nil, err
	}
	defer chain.Close()
	var index v2.Index
	lines := bufio.NewScanner(chain)
	for lines.Scan() {
		f, err := open(filepath.Join(info, "commit-graphs", "graph-"+lines.Text()+".graph"))
		if err != nil {
			return nil, err
		}
		if index, err = v2.OpenFileIndexWithParent(f, index); err != nil {
			return nil, err
		}
	}
	return index, lines.Err()
}

// BenchmarkCommitObjects: what the graph saves, reading and inflating
// every commit object with go-git's object storage.
func BenchmarkCommitObjects(b *testing.B) {
	objects, hashes := benchRepo(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Opened anew each round, so that go-git's object cache starts empty.
		repo, err := gogit.PlainOpen(filepath.Dir(filepath.Dir(objects)))
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range hashes {
			obj, err := repo.Storer.EncodedObject(plumbing.CommitObject, plumbing.Hash(h))
			if err != nil {
				b.Fatal(err)
			}
			r, err := obj.Reader()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, r); err != nil {
				b.Fatal(err)
			}
			r.Close()
		}
	}
	perCommit(b, len(hashes))
}
