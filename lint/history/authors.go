package history

import (
	"bytes"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/handover-dev/handover/lint/history/commitgraph"
	"github.com/handover-dev/handover/lint/history/pack"
)

// Author is one person committing to the repository, after .mailmap.
type Author struct {
	Name, Email string
	Commits     int
	Last        time.Time // author time of their newest commit
}

// Authors groups the commits reachable from head whose committer time is at
// or after since by author, as `git shortlog -sne --since=SINCE head` does:
// the mailmap (the text of a .mailmap file, nil for none) applies, merges
// count, and the result is sorted by commits (most first), then by
// "Name <email>". git filters --since on the committer time, and so does
// Authors. Like git, the walk goes no further than a commit older than
// since: an ancestor dated later (clock skew, a rebase) does not count
// unless a newer commit leads to it. A commit whose author line git cannot
// split is left out (git lists it as "%aN <%aE>"). The caller reads the
// .mailmap git would: the working tree's in a checkout, HEAD's otherwise.
func (r *Repo) Authors(head string, since time.Time, mailmapText []byte) ([]Author, error) {
	h, err := resolveHash(head)
	if err != nil {
		return nil, err
	}
	mm := parseMailmap(mailmapText)

	cutoff := since.Unix()
	byKey := map[string]*Author{}
	count := func(s signature) {
		if !s.ok {
			return
		}
		name, email := mm.resolve(s.name, s.email)
		key := name + " <" + email + ">"
		a := byKey[key]
		if a == nil {
			a = &Author{Name: name, Email: email}
			byKey[key] = a
		}
		a.Commits++
		if s.when.After(a.Last) {
			a.Last = s.when
		}
	}
	// The walk reads a commit object only where neither the cache nor the
	// commit-graph has the commit; its author is kept from that read until
	// the commit leaves the queue. The others' objects are read a batch at
	// a time, on several goroutines.
	read := map[plumbing.Hash]signature{}
	unread := make([]plumbing.Hash, 0, authorBatch)
	authors := make([]signature, authorBatch)
	readUnread := func() error {
		err := inParallel(len(unread), func(i int) error {
			data, err := r.readObject(plumbing.CommitObject, unread[i], maxObjectBytes)
			authors[i] = parseAuthor(data)
			return err
		})
		if err != nil {
			return err
		}
		for _, a := range authors[:len(unread)] {
			count(a)
		}
		unread = unread[:0]
		return nil
	}
	seen := r.newCommitSet()
	queue := &commitHeap[*commitNode]{}
	push := func(h plumbing.Hash) error {
		n, data, err := r.commitAndObject(h)
		if err != nil {
			return err
		}
		if data != nil {
			read[h] = parseAuthor(data)
		}
		queue.push(n)
		return nil
	}
	seen.add(h)
	if err := push(h); err != nil {
		return nil, err
	}
	for queue.Len() > 0 {
		n := queue.pop()
		author, ok := read[n.hash]
		delete(read, n.hash)
		if n.time < cutoff {
			continue
		}
		if ok {
			count(author)
		} else if unread = append(unread, n.hash); len(unread) == authorBatch {
			if err := readUnread(); err != nil {
				return nil, err
			}
		}
		for _, p := range n.parents {
			if seen.add(p) {
				if err := push(p); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := readUnread(); err != nil {
		return nil, err
	}
	out := make([]Author, 0, len(byKey))
	for _, a := range byKey {
		out = append(out, *a)
	}
	// git shortlog -n orders equal counts by "Name <email>" as bytes, so
	// "Ana (work)" comes before "Ana" ('(' sorts before '<').
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Commits != b.Commits {
			return a.Commits > b.Commits
		}
		return a.Name+" <"+a.Email+">" < b.Name+" <"+b.Email+">"
	})
	return out, nil
}

// commitSet is a set of commits that costs a bit for each commit the
// commit-graph holds (by its position there) or a pack holds (by its
// position in the packs, where every object has one), and a map entry only
// for the others, which are loose: a walk over the 80k commits of a long
// history remembers the ones it has seen in 10 KiB with a commit-graph, in
// 64 KiB without one (a pack of 515k objects), instead of 3 MiB.
type commitSet struct {
	graph            *commitgraph.Graph
	packs            *pack.Set
	inGraph, inPacks bitset
	other            map[plumbing.Hash]bool
}

func (r *Repo) newCommitSet() *commitSet {
	return &commitSet{graph: r.commitGraph(), packs: r.objects.packSet(), other: map[plumbing.Hash]bool{}}
}

// add puts h in the set and reports whether it was not there yet.
func (s *commitSet) add(h plumbing.Hash) bool {
	if s.graph != nil {
		if pos, ok := s.graph.Lookup(h); ok {
			return s.inGraph.add(int(pos))
		}
	}
	if s.packs != nil {
		if pos, ok := s.packs.Position(pack.Hash(h)); ok {
			return s.inPacks.add(pos)
		}
	}
	added := !s.other[h]
	s.other[h] = true
	return added
}

// bitset is a set of small numbers, a bit each, grown as they come.
type bitset []uint64

// add sets bit i and reports whether it was clear.
func (b *bitset) add(i int) bool {
	word, bit := i/64, uint64(1)<<(i%64)
	if word >= len(*b) {
		*b = append(*b, make([]uint64, word+1-len(*b))...)
	}
	added := (*b)[word]&bit == 0
	(*b)[word] |= bit
	return added
}

// authorBatch is how many commits Authors reads at once:
// enough to keep every goroutine busy, few enough that the authors read
// take little memory however many commits are in the window. A variable
// so that a test can make the batches small.
var authorBatch = 4096

// signature is a commit's author.
// signature is a commit's author. ok is false for a commit without a
// well-formed author line, which git shortlog lists under its format left
// unexpanded ("%aN <%aE>") and the committer count leaves out.
type signature struct {
	name, email string
	when        time.Time
	ok          bool
}

// parseAuthor reads the author header of a raw commit as git's
// split_ident_line does: the name is what comes before '<', without the
// spaces before it (leading ones stay), the email what lies between '<'
// and the first '>' after it. A commit whose encoding header names a
// legacy charset has them converted to UTF-8, as git shortlog does.
func parseAuthor(data []byte) signature {
	var author, authorLine []byte
	encoding := ""
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		if a, ok := bytes.CutPrefix(line, []byte("author ")); ok && author == nil {
			author, authorLine = a, line
			continue
		}
		if e, ok := bytes.CutPrefix(line, []byte("encoding ")); ok {
			encoding = string(e)
		}
		// The encoding header follows the committer; what comes after it
		// (signatures, the message) is not read.
		if author != nil && !bytes.HasPrefix(line, []byte("committer ")) {
			break
		}
		if len(line) == 0 {
			break
		}
	}
	if author == nil {
		return signature{}
	}
	lt := bytes.IndexByte(author, '<')
	if lt < 0 {
		return signature{}
	}
	gt := bytes.IndexByte(author[lt:], '>')
	if gt < 0 {
		return signature{}
	}
	name := strings.TrimRight(string(author[:lt]), gitSpace)
	return signature{reencode(name, encoding), reencode(string(author[lt+1:lt+gt]), encoding), time.Unix(signatureTime(authorLine), 0).UTC(), true}
}

