package sync

import (
	"errors"
	"testing"

	"kiosk/data/syncproto"
)

// A hub's answer is read as strictly as the hub reads a kiosk's request:
// a member twice (the last would win), in other letters or null is the
// hub failing, and nothing of it is taken.
func TestHubAnswersAreReadStrictly(t *testing.T) {
	good := `{"hub_id":"h","hub_time":1,"restart":false,"event_id":"ev","checkins":[],"cursor":{"kiosk-1a2b3c4d":2},"more":false}`
	var out syncproto.PullResponse
	if err := (&Client{}).decodeAnswer("/v1/pull", 200, []byte(good), &out); err != nil || out.Cursor["kiosk-1a2b3c4d"] != 2 {
		t.Fatalf("a good answer: %v %+v", err, out)
	}
	for _, bad := range []string{
		`{"hub_id":"h","hub_time":1,"restart":false,"event_id":"ev","checkins":[],"cursor":{"kiosk-1a2b3c4d":2,"kiosk-1a2b3c4d":900},"more":false}`,
		`{"hub_id":"h","hub_time":1,"restart":false,"event_id":"ev","checkins":null,"cursor":{},"more":false}`,
		`{"HUB_ID":"h","hub_time":1,"restart":false,"event_id":"ev","checkins":[],"cursor":{},"more":false}`,
		`{"hub_id":"h","hub_time":1,"restart":false,"event_id":"ev","checkins":[],"cursor":{}}`,
	} {
		var out syncproto.PullResponse
		err := (&Client{}).decodeAnswer("/v1/pull", 200, []byte(bad), &out)
		var off *OfflineError
		if !errors.As(err, &off) {
			t.Errorf("%s: %v, want the hub taken as failing", bad, err)
		}
	}
}
