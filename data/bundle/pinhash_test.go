package bundle

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"kiosk/data/pinhash"
)

// A bundle signed with a trusted key whose event.csv carries the hash of a
// short staff PIN is refused at the kiosk too (one built before the rule,
// or by another tool): found on a lost stick, it would give the PIN away
// in minutes. Nothing on the kiosk changes.
func TestKioskRefusesABundleWithAShortPINHash(t *testing.T) {
	k := newAttackKit(t)
	k.prepareKiosk(t, 1)
	short, err := pinhash.Hash("4829")
	if err != nil {
		t.Fatal(err)
	}
	f := k.forge(t, k.priv, 2)
	row, event := setCell(t, f.body(t, "event.csv"), "test-event", "staff_pin_hash", short)
	f.set("event.csv", event)
	ks := k.newKiosk(t, 1)
	before := snapshot(t, ks.s)
	_, err = ks.offer(f.bytes(t), ks.policy(t))
	var r *Refusal
	if !errors.As(err, &r) || r.Reason != BadData {
		t.Fatalf("want a %s refusal, got %v", BadData, err)
	}
	want := fmt.Sprintf(`event.csv row %d, column "staff_pin_hash"`, row)
	if !strings.Contains(r.Msg, want) || !strings.Contains(r.Msg, "4-digit") {
		t.Fatalf("message %q does not say %q and why", r.Msg, want)
	}
	sameState(t, before, snapshot(t, ks.s))
}