// mailmap maps a commit's author to the canonical one (gitmailmap(5)). Keys
// are lowercased emails; git compares emails and names case-insensitively.
type mailmap map[string]*mailmapEntry

type mailmapEntry struct {
	name, email string
	byName      map[string]*mailmapEntry // lowercased old name
}

func parseMailmap(data []byte) mailmap {
	mm := mailmap{}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		name1, email1, rest, ok := nameAndEmail(line)
		if !ok || email1 == "" {
			// git reads no mapping to an empty email.
			continue
		}
		name2, email2, _, two := nameAndEmail(rest)
		if !two {
			// "Proper Name <commit@email>": name only.
			mm.add(name1, "", "", email1)
			continue
		}
		mm.add(name1, email1, name2, email2)
	}
	return mm
}

// nameAndEmail splits "Name <email> rest".
func nameAndEmail(s string) (name, email, rest string, ok bool) {
	lt := strings.IndexByte(s, '<')
	if lt < 0 {
		return "", "", "", false
	}
	gt := strings.IndexByte(s[lt:], '>')
	if gt < 0 {
		return "", "", "", false
	}
	return strings.Trim(s[:lt], gitSpace), s[lt+1 : lt+gt], s[lt+gt+1:], true
}

// gitSpace is what git's isspace() takes for blank: no other Unicode
// spaces.
const gitSpace = " \t\n\r"

func (mm mailmap) add(newName, newEmail, oldName, oldEmail string) {
	key := strings.ToLower(oldEmail)
	e := mm[key]
	if e == nil {
		e = &mailmapEntry{}
		mm[key] = e
	}
	if oldName != "" {
		if e.byName == nil {
			e.byName = map[string]*mailmapEntry{}
		}
		sub := e.byName[strings.ToLower(oldName)]
		if sub == nil {
			sub = &mailmapEntry{}
			e.byName[strings.ToLower(oldName)] = sub
		}
		e = sub
	}
	if newName != "" {
		e.name = newName
	}
	if newEmail != "" {
		e.email = newEmail
	}
}

func (mm mailmap) resolve(name, email string) (string, string) {
	e := mm[strings.ToLower(email)]
	if e == nil {
		return name, email
	}
	if sub := e.byName[strings.ToLower(name)]; sub != nil {
		e = sub
	}
	if e.name != "" {
		name = e.name
	}
	if e.email != "" {
		email = e.email
	}
	return name, email
}
