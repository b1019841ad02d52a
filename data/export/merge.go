package export

import (
	"bytes"
	"cmp"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"kiosk/data/keys"
	"slices"
	"time"

	"kiosk/data"
	"kiosk/data/checkincode"
)

// ErrConflict is the reason of a copy of a check-in that a merge did not
// keep: see Conflict.
var ErrConflict = errors.New("conflicting copy of a check-in")

// KioskCount is what one kiosk contributed to a merge: as the writer of
// export files, and as the kiosk where check-ins were taken. A kiosk that
// only appears in others' files has zero Files.
type KioskCount struct {
	// Files is how many of the merged files this kiosk wrote; the same
	// file given twice counts once.
	Files int
	// Records is how many check-ins its files held, its own and relayed,
	// with those Read refused.
	Records int
	// New is how many of the merged check-ins no earlier file had. Files
	// are taken in the order they were made (then by kiosk), not in the
	// order given, so the same files always give the same counts.
	New int
	// Took is how many distinct check-ins were taken at this kiosk
	// (CheckIn.KioskID), whichever files carried them.
	Took int
	// Conflicts counts the Conflicts whose copy came in this kiosk's files.
	Conflicts int
}

// Conflict is a copy of a check-in that the merge did not keep, or a
// kiosk's number used by two check-ins. Kiosks never make either, so a
// conflict points at a damaged or dishonest kiosk: the one whose file
// carried the copy (Carrier).
type Conflict struct {
	ID      string // the check-in id of the copy
	KioskID string // the kiosk the copy says it was taken at
	Seq     int64
	Carrier string // the kiosk whose export carried the copy
	Created time.Time
	Kept    bool   // the copy is in the merge all the same (a number used twice by its own kiosk)
	Reason  string // what is wrong, and which copy was kept
}

func (c Conflict) Error() string {
	return fmt.Sprintf("check-in %s (%s number %d) in %s's export of %s: %s", c.ID, c.KioskID, c.Seq, c.Carrier,
		c.Created.UTC().Format(time.RFC3339), c.Reason)
}

// trust is how far a copy of a check-in is believed.
type trust int

const (
	// forged: its kiosk's key is known and its signature is not that
	// kiosk's. Never kept.
	forged trust = iota
	// unverified: its kiosk's key is unknown, or the copy is unsigned and
	// relayed by another kiosk. Kept unless a believed copy contradicts it.
	unverified
	// believed: signed by its kiosk's key, or in an export written by the
	// kiosk that took it (the file's signature covers it).
	believed
)

func (t trust) String() string {
	return [...]string{"not genuine", "unverified", "genuine"}[t]
}

// file is one export in the merge, in the merge's order.
type file struct {
	e   *Export
	sum [32]byte
}

// sighting is one copy of a check-in in one file.
type sighting struct {
	c     data.CheckIn
	f     *file
	trust trust
	sum   [32]byte // of the copy as written, to order copies
}

