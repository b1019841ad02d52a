package export

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/checkincode"
)

func TestMerge(t *testing.T) {
	a, b, c := newKiosk(t), newKiosk(t), newKiosk(t)
	a1, a2 := a.take("D000001", data.PurposeArrival), a.take("D000002", data.PurposeArrival)
	b1 := b.take("D000003", data.PurposeSession)
	c1 := c.take("D000004", data.PurposeArrival)
	// b received a1 by its check-in code (signed there, unsigned at a) and
	// c's check-in; c never exported.
	a1Signed := a1
	a1Signed.Signature = codeSignature(t, a, a1)
	dir := t.TempDir()
	fa := read(t, a.write(t, dir, []data.CheckIn{a1, a2}, created), ReadOptions{})
	fb := read(t, b.write(t, dir, []data.CheckIn{a1Signed, b1, c1}, created.Add(time.Minute)), ReadOptions{})

	all, per, conflicts := Merge([]*Export{fb, fa}, nil)
	if len(conflicts) != 0 {
		t.Fatalf("conflicts %v", conflicts)
	}
	want := asRead([]data.CheckIn{a1Signed, a2, b1, c1})
	if !reflect.DeepEqual(all, want) {
		t.Fatalf("merged %s\nwant %s", ids(all), ids(want))
	}
	wantPer := map[string]KioskCount{
		a.id: {Files: 1, Records: 2, New: 2, Took: 2},
		b.id: {Files: 1, Records: 3, New: 2, Took: 1}, // a1 came first in a's (earlier) file
		c.id: {Took: 1},
	}
	if !reflect.DeepEqual(per, wantPer) {
		t.Fatalf("counts %+v\nwant %+v", per, wantPer)
	}

	// The order given, and the same file given twice, change nothing.
	for _, in := range [][]*Export{{fa, fb}, {fb, fa, fb}, {fa, fa, fb, nil}} {
		all2, per2, _ := Merge(in, nil)
		if !reflect.DeepEqual(all2, all) || !reflect.DeepEqual(per2, per) {
			t.Fatalf("merge of %d files differs:\n%s\n%+v", len(in), ids(all2), per2)
		}
	}
	// A file merged with itself is itself.
	self, perSelf, _ := Merge([]*Export{fa, fa}, nil)
	if !reflect.DeepEqual(self, fa.CheckIns) || perSelf[a.id] != (KioskCount{Files: 1, Records: 2, New: 2, Took: 2}) {
		t.Fatalf("self merge %s %+v", ids(self), perSelf)
	}
	// Merging the merge's own output again (as a later file of a kiosk
	// that received everything) adds nothing.
	d := newKiosk(t)
	fd := read(t, d.write(t, dir, all, created.Add(time.Hour)), ReadOptions{})
	all3, per3, _ := Merge([]*Export{fa, fb, fd}, nil)
	if !reflect.DeepEqual(all3, all) || per3[d.id] != (KioskCount{Files: 1, Records: 4}) {
		t.Fatalf("relay of everything: %s %+v", ids(all3), per3[d.id])
	}
	if all, per, _ := Merge(nil, nil); len(all) != 0 || len(per) != 0 {
		t.Fatalf("empty merge: %v %v", all, per)
	}
}

func TestMergeOrdersByClock(t *testing.T) {
	a, b := newKiosk(t), newKiosk(t)
	a1 := a.take("D000001", data.PurposeArrival)
	b1 := b.take("D000002", data.PurposeArrival)
	a2 := a.take("D000003", data.PurposeArrival)
	b2 := b.take("D000004", data.PurposeArrival)
	b2.HLC = a2.HLC // a tie is broken by id
	all, _, _ := Merge([]*Export{
		{EventID: event, KioskID: a.id, Created: created, CheckIns: []data.CheckIn{a2, a1}},
		{EventID: event, KioskID: b.id, Created: created, CheckIns: []data.CheckIn{b2, b1}},
	}, nil)
	want := []data.CheckIn{a1, b1, a2, b2}
	if a2.ID > b2.ID {
		want[2], want[3] = b2, a2
	}
	if ids(all) != ids(want) {
		t.Fatalf("order %s, want %s", ids(all), ids(want))
	}
}

