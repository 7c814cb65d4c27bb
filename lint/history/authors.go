package history

import (
	"bytes"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// Author is one person committing to the repository, after .mailmap.
type Author struct {
	Name, Email string
	Commits     int
	Last        time.Time // author time of their newest commit
}

// skewAllowance lets the walk look past a commit dated just before since,
// in case its ancestors carry later dates (clock skew).
const skewAllowance = 24 * time.Hour

// Authors groups the commits reachable from head whose committer time is at
// or after since by author, as `git shortlog -sne --since=SINCE head` does:
// the mailmap (the text of a .mailmap file, nil for none) applies, merges
// count, and the result is sorted by commits (most first), then name and
// email. git filters --since on the committer time, and so does Authors.
// The walk stops where commits get older than since. The caller reads the
// .mailmap git would: the working tree's in a checkout, HEAD's otherwise.
func (r *Repo) Authors(head string, since time.Time, mailmapText []byte) ([]Author, error) {
	h, err := resolveHash(head)
	if err != nil {
		return nil, err
	}
	mm := parseMailmap(mailmapText)

	cutoff, stop := since.Unix(), since.Add(-skewAllowance).Unix()
	byKey := map[string]*Author{}
	seen := map[plumbing.Hash]bool{h: true}
	queue := &commitHeap[*commitNode]{}
	n, err := r.commit(h)
	if err != nil {
		return nil, err
	}
	queue.push(n)
	for queue.Len() > 0 {
		n := queue.pop()
		if n.time < stop {
			continue
		}
		if n.time >= cutoff {
			if err := r.countAuthor(n.hash, mm, byKey); err != nil {
				return nil, err
			}
		}
		for _, p := range n.parents {
			if seen[p] {
				continue
			}
			seen[p] = true
			pn, err := r.commit(p)
			if err != nil {
				return nil, err
			}
			queue.push(pn)
		}
	}
	authors := make([]Author, 0, len(byKey))
	for _, a := range byKey {
		authors = append(authors, *a)
	}
	sort.Slice(authors, func(i, j int) bool {
		a, b := authors[i], authors[j]
		if a.Commits != b.Commits {
			return a.Commits > b.Commits
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Email < b.Email
	})
	return authors, nil
}

func (r *Repo) countAuthor(h plumbing.Hash, mm mailmap, byKey map[string]*Author) error {
	data, err := r.readObject(plumbing.CommitObject, h, maxObjectBytes)
	if err != nil {
		return err
	}
	name, email, when := parseAuthor(data)
	name, email = mm.resolve(name, email)
	key := name + " <" + email + ">"
	a := byKey[key]
	if a == nil {
		a = &Author{Name: name, Email: email}
		byKey[key] = a
	}
	a.Commits++
	if when.After(a.Last) {
		a.Last = when
	}
	return nil
}

// parseAuthor reads the author header of a raw commit.
func parseAuthor(data []byte) (name, email string, when time.Time) {
	for _, line := range bytes.Split(data, []byte("\n")) {
		if len(line) == 0 {
			break
		}
		rest, ok := bytes.CutPrefix(line, []byte("author "))
		if !ok {
			continue
		}
		lt, gt := bytes.IndexByte(rest, '<'), bytes.LastIndexByte(rest, '>')
		if lt < 0 || gt < lt {
			return strings.TrimSpace(string(rest)), "", time.Time{}
		}
		return strings.TrimSpace(string(rest[:lt])), string(rest[lt+1 : gt]), time.Unix(signatureTime(line), 0).UTC()
	}
	return "", "", time.Time{}
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
		if !ok {
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
	return strings.TrimSpace(s[:lt]), strings.TrimSpace(s[lt+1 : lt+gt]), s[lt+gt+1:], true
}

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