// Merge takes the union of exports: every check-in once, by id, however
// many files relayed it, sorted by hybrid logical clock then id. The same
// files in any order, given once or twice, give the same result.
//
// Each copy is judged on its own: a copy in the export of the kiosk that
// took it is vouched for by the file's signature; a relayed copy must
// carry its own kiosk's signature (a check-in code signature) when that
// kiosk's key is known, from kiosks (the enrolled kiosks, may be nil) or
// from the files themselves. A copy whose signature is not its kiosk's is
// dropped. When copies of one id differ, a believed copy wins over an
// unverified one, whatever the files' dates; between equals the lowest
// (clock, kiosk, number, content) wins, and every other copy is reported.
// A check-in some copy carries unsigned and another signed is the same
// event; the merge keeps the signature. Merge does not compare events:
// read the files with ReadOptions.EventID to keep to one.
func Merge(exports []*Export, kiosks []data.KioskKey) (all []data.CheckIn, perKiosk map[string]KioskCount, conflicts []Conflict) {
	files := mergeOrder(exports)
	keys := knownKeys(kiosks, files)
	perKiosk = map[string]KioskCount{}
	byID := map[string][]sighting{}
	var order []string // ids as first seen
	for _, f := range files {
		count(perKiosk, f.e.KioskID, func(k *KioskCount) { k.Files++; k.Records += len(f.e.CheckIns) + len(f.e.Refused) })
		for _, c := range f.e.CheckIns {
			s := sighting{c: c, f: f, trust: judge(c, f.e, keys), sum: recordSum(c)}
			if s.trust == forged {
				conflicts = append(conflicts, s.conflict("its signature is not that of "+c.KioskID+"'s key (changed or forged); not kept"))
				continue
			}
			if _, seen := byID[c.ID]; !seen {
				order = append(order, c.ID)
			}
			byID[c.ID] = append(byID[c.ID], s)
		}
	}
	kept := make([]sighting, 0, len(order))
	for _, id := range order {
		s, lost := pickCopy(byID[id])
		conflicts = append(conflicts, lost...)
		kept = append(kept, s)
	}
	kept, lost := dropNumberClashes(kept)
	conflicts = append(conflicts, lost...)
	for _, s := range kept {
		c := s.c
		c.Origin, c.ReceivedAt = "", time.Time{}
		all = append(all, c)
		count(perKiosk, firstFile(byID[c.ID], c).e.KioskID, func(k *KioskCount) { k.New++ })
		count(perKiosk, c.KioskID, func(k *KioskCount) { k.Took++ })
	}
	for _, c := range conflicts {
		count(perKiosk, c.Carrier, func(k *KioskCount) { k.Conflicts++ })
	}
	slices.SortFunc(all, func(a, b data.CheckIn) int { return cmp.Or(cmp.Compare(a.HLC, b.HLC), cmp.Compare(a.ID, b.ID)) })
	slices.SortFunc(conflicts, compareConflicts)
	return all, perKiosk, conflicts
}

// count changes one kiosk's counts.
func count(m map[string]KioskCount, kioskID string, change func(*KioskCount)) {
	k := m[kioskID]
	change(&k)
	m[kioskID] = k
}

// mergeOrder sorts the files by when they were made, then by kiosk and
// content, and drops a file given twice.
func mergeOrder(exports []*Export) []*file {
	files := make([]*file, 0, len(exports))
	for _, e := range exports {
		if e != nil {
			files = append(files, &file{e, fingerprint(e)})
		}
	}
	slices.SortFunc(files, func(a, b *file) int {
		return cmp.Or(a.e.Created.Compare(b.e.Created), cmp.Compare(a.e.KioskID, b.e.KioskID), bytes.Compare(a.sum[:], b.sum[:]))
	})
	return slices.CompactFunc(files, func(a, b *file) bool { return a.sum == b.sum })
}

// knownKeys maps kiosk ids to keys: the enrolled kiosks' and the files'
// own. Records name a kiosk by the id its key gives it (keys.KioskID); two
// keys giving one id leave that id without a key, so neither vouches.
func knownKeys(kiosks []data.KioskKey, files []*file) map[string]ed25519.PublicKey {
	known := map[string]ed25519.PublicKey{}
	add := func(pub ed25519.PublicKey) {
		if len(pub) != ed25519.PublicKeySize {
			return
		}
		id := keys.KioskID(pub)
		if have, ok := known[id]; ok && (have == nil || !have.Equal(pub)) {
			known[id] = nil
			return
		}
		known[id] = pub
	}
	for _, k := range kiosks {
		add(k.PublicKey)
	}
	for _, f := range files {
		add(f.e.PublicKey)
	}
	return known
}

// judge says how far a copy is believed.
func judge(c data.CheckIn, e *Export, keys map[string]ed25519.PublicKey) trust {
	pub := keys[c.KioskID]
	signed := len(c.Signature) > 0
	switch {
	case signed && pub != nil && !checkincode.Genuine(e.EventID, pub, c):
		return forged
	case c.KioskID == e.KioskID, signed && pub != nil:
		return believed
	}
	return unverified
}

