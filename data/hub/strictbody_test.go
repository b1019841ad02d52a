package hub

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"kiosk/data/syncproto"
)

// A push or pull body is read as strictly as an export file: what
// encoding/json lets through on its own (a member in other letters, a
// member twice, null, a member left out) is refused 400 malformed, naming
// the member.
func TestBodiesAreReadStrictly(t *testing.T) {
	rec := `{"id":"0123456789abcdef0123456789abcdef","kiosk_id":"kiosk-1a2b3c4d","seq":1,"delegate_id":"D1","badge_serial":1,` +
		`"purpose":"plenary","session_id":"","room_id":"","scanned_at":"2016-11-08T10:15:00.000Z","hlc":1,"method":"qr",` +
		`"clock_suspect":false,"signature":""}`
	for _, c := range []struct {
		parse      parser
		body, want string
	}{
		{parsePush, `{"EVENT_ID":"ev1","checkins":[]}`, `member "EVENT_ID" is unknown`},
		{parsePush, `{"event_id":"ev1","event_id":"ev2","checkins":[]}`, `member "event_id" appears twice`},
		{parsePush, `{"event_id":"ev1","checkins":null}`, `member "checkins" is null`},
		{parsePush, `{"event_id":"ev1"}`, `member "checkins" is missing`},
		{parsePush, `{"event_id":"ev1","checkins":[` + strings.Replace(rec, `"hlc":1,`, ``, 1) + `]}`, `member "checkins[0].hlc" is missing`},
		{parsePush, `{"event_id":"ev1","checkins":[` + strings.Replace(rec, `"seq":1`, `"Seq":1`, 1) + `]}`, `member "checkins[0].Seq" is unknown`},
		{parsePush, `{"event_id":"ev1","checkins":[],"kiosk":null}`, `member "kiosk" is null`},
		{parsePush, "{\"event_id\":\"ev\xff\",\"checkins\":[]}", `not UTF-8`},
		{parsePull, `{"event_id":"ev1","hub_id":"","cursor":null}`, `member "cursor" is null`},
		{parsePull, `{"event_id":"ev1","hub_id":""}`, `member "cursor" is missing`},
		{parsePull, `{"event_id":"ev1","hub_id":"","cursor":{},"Cursor":{}}`, `member "Cursor" is unknown`},
		{parsePull, `{"event_id":"ev1","hub_id":"","cursor":{"kiosk-1a2b3c4d":1,"kiosk-1a2b3c4d":2}}`, `member "cursor.kiosk-1a2b3c4d" appears twice`},
		{parsePull, `{"event_id":"ev1","hub_id":"","cursor":{}} {}`, `more after the JSON value`},
		{parsePull, `{"event_id":"ev1","hub_id":"","cursor":{},"kiosk":{"waiting":-1,"bundle_version":0}}`, `must not be negative`},
	} {
		_, _, err := c.parse([]byte(c.body))
		var e *apiError
		if !errors.As(err, &e) || e.status != http.StatusBadRequest || e.code != syncproto.CodeMalformed || !strings.Contains(e.message, c.want) {
			t.Errorf("%s: got %v, want 400 malformed saying %s", c.body, err, c.want)
		}
	}
	for _, c := range []struct {
		parse parser
		body  string
	}{
		{parsePush, `{"event_id":"ev1","checkins":[` + rec + `]}`},
		{parsePush, `{"event_id":"ev1","checkins":[],"kiosk":{"bundle_version":2,"waiting":0}}`},
		{parsePull, `{"event_id":"ev1","hub_id":"","cursor":{}}`},
	} {
		if _, _, err := c.parse([]byte(c.body)); err != nil {
			t.Errorf("%s: %v", c.body, err)
		}
	}
}
