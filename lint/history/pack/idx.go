package pack

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// A version 2 pack index (gitformat-pack(5)):
//
//	magic "\377tOc", version 2
//	fanout: 256 big-endian uint32, fanout[b] = number of ids whose first byte is <= b
//	N object ids, sorted
//	N CRC-32s of the packed entries
//	N 31-bit offsets; an offset with the high bit set is an index into
//	the large-offset table instead
//	K 64-bit offsets (the large-offset table)
//	the pack's checksum, the index's checksum
//
// The index is the only table: lookups search the ids within their fanout
// bucket and read the offset at the same position, so opening an index
// allocates nothing per object.
const (
	idxHeaderBytes = 8
	fanoutBytes    = 256 * 4
	idxTrailer     = 2 * HashBytes
	// idxEntryBytes is what each object takes in the fixed tables: its id,
	// CRC and 32-bit offset.
	idxEntryBytes = HashBytes + 4 + 4
	largeOffset   = 0x80000000
)

var idxMagic = []byte{0xff, 't', 'O', 'c'}

// errIndexV1 reports an index of version 1, which has no magic: the
// caller may read such a pack another way.
var errIndexV1 = errors.New("is a version 1 pack index (or not a pack index), which this reader does not read")

// index is a parsed version 2 pack index. Its slices point into the
// mapped (or read) file.
type index struct {
	fanout, ids, offsets, large []byte
	packSum                     []byte
	count                       int
}

// parseIndex checks the layout of a version 2 index: its size must match
// the object count of its fanout table, as git checks it
// (check_packed_git_idx).
func parseIndex(data []byte) (*index, error) {
	if len(data) < idxHeaderBytes+fanoutBytes+idxTrailer {
		return nil, fmt.Errorf("is %d bytes, too short for a pack index", len(data))
	}
	if !bytes.Equal(data[:4], idxMagic) {
		return nil, errIndexV1
	}
	if v := binary.BigEndian.Uint32(data[4:8]); v != 2 {
		return nil, fmt.Errorf("is a pack index of version %d; only version 2 is read", v)
	}
	x := &index{fanout: data[idxHeaderBytes : idxHeaderBytes+fanoutBytes]}
	prev := uint32(0)
	for b := range 256 {
		n := binary.BigEndian.Uint32(x.fanout[4*b:])
		if n < prev {
			return nil, fmt.Errorf("has a fanout table that decreases at byte %#02x", b)
		}
		prev = n
	}
	count := int64(prev)
	fixed := int64(idxHeaderBytes+fanoutBytes+idxTrailer) + count*idxEntryBytes
	// At most one large offset per object but the first.
	most := fixed + max(count-1, 0)*8
	size := int64(len(data))
	if size < fixed || size > most || (size-fixed)%8 != 0 {
		return nil, fmt.Errorf("is %d bytes, which does not fit the %d objects its fanout table counts", size, count)
	}
	x.count = int(count)
	at := int64(idxHeaderBytes + fanoutBytes)
	x.ids = data[at : at+count*HashBytes]
	at += count * (HashBytes + 4) // ids, then CRCs
	x.offsets = data[at : at+count*4]
	at += count * 4
	x.large = data[at : size-idxTrailer]
	x.packSum = data[size-idxTrailer : size-HashBytes]
	return x, nil
}

// find returns the position of id in the index.
func (x *index) find(id Hash) (int, bool) {
	lo := 0
	if id[0] > 0 {
		lo = int(binary.BigEndian.Uint32(x.fanout[4*(int(id[0])-1):]))
	}
	hi := int(binary.BigEndian.Uint32(x.fanout[4*int(id[0]):]))
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch bytes.Compare(x.ids[mid*HashBytes:(mid+1)*HashBytes], id[:]) {
		case 0:
			return mid, true
		case -1:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

// id returns the object id at position i.
func (x *index) id(i int) Hash {
	var h Hash
	copy(h[:], x.ids[i*HashBytes:])
	return h
}

// offset returns the pack offset of the object at position i.
func (x *index) offset(i int) (int64, error) {
	v := binary.BigEndian.Uint32(x.offsets[4*i:])
	if v&largeOffset == 0 {
		return int64(v), nil
	}
	j := int(v &^ largeOffset)
	if j >= len(x.large)/8 {
		return 0, fmt.Errorf("object %d has large offset %d, past the %d of its large-offset table", i, j, len(x.large)/8)
	}
	o := binary.BigEndian.Uint64(x.large[8*j:])
	if o > math.MaxInt64 {
		return 0, fmt.Errorf("object %d has offset %d, past any pack", i, o)
	}
	return int64(o), nil
}