// pickCopy chooses the copy of one check-in to keep among its copies and
// reports the others that differ from it.
func pickCopy(copies []sighting) (sighting, []Conflict) {
	sorted := slices.Clone(copies)
	slices.SortFunc(sorted, compareCopies)
	keep := sorted[0]
	var lost []Conflict
	for _, s := range sorted[1:] {
		switch {
		case !s.c.SameEvent(keep.c):
			lost = append(lost, s.conflict(fmt.Sprintf("it differs from the copy kept (%s, in %s's export of %s)",
				keep.trust, keep.f.e.KioskID, keep.f.e.Created.UTC().Format(time.RFC3339))))
		case len(keep.c.Signature) == 0 && len(s.c.Signature) > 0 && s.trust == believed:
			keep.c.Signature = s.c.Signature
		case len(s.c.Signature) > 0 && !bytes.Equal(s.c.Signature, keep.c.Signature) && len(keep.c.Signature) > 0:
			// Ed25519 signatures are deterministic: one of the two is false.
			lost = append(lost, s.conflict("the same check-in with another signature; not kept"))
		}
	}
	return keep, lost
}

// compareCopies orders copies of one check-in: believed first, then by
// clock, kiosk, number and content, so the choice never depends on the
// files' dates or the order they were given in.
func compareCopies(a, b sighting) int {
	return cmp.Or(-cmp.Compare(a.trust, b.trust), cmp.Compare(a.c.HLC, b.c.HLC), cmp.Compare(a.c.KioskID, b.c.KioskID),
		cmp.Compare(a.c.Seq, b.c.Seq), bytes.Compare(a.sum[:], b.sum[:]), compareFiles(a.f, b.f))
}

func compareFiles(a, b *file) int {
	return cmp.Or(a.e.Created.Compare(b.e.Created), cmp.Compare(a.e.KioskID, b.e.KioskID), bytes.Compare(a.sum[:], b.sum[:]))
}

// firstFile is the earliest file holding the kept event.
func firstFile(copies []sighting, kept data.CheckIn) *file {
	var first *file
	for _, s := range copies {
		if s.c.SameEvent(kept) && (first == nil || compareFiles(s.f, first) < 0) {
			first = s.f
		}
	}
	return first
}

// dropNumberClashes looks for a kiosk's number used by two check-ins. A
// less believed one is dropped; two as believed are both kept (the kiosk
// itself signed both) and reported.
func dropNumberClashes(kept []sighting) ([]sighting, []Conflict) {
	type number struct {
		kiosk string
		seq   int64
	}
	first := map[number]sighting{}
	var out []sighting
	var lost []Conflict
	sorted := slices.Clone(kept)
	slices.SortFunc(sorted, compareCopies)
	for _, s := range sorted {
		n := number{s.c.KioskID, s.c.Seq}
		other, used := first[n]
		switch {
		case !used:
			first[n] = s
		case s.trust < other.trust:
			lost = append(lost, s.conflict(fmt.Sprintf("%s number %d is check-in %s (%s); not kept", n.kiosk, n.seq, other.c.ID, other.trust)))
			continue
		default:
			c := s.conflict(fmt.Sprintf("%s number %d is also check-in %s; both kept", n.kiosk, n.seq, other.c.ID))
			c.Kept = true
			lost = append(lost, c)
		}
		out = append(out, s)
	}
	return out, lost
}

func (s sighting) conflict(reason string) Conflict {
	return Conflict{ID: s.c.ID, KioskID: s.c.KioskID, Seq: s.c.Seq, Carrier: s.f.e.KioskID, Created: s.f.e.Created,
		Reason: fmt.Sprintf("%s copy: %s", s.trust, reason)}
}

func compareConflicts(a, b Conflict) int {
	return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.KioskID, b.KioskID), cmp.Compare(a.Seq, b.Seq),
		a.Created.Compare(b.Created), cmp.Compare(a.Carrier, b.Carrier), cmp.Compare(a.Reason, b.Reason))
}

// recordSum identifies a copy of a check-in as written.
func recordSum(c data.CheckIn) [32]byte {
	b, _ := json.Marshal([]any{c.EventID, toRecord(c)})
	return sha256.Sum256(b)
}

// fingerprint identifies an export's content, to spot the same file given
// twice (copied to two sticks, say) and to order files made in the same
// second by the same kiosk.
func fingerprint(e *Export) [32]byte {
	h := sha256.New()
	enc := json.NewEncoder(h)
	enc.Encode([]any{e.EventID, e.KioskID, []byte(e.PublicKey), e.Created.UTC()})
	for _, c := range e.CheckIns {
		enc.Encode([]any{c.EventID, toRecord(c)})
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}
