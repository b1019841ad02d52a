package export

import (
	"crypto/ed25519"
	"reflect"
	"testing"
	"time"

	"kiosk/data"
)

func TestMerge(t *testing.T) {
	a, b, c := newKiosk(t), newKiosk(t), newKiosk(t)
	a1, a2 := a.take("D000001", data.PurposeArrival), a.take("D000002", data.PurposeArrival)
	b1 := b.take("D000003", data.PurposeSession)
	c1 := c.take("D000004", data.PurposeArrival)
	// b received a1 by its check-in code (signed there, unsigned at a) and
	// c's check-in; c never exported.
	a1Signed := a1
	a1Signed.Signature = ed25519.Sign(a.key, []byte("a1"))
	dir := t.TempDir()
	fa := read(t, a.write(t, dir, []data.CheckIn{a1, a2}, created), ReadOptions{})
	fb := read(t, b.write(t, dir, []data.CheckIn{a1Signed, b1, c1}, created.Add(time.Minute)), ReadOptions{})

	all, per := Merge([]*Export{fb, fa})
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
		all2, per2 := Merge(in)
		if !reflect.DeepEqual(all2, all) || !reflect.DeepEqual(per2, per) {
			t.Fatalf("merge of %d files differs:\n%s\n%+v", len(in), ids(all2), per2)
		}
	}
	// A file merged with itself is itself.
	self, perSelf := Merge([]*Export{fa, fa})
	if !reflect.DeepEqual(self, fa.CheckIns) || perSelf[a.id] != (KioskCount{Files: 1, Records: 2, New: 2, Took: 2}) {
		t.Fatalf("self merge %s %+v", ids(self), perSelf)
	}
	// Merging the merge's own output again (as a later file of a kiosk
	// that received everything) adds nothing.
	d := newKiosk(t)
	fd := read(t, d.write(t, dir, all, created.Add(time.Hour)), ReadOptions{})
	all3, per3 := Merge([]*Export{fa, fb, fd})
	if !reflect.DeepEqual(all3, all) || per3[d.id] != (KioskCount{Files: 1, Records: 4}) {
		t.Fatalf("relay of everything: %s %+v", ids(all3), per3[d.id])
	}
	if all, per := Merge(nil); len(all) != 0 || len(per) != 0 {
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
	all, _ := Merge([]*Export{
		{EventID: event, KioskID: a.id, Created: created, CheckIns: []data.CheckIn{a2, a1}},
		{EventID: event, KioskID: b.id, Created: created, CheckIns: []data.CheckIn{b2, b1}},
	})
	want := []data.CheckIn{a1, b1, a2, b2}
	if a2.ID > b2.ID {
		want[2], want[3] = b2, a2
	}
	if ids(all) != ids(want) {
		t.Fatalf("order %s, want %s", ids(all), ids(want))
	}
}

func TestMergeConflicts(t *testing.T) {
	a, b := newKiosk(t), newKiosk(t)
	a1, a2 := a.take("D000001", data.PurposeArrival), a.take("D000002", data.PurposeArrival)
	// b relays a1 changed, and a check-in of a's under a number a used for
	// another.
	forged := a1
	forged.DelegateID = "D999999"
	reused := a.take("D000003", data.PurposeArrival)
	reused.Seq = a2.Seq
	all, per := Merge([]*Export{
		{EventID: event, KioskID: a.id, Created: created, CheckIns: []data.CheckIn{a1, a2}},
		{EventID: event, KioskID: b.id, Created: created.Add(time.Minute), CheckIns: []data.CheckIn{forged, reused}},
	})
	if len(all) != 3 || all[0].DelegateID != "D000001" {
		t.Fatalf("merged %+v", all)
	}
	if got := per[a.id]; got.Conflicts != 2 || got.Took != 3 {
		t.Fatalf("a: %+v", got)
	}
	if got := per[b.id]; got.Conflicts != 0 || got.Records != 2 || got.New != 1 {
		t.Fatalf("b: %+v", got)
	}
}
