package commitgraph

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
)

// The file format, from git's Documentation/gitformat-commit-graph.adoc and
// gitformat-chunk.adoc: an 8-byte header, a table of contents of (C+1)
// 12-byte entries (chunk id, offset; the last id is 0 and its offset ends
// the last chunk), the chunks, and a trailing checksum. Numbers are big
// endian.
const (
	hashLen     = 20 // SHA-1; a SHA-256 graph (hash version 2) is refused
	headerLen   = 8
	tocEntryLen = 12
	fanoutLen   = 256 * 4
	commitWidth = hashLen + 16 // CDAT: tree, two parents, level and time

	// parentNone marks an absent parent in CDAT; a second parent with
	// edgesNeeded set is a position in EDGE instead; in EDGE, lastEdge
	// ends an octopus merge's list.
	parentNone   = 0x70000000
	edgesNeeded  = 0x80000000
	lastEdge     = 0x80000000
	positionMask = 0x7fffffff

	// generationOverflow in GDA2 means the offset lives in GDO2.
	generationOverflow = 0x80000000

	bloomHeaderLen = 12
	// maxHashes bounds the number of hashes a BDAT header may ask for
	// (git writes 7): a layer asking for more is not read, so that a
	// corrupt header cannot make each query loop billions of times.
	maxHashes = 32
)

var (
	idFanout         = [4]byte{'O', 'I', 'D', 'F'}
	idLookup         = [4]byte{'O', 'I', 'D', 'L'}
	idCommitData     = [4]byte{'C', 'D', 'A', 'T'}
	idGeneration     = [4]byte{'G', 'D', 'A', '2'}
	idGenerationOver = [4]byte{'G', 'D', 'O', '2'}
	idExtraEdges     = [4]byte{'E', 'D', 'G', 'E'}
	idBloomIndex     = [4]byte{'B', 'I', 'D', 'X'}
	idBloomData      = [4]byte{'B', 'D', 'A', 'T'}
	idBase           = [4]byte{'B', 'A', 'S', 'E'}
)

// layer is one commit-graph file: the whole graph, or one file of a split
// chain. Its slices point into data, the mapped file.
type layer struct {
	path  string
	data  []byte
	unmap func() error

	commits uint32 // N, the commits in this file
	base    uint32 // the commits in the layers below, so the first position here

	fanout, lookup, commitData []byte
	generation, generationOver []byte // GDA2, GDO2; nil when absent
	extraEdges                 []byte
	baseGraphs                 []byte
	numBases                   int

	// bloomIndex and bloomData (past its header) are nil when the layer
	// has no filters git would read, or filters this package cannot read.
	bloomIndex, bloomData []byte
	bloom                 Settings
}

// Settings are the parameters of a layer's Bloom filters, from its BDAT
// header. Layers of a chain may differ.
type Settings struct {
	HashVersion  uint32 // 1: murmur3 with git's signed-char bug; 2: fixed
	NumHashes    uint32 // bit positions per path
	BitsPerEntry uint32 // the writer's sizing; readers do not need it
}

// openLayer maps the file at path and checks its structure. A missing file
// gives an error for which errors.Is(err, fs.ErrNotExist) holds.
func openLayer(path string) (*layer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("commit-graph %s: not a regular file", path)
	}
	size := info.Size()
	if size < headerLen+tocEntryLen+hashLen {
		return nil, fmt.Errorf("commit-graph %s: truncated: %d bytes is too short for a header, a chunk table and a checksum; rewrite it with git commit-graph write --reachable", path, size)
	}
	if int64(int(size)) != size {
		return nil, fmt.Errorf("commit-graph %s: %d bytes is too large to map on this platform", path, size)
	}
	data, unmap, err := mapFile(f, int(size))
	if err != nil {
		return nil, fmt.Errorf("commit-graph %s: %w", path, err)
	}
	l, err := parseLayer(path, data)
	if err != nil {
		unmap()
		return nil, err
	}
	l.unmap = unmap
	return l, nil
}

// corrupt is the error for a file whose content is wrong: it names the
// file, says what is wrong, and how to get a good one.
func corrupt(path, format string, args ...any) error {
	return fmt.Errorf("commit-graph %s: %s; rewrite it with git commit-graph write --reachable", path, fmt.Sprintf(format, args...))
}

