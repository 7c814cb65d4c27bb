package pack

import (
	"errors"
	"fmt"
)

// A delta (gitformat-pack(5), "Deltified representation") starts with the
// size of its base and the size of its result, seven bits a byte, least
// significant first, then instructions: a byte with the high bit set copies
// a range of the base (its low bits say which offset and size bytes
// follow), a byte from 1 to 127 inserts that many bytes that follow it, and
// 0 is reserved.

// deltaSize reads one of a delta's two sizes and returns the rest.
func deltaSize(d []byte) (uint64, []byte, error) {
	var v uint64
	for i, shift := 0, 0; i < len(d); i, shift = i+1, shift+7 {
		if shift > 63 {
			break
		}
		v |= uint64(d[i]&0x7f) << shift
		if d[i]&0x80 == 0 {
			return v, d[i+1:], nil
		}
	}
	return 0, nil, errors.New("the delta's header is truncated or overflows")
}

// deltaHeader returns the base and result sizes a delta declares, and its
// instructions.
func deltaHeader(d []byte) (base, result uint64, ops []byte, err error) {
	if base, d, err = deltaSize(d); err != nil {
		return 0, 0, nil, err
	}
	if result, d, err = deltaSize(d); err != nil {
		return 0, 0, nil, err
	}
	return base, result, d, nil
}

// maxDeltaHeaderBytes is the most a delta's two sizes take.
const maxDeltaHeaderBytes = 2 * 10

// applyDelta builds the object delta describes from base. It refuses a
// result over limit bytes before allocating it, and checks every
// instruction: a copy within the base, an insert within the delta, a result
// of exactly the declared size.
func applyDelta(base, delta []byte, limit int64) ([]byte, error) {
	baseSize, size, ops, err := deltaHeader(delta)
	if err != nil {
		return nil, err
	}
	if baseSize != uint64(len(base)) {
		return nil, fmt.Errorf("the delta is for a base of %d bytes, but its base has %d", baseSize, len(base))
	}
	if size > uint64(limit) {
		return nil, &TooLargeError{Size: int64(min(size, 1<<62)), Limit: limit}
	}
	out := make([]byte, 0, size)
	for i := 0; i < len(ops); {
		op := ops[i]
		i++
		switch {
		case op&0x80 != 0:
			var offset, n uint64
			for bit := range 7 {
				if op&(1<<bit) == 0 {
					continue
				}
				if i == len(ops) {
					return nil, errors.New("a copy instruction of the delta is truncated")
				}
				if bit < 4 {
					offset |= uint64(ops[i]) << (8 * bit)
				} else {
					n |= uint64(ops[i]) << (8 * (bit - 4))
				}
				i++
			}
			if n == 0 {
				n = 0x10000
			}
			if offset+n > uint64(len(base)) {
				return nil, fmt.Errorf("the delta copies bytes %d to %d of a base of %d", offset, offset+n, len(base))
			}
			if uint64(len(out))+n > size {
				return nil, fmt.Errorf("the delta builds more than the %d bytes it declares", size)
			}
			out = append(out, base[offset:offset+n]...)
		case op != 0:
			n := int(op)
			if n > len(ops)-i {
				return nil, errors.New("an insert instruction of the delta is truncated")
			}
			if uint64(len(out)+n) > size {
				return nil, fmt.Errorf("the delta builds more than the %d bytes it declares", size)
			}
			out = append(out, ops[i:i+n]...)
			i += n
		default:
			return nil, errors.New("the delta has the reserved instruction 0")
		}
	}
	if uint64(len(out)) != size {
		return nil, fmt.Errorf("the delta builds %d bytes but declares %d", len(out), size)
	}
	return out, nil
}
