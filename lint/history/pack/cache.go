package pack

// baseCache keeps the objects deltas were last applied to, keyed by where
// they are packed, least recently used first out, bounded in bytes: git's
// delta base cache (core.deltaBaseCacheLimit). Objects of a history are
// mostly deltas against their neighbours in time, so a walk reading them in
// order finds most bases here instead of rebuilding each chain.
type baseCache struct {
	entries   map[location]*cacheEntry
	head      cacheEntry // sentinel of the recency list: head.next is the newest
	size, max int
}

type location struct {
	pack   *packFile
	offset int64
}

type cacheEntry struct {
	key        location
	typ        Type
	data       []byte
	prev, next *cacheEntry
}

// cacheEntryBytes is what an entry costs besides its data.
const cacheEntryBytes = 96

func newBaseCache(max int) *baseCache {
	c := &baseCache{entries: map[location]*cacheEntry{}, max: max}
	c.head.prev, c.head.next = &c.head, &c.head
	return c
}

// get returns a cached object; its data must not be changed.
func (c *baseCache) get(k location) (Type, []byte, bool) {
	e, ok := c.entries[k]
	if !ok {
		return 0, nil, false
	}
	c.unlink(e)
	c.pushFront(e)
	return e.typ, e.data, true
}

// put caches an object, which must not be changed afterwards. An object
// over a quarter of the cache is not kept: it would push out many others.
func (c *baseCache) put(k location, typ Type, data []byte) {
	cost := len(data) + cacheEntryBytes
	if cost > c.max/4 {
		return
	}
	if _, ok := c.entries[k]; ok {
		return
	}
	for c.size+cost > c.max {
		old := c.head.prev
		c.unlink(old)
		delete(c.entries, old.key)
		c.size -= len(old.data) + cacheEntryBytes
	}
	e := &cacheEntry{key: k, typ: typ, data: data}
	c.entries[k] = e
	c.pushFront(e)
	c.size += cost
}

func (c *baseCache) unlink(e *cacheEntry) {
	e.prev.next, e.next.prev = e.next, e.prev
}

func (c *baseCache) pushFront(e *cacheEntry) {
	e.prev, e.next = &c.head, c.head.next
	c.head.next.prev = e
	c.head.next = e
}