// codeSignature is the check-in code signature kiosk k makes for c.
func codeSignature(t testing.TB, k *kiosk, c data.CheckIn) []byte {
	t.Helper()
	sig, err := checkincode.Sign(event, k.key, c)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

// An enrolled kiosk's file, dated before the genuine one, that reuses
// another kiosk's check-in id with other content, or that kiosk's number
// under a new id, does not replace the genuine check-in: each copy is
// judged by its own kiosk's signature, whatever the files' dates and
// order, and every copy left out is reported, the same way each time.
func TestMergeKeepsTheGenuineCopyWhateverTheDates(t *testing.T) {
	a, b, c := newKiosk(t), newKiosk(t), newKiosk(t)
	a1, a2 := a.take("D000001", data.PurposeArrival), a.take("D000002", data.PurposeArrival)
	changed := a1
	changed.DelegateID = "D999999"
	copiedSig := changed
	copiedSig.Signature = codeSignature(t, a, a1) // a1's genuine signature, on other content
	reused := a.take("D000003", data.PurposeArrival)
	reused.Seq = a2.Seq
	dir := t.TempDir()
	fa := read(t, a.write(t, dir, []data.CheckIn{a1, a2}, created), ReadOptions{})
	// b's file claims to be a day older than a's.
	fb := read(t, b.write(t, dir, []data.CheckIn{changed, reused}, created.Add(-24*time.Hour)), ReadOptions{})
	fc := read(t, c.write(t, dir, []data.CheckIn{copiedSig}, created.Add(-48*time.Hour)), ReadOptions{})
	enrolled := []data.KioskKey{{KioskID: "a", PublicKey: a.pub()}, {KioskID: "b", PublicKey: b.pub()}, {KioskID: "c", PublicKey: c.pub()}}

	var first []Conflict
	for i, in := range [][]*Export{{fa, fb, fc}, {fc, fb, fa}, {fb, fa, fc, fb}} {
		for _, kiosks := range [][]data.KioskKey{nil, enrolled} {
			all, per, conflicts := Merge(in, kiosks)
			if ids(all) != ids([]data.CheckIn{a1, a2}) || all[0].DelegateID != "D000001" || all[1].ID != a2.ID {
				t.Fatalf("order %d: merged %s %+v", i, ids(all), all)
			}
			if len(conflicts) != 3 || per[b.id].Conflicts != 2 || per[c.id].Conflicts != 1 || per[a.id].Conflicts != 0 {
				t.Fatalf("order %d: conflicts %v, counts %+v", i, conflicts, per)
			}
			if first == nil {
				first = conflicts
			} else if !reflect.DeepEqual(conflicts, first) {
				t.Fatalf("order %d: conflicts differ:\n%v\n%v", i, conflicts, first)
			}
		}
	}
	for _, c := range first {
		t.Log(c.Error())
	}
}

// A relayed copy signed by its kiosk beats an unsigned one; two copies of
// one event, one unsigned, are one check-in with the signature.
func TestMergePrefersTheSignedCopy(t *testing.T) {
	a, b, c := newKiosk(t), newKiosk(t), newKiosk(t)
	a1 := a.take("D000001", data.PurposeArrival)
	a1.Signature = codeSignature(t, a, a1)
	unsignedChanged := a1
	unsignedChanged.Signature, unsignedChanged.DelegateID = nil, "D999999"
	unsigned := a1
	unsigned.Signature = nil
	dir := t.TempDir()
	fb := read(t, b.write(t, dir, []data.CheckIn{unsignedChanged}, created), ReadOptions{})
	fc := read(t, c.write(t, dir, []data.CheckIn{a1}, created.Add(time.Hour)), ReadOptions{})
	enrolled := []data.KioskKey{{KioskID: "a", PublicKey: a.pub()}}
	all, _, conflicts := Merge([]*Export{fb, fc}, enrolled)
	if len(all) != 1 || all[0].DelegateID != "D000001" || len(conflicts) != 1 || conflicts[0].Carrier != b.id {
		t.Fatalf("merged %+v, conflicts %v", all, conflicts)
	}
	fd := read(t, b.write(t, dir, []data.CheckIn{unsigned}, created.Add(2*time.Hour)), ReadOptions{})
	all, _, conflicts = Merge([]*Export{fd, fc}, enrolled)
	if len(all) != 1 || len(all[0].Signature) == 0 || len(conflicts) != 0 {
		t.Fatalf("merged %+v, conflicts %v", all, conflicts)
	}
}

// Read with the enrolled kiosks checks each relayed check-in of an
// enrolled kiosk against that kiosk's key: an enrolled kiosk cannot write
// check-ins under another's name and numbers (which would then clash with
// the genuine ones wherever they arrive).
func TestReadRefusesRelayedCheckInsWithoutTheirKiosksSignature(t *testing.T) {
	a, b, x := newKiosk(t), newKiosk(t), newKiosk(t)
	genuine := a.take("D000001", data.PurposeArrival)
	genuine.Signature = codeSignature(t, a, genuine)
	unsigned := a.take("D000002", data.PurposeArrival)
	wrong := a.take("D000003", data.PurposeArrival)
	wrong.Signature = codeSignature(t, a, genuine)
	notEnrolled := x.take("D000004", data.PurposeArrival)
	path := b.write(t, t.TempDir(), []data.CheckIn{genuine, unsigned, wrong, notEnrolled, b.take("D000005", data.PurposeArrival)}, created)
	enrolled := []data.KioskKey{{KioskID: "a", PublicKey: a.pub()}, {KioskID: "b", PublicKey: b.pub()}}
	e := read(t, path, ReadOptions{Kiosks: enrolled})
	if len(e.CheckIns) != 3 || e.CheckIns[0].ID != genuine.ID || e.CheckIns[1].ID != notEnrolled.ID || len(e.Refused) != 2 {
		t.Fatalf("read %s, refused %v", ids(e.CheckIns), e.Refused)
	}
	for i, want := range []string{"relayed without the signature of " + a.id, "not that of " + a.id + "'s key"} {
		if r := e.Refused[i]; !errors.Is(r.Reason, ErrForgedRecord) || r.Index != i+1 || !strings.Contains(r.Error(), want) {
			t.Errorf("refusal %d: %v", i, r)
		}
	}
	// Without the enrolled kiosks every record is read; Merge judges them.
	if e := read(t, path, ReadOptions{}); len(e.CheckIns) != 5 {
		t.Fatalf("read without kiosks: %s", ids(e.CheckIns))
	}
}
