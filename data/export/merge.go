package export

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"slices"
	"time"

	"kiosk/data"
)

// KioskCount is what one kiosk contributed to a merge: as the writer of
// export files, and as the kiosk where check-ins were taken. A kiosk that
// only appears in others' files has zero Files.
type KioskCount struct {
	// Files is how many of the merged files this kiosk wrote; the same
	// file given twice counts once.
	Files int
	// Records is how many check-ins its files held, its own and relayed.
	Records int
	// New is how many of those no earlier file had. Files are taken in the
	// order they were made (then by kiosk), not in the order given, so the
	// same files always give the same counts.
	New int
	// Took is how many distinct check-ins were taken at this kiosk
	// (CheckIn.KioskID), whichever files carried them.
	Took int
	// Conflicts counts this kiosk's check-ins that came in two versions
	// under one id, and extra check-ins under a sequence number already
	// used. A kiosk never makes either, so they point at a damaged or
	// dishonest kiosk; the version in the earliest file is kept.
	Conflicts int
}

// Merge takes the union of exports: every check-in once, by id, however
// many files relayed it, sorted by hybrid logical clock then id. It is a
// pure set union, so merging a file twice, or files in another order,
// gives the same result. A check-in some kiosk kept unsigned (its own)
// and another received signed (by its check-in code) is the same event;
// the merge keeps the signature. Merge does not compare events: read the
// files with ReadOptions.EventID to keep to one.
func Merge(exports []*Export) (all []data.CheckIn, perKiosk map[string]KioskCount) {
	type file struct {
		e   *Export
		sum [32]byte
	}
	files := make([]file, 0, len(exports))
	for _, e := range exports {
		if e != nil {
			files = append(files, file{e, fingerprint(e)})
		}
	}
	slices.SortFunc(files, func(a, b file) int {
		return cmp.Or(a.e.Created.Compare(b.e.Created), cmp.Compare(a.e.KioskID, b.e.KioskID), bytes.Compare(a.sum[:], b.sum[:]))
	})
	files = slices.CompactFunc(files, func(a, b file) bool { return a.sum == b.sum })

	perKiosk = map[string]KioskCount{}
	byID := map[string]int{} // index in all
	for _, f := range files {
		k := perKiosk[f.e.KioskID]
		k.Files++
		k.Records += len(f.e.CheckIns)
		for _, c := range f.e.CheckIns {
			i, ok := byID[c.ID]
			if !ok {
				c.Origin, c.ReceivedAt = "", time.Time{}
				byID[c.ID] = len(all)
				all = append(all, c)
				k.New++
				continue
			}
			have := &all[i]
			switch {
			case !sameEvent(*have, c):
				addConflict(perKiosk, c.KioskID)
			case len(have.Signature) == 0:
				have.Signature = c.Signature
			case len(c.Signature) != 0 && !bytes.Equal(have.Signature, c.Signature):
				// Ed25519 signatures are deterministic: one of the two is false.
				addConflict(perKiosk, c.KioskID)
			}
		}
		perKiosk[f.e.KioskID] = k
	}

	seqs := map[string]map[int64]bool{}
	for _, c := range all {
		k := perKiosk[c.KioskID]
		k.Took++
		m := seqs[c.KioskID]
		if m == nil {
			m = map[int64]bool{}
			seqs[c.KioskID] = m
		}
		if m[c.Seq] {
			k.Conflicts++
		}
		m[c.Seq] = true
		perKiosk[c.KioskID] = k
	}
	slices.SortFunc(all, func(a, b data.CheckIn) int { return cmp.Or(cmp.Compare(a.HLC, b.HLC), cmp.Compare(a.ID, b.ID)) })
	return all, perKiosk
}

func addConflict(m map[string]KioskCount, kioskID string) {
	k := m[kioskID]
	k.Conflicts++
	m[kioskID] = k
}

// sameEvent compares two check-ins field by field, leaving out the
// signature (which one copy may lack) and local bookkeeping.
func sameEvent(a, b data.CheckIn) bool {
	return a.ID == b.ID && a.EventID == b.EventID && a.KioskID == b.KioskID && a.Seq == b.Seq &&
		a.DelegateID == b.DelegateID && a.BadgeSerial == b.BadgeSerial && a.Purpose == b.Purpose &&
		a.SessionID == b.SessionID && a.RoomID == b.RoomID && a.ScannedAt.Equal(b.ScannedAt) &&
		a.HLC == b.HLC && a.Method == b.Method && a.ClockSuspect == b.ClockSuspect
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
