package strictjson

import (
	"testing"
)

// The members doc's writer always writes (all but note) must all be
// there; Decode alone leaves a missing one at its zero value.
func TestDecodeAllRefusesAMissingMember(t *testing.T) {
	var d doc
	if err := DecodeAll([]byte(`{"event_id":"e1","counts":{},"files":[{"name":"a","size":0}]}`), &d); err != nil {
		t.Fatalf("every member but the optional one: %v", err)
	}
	for _, c := range []struct{ in, want string }{
		{`{"counts":{},"files":[]}`, `member "event_id" is missing`},
		{`{"event_id":"e1","counts":{},"files":[{"name":"a"}]}`, `member "files[0].size" is missing`},
		{`{"event_id":"e1","counts":{},"files":[{"name":"a","size":1},{"size":2}]}`, `member "files[1].name" is missing`},
		{"{\"event_id\":\"e\xff\",\"counts\":{},\"files\":[]}", `the text is not UTF-8`},
		// What Decode refuses, DecodeAll refuses the same way.
		{`{"EVENT_ID":"e1"}`, `member "EVENT_ID" is unknown (member names are case-sensitive)`},
		{`{"event_id":"e1","counts":{},"files":null}`, `member "files" is null; leave a member out or give it a value`},
	} {
		var d doc
		if err := DecodeAll([]byte(c.in), &d); err == nil || err.Error() != c.want {
			t.Errorf("%s: got %v, want %s", c.in, err, c.want)
		}
	}
}
