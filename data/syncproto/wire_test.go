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

// The hub's answers are read strictly by the kiosk too: an answer with
// nothing in it must still be one the kiosk takes, and one that says a
// member twice or in other letters must be refused.
func TestAnswersNeverCarryNull(t *testing.T) {
	for _, c := range []struct {
		v    any
		into any
		want string
	}{
		{PushResponse{HubID: "h"}, &PushResponse{}, `{"hub_id":"h","hub_time":0,"acked":0,"results":[]}`},
		{PullResponse{HubID: "h"}, &PullResponse{}, `{"hub_id":"h","hub_time":0,"restart":false,"event_id":"","checkins":[],"cursor":{},"more":false}`},
	} {
		b, err := json.Marshal(c.v)
		if err != nil || string(b) != c.want {
			t.Errorf("%+v: wrote %s (%v), want %s", c.v, b, err, c.want)
		}
		if err := strictjson.DecodeAll(b, c.into); err != nil {
			t.Errorf("%s: %v", b, err)
		}
	}
	for _, bad := range []string{
		`{"hub_id":"h","hub_time":0,"acked":0,"results":null}`,
		`{"hub_id":"h","hub_time":0,"acked":0,"acked":5,"results":[]}`,
		`{"HUB_ID":"h","hub_time":0,"acked":0,"results":[]}`,
	} {
		if err := strictjson.DecodeAll([]byte(bad), &PushResponse{}); err == nil {
			t.Errorf("%s was read", bad)
		}
	}
}
