package syncproto

import (
	"encoding/json"
	"testing"

	"kiosk/data/strictjson"
)

// A kiosk's first pull has no cursor and an empty push no records: the
// hub reads null as an error, so the writer must send {} and [].
func TestRequestsNeverCarryNull(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{PushRequest{EventID: "ev1"}, `{"event_id":"ev1","checkins":[]}`},
		{PullRequest{EventID: "ev1"}, `{"event_id":"ev1","hub_id":"","cursor":{}}`},
		{&PullRequest{EventID: "ev1", Cursor: map[string]int64{"kiosk-1a2b3c4d": 3}, Kiosk: &KioskReport{Waiting: 1}},
			`{"event_id":"ev1","hub_id":"","cursor":{"kiosk-1a2b3c4d":3},"kiosk":{"bundle_version":0,"waiting":1}}`},
	} {
		b, err := json.Marshal(c.v)
		if err != nil || string(b) != c.want {
			t.Errorf("%+v: wrote %s (%v), want %s", c.v, b, err, c.want)
		}
	}
	// What the writer writes, the hub's reader takes.
	b, _ := json.Marshal(PullRequest{EventID: "ev1"})
	if err := strictjson.DecodeAll(b, &PullRequest{}); err != nil {
		t.Errorf("%s: %v", b, err)
	}
}