// parseLayer checks the header, the chunk table and the size of every
// chunk it reads against the number of commits, the way git's
// parse_commit_graph does, so that reading a position in range never goes
// past its chunk.
func parseLayer(path string, data []byte) (*layer, error) {
	if len(data) < headerLen+tocEntryLen+hashLen {
		return nil, corrupt(path, "truncated: %d bytes is too short for a header, a chunk table and a checksum", len(data))
	}
	if !bytes.Equal(data[:4], []byte("CGPH")) {
		return nil, corrupt(path, "not a commit-graph file: it starts with %q, not \"CGPH\"", data[:4])
	}
	if data[4] != 1 {
		return nil, corrupt(path, "file version %d is not the only one defined, 1", data[4])
	}
	switch data[5] {
	case 1:
	case 2:
		return nil, fmt.Errorf("commit-graph %s: a SHA-256 graph (hash version 2); only SHA-1 repositories are read, so history is read from the commits", path)
	default:
		return nil, corrupt(path, "unknown hash version %d (1 is SHA-1, 2 is SHA-256)", data[5])
	}
	l := &layer{path: path, data: data, numBases: int(data[7])}

	numChunks := int(data[6])
	tocEnd := headerLen + (numChunks+1)*tocEntryLen
	end := uint64(len(data) - hashLen) // chunks end where the checksum starts
	if uint64(tocEnd) > end {
		return nil, corrupt(path, "truncated: %d bytes cannot hold a table of %d chunks and a checksum", len(data), numChunks)
	}
	seen := map[[4]byte]bool{}
	chunks := map[[4]byte][]byte{}
	for i := 0; i < numChunks; i++ {
		entry := data[headerLen+i*tocEntryLen:]
		id := [4]byte(entry[:4])
		start := binary.BigEndian.Uint64(entry[4:12])
		next := binary.BigEndian.Uint64(entry[16:24])
		if id == [4]byte{} {
			return nil, corrupt(path, "chunk table entry %d has the terminating id 0 but the header counts %d chunks", i, numChunks)
		}
		if start < uint64(tocEnd) || next < start || next > end {
			return nil, corrupt(path, "chunk %q spans bytes %d to %d, but chunks lie between the chunk table's end (byte %d) and the checksum (byte %d): the file is truncated or damaged", id[:], start, next, tocEnd, end)
		}
		if seen[id] {
			return nil, corrupt(path, "chunk %q appears twice", id[:])
		}
		seen[id] = true
		chunks[id] = data[start:next:next]
	}
	if last := data[headerLen+numChunks*tocEntryLen:]; !bytes.Equal(last[:4], []byte{0, 0, 0, 0}) {
		return nil, corrupt(path, "the chunk table does not end with id 0 after %d chunks", numChunks)
	}
	if err := l.readChunks(chunks); err != nil {
		return nil, err
	}
	return l, nil
}

// readChunks checks each chunk's size against the commit count.
func (l *layer) readChunks(chunks map[[4]byte][]byte) error {
	l.fanout = chunks[idFanout]
	if len(l.fanout) != fanoutLen {
		return corrupt(l.path, "the OID fanout chunk (OIDF) is %d bytes, not %d", len(l.fanout), fanoutLen)
	}
	prev := uint32(0)
	for i := 0; i < 256; i++ {
		n := binary.BigEndian.Uint32(l.fanout[4*i:])
		if n < prev {
			return corrupt(l.path, "OID fanout entry %d (%d) is less than the one before (%d)", i, n, prev)
		}
		prev = n
	}
	l.commits = prev
	n := uint64(l.commits)

	l.lookup = chunks[idLookup]
	if uint64(len(l.lookup)) != n*hashLen {
		return corrupt(l.path, "the OID lookup chunk (OIDL) is %d bytes, not the %d of %d hashes the fanout counts", len(l.lookup), n*hashLen, n)
	}
	l.commitData = chunks[idCommitData]
	if uint64(len(l.commitData)) != n*commitWidth {
		return corrupt(l.path, "the commit data chunk (CDAT) is %d bytes, not the %d of %d commits", len(l.commitData), n*commitWidth, n)
	}
	if g, ok := chunks[idGeneration]; ok {
		if uint64(len(g)) != n*4 {
			return corrupt(l.path, "the generation data chunk (GDA2) is %d bytes, not the %d of %d commits", len(g), n*4, n)
		}
		l.generation = g
		l.generationOver = chunks[idGenerationOver]
	}
	l.extraEdges = chunks[idExtraEdges]
	if l.numBases > 0 {
		l.baseGraphs = chunks[idBase]
		if len(l.baseGraphs) != l.numBases*hashLen {
			return corrupt(l.path, "the base graphs chunk (BASE) is %d bytes, not the %d of %d hashes the header counts", len(l.baseGraphs), l.numBases*hashLen, l.numBases)
		}
	}
	return l.readBloomChunks(chunks[idBloomIndex], chunks[idBloomData])
}

// readBloomChunks keeps BIDX and BDAT when both are there, as git does,
// and when their header is one this package reads.
func (l *layer) readBloomChunks(index, data []byte) error {
	if index == nil || data == nil {
		return nil
	}
	if uint64(len(index)) != uint64(l.commits)*4 {
		return corrupt(l.path, "the Bloom filter index chunk (BIDX) is %d bytes, not the %d of %d commits", len(index), uint64(l.commits)*4, l.commits)
	}
	if len(data) < bloomHeaderLen {
		return corrupt(l.path, "the Bloom filter data chunk (BDAT) is %d bytes, shorter than its %d-byte header", len(data), bloomHeaderLen)
	}
	l.bloom = Settings{
		HashVersion:  binary.BigEndian.Uint32(data[0:]),
		NumHashes:    binary.BigEndian.Uint32(data[4:]),
		BitsPerEntry: binary.BigEndian.Uint32(data[8:]),
	}
	if (l.bloom.HashVersion == 1 || l.bloom.HashVersion == 2) && l.bloom.NumHashes > 0 && l.bloom.NumHashes <= maxHashes {
		l.bloomIndex, l.bloomData = index, data[bloomHeaderLen:]
	}
	return nil
}

// trailer is the file's checksum, which names a layer of a chain.
func (l *layer) trailer() []byte { return l.data[len(l.data)-hashLen:] }

// find looks the commit up by binary search in the fanout's range.
func (l *layer) find(hash *[20]byte) (uint32, bool) {
	var lo uint32
	if hash[0] > 0 {
		lo = binary.BigEndian.Uint32(l.fanout[4*(int(hash[0])-1):])
	}
	hi := binary.BigEndian.Uint32(l.fanout[4*int(hash[0]):])
	for lo < hi {
		mid := lo + (hi-lo)/2
		switch bytes.Compare(hash[:], l.lookup[uint64(mid)*hashLen:uint64(mid+1)*hashLen]) {
		case 0:
			return mid, true
		case -1:
			hi = mid
		default:
			lo = mid + 1
		}
	}
	return 0, false
}
