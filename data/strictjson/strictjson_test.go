package strictjson

import (
	"strings"
	"testing"
)

type item struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
}

type doc struct {
	EventID string         `json:"event_id"`
	Counts  map[string]int `json:"counts"`
	Files   []item         `json:"files"`
	Note    string         `json:"note,omitempty"`
}

func TestDecodeAcceptsTheDocumentedForm(t *testing.T) {
	var d doc
	err := Decode([]byte(" {\"event_id\":\"e1\",\"counts\":{\"Rooms\":2},\"files\":[{\"name\":\"a.csv\",\"size\":3}]}\n"), &d)
	if err != nil || d.EventID != "e1" || d.Counts["Rooms"] != 2 || d.Files[0].Size != 3 {
		t.Fatalf("%+v %v", d, err)
	}
}

func TestDecodeRefusals(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"EVENT_ID":"e1"}`, `member "EVENT_ID" is unknown`},
		{`{"event_id":"e1","event_id":"e2"}`, `member "event_id" appears twice`},
		{`{"files":[{"name":"a","Size":1}]}`, `member "files[0].Size" is unknown`},
		{`{"files":[{"name":"a","name":"b"}]}`, `member "files[0].name" appears twice`},
		{`{"counts":{"rooms":1,"rooms":2}}`, `member "counts.rooms" appears twice`},
		{`{"counts":null}`, `member "counts" is null`},
		{`{"files":[null]}`, `member "files[0]" is null`},
		{`null`, `the top-level value is null`},
		{`{"event_id":"e1"}{}`, "more after the JSON value"},
		{`{"event_id":"e1"} x`, "more after the JSON value"},
		{`{"event_id":1}`, `member "event_id" holds a number where a string belongs`},
		{`{"files":[{"name":"a","size":1.5}]}`, `member "files[0].size" holds a number 1.5 where a whole number belongs`},
		// A wrong type is named by its whole path, the index too.
		{`{"files":[{"name":"a","size":1},{"name":"b","size":"2"}]}`, `member "files[1].size" holds a string where a whole number belongs`},
		{`{"files":[{"name":true}]}`, `member "files[0].name" holds true or false where a string belongs`},
		{`{"counts":{"rooms":"1"}}`, `member "counts.rooms" holds a string where a whole number belongs`},
		{`{"counts":[]}`, `member "counts" holds a list where an object belongs`},
		{`{"files":{}}`, `member "files" holds an object where a list belongs`},
		{`{"event_id":["e1"]}`, `member "event_id" holds a list where a string belongs`},
		{`{"event_id":"e1"`, "not well formed"},
	} {
		var d doc
		err := Decode([]byte(c.in), &d)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.in, err, c.want)
		}
	}
}
