package strictjson

import (
	"encoding/json"
	"reflect"
	"testing"
)

type inner struct {
	Seq    int64  `json:"seq"`
	Serial uint32 `json:"serial"`
	Note   string `json:"note,omitempty"`
}

// withEvent has the members of inner and its own, as an embedded struct
// has them in encoding/json.
type withEvent struct {
	EventID string `json:"event_id"`
	inner
}

func TestDecodeEmbeddedStruct(t *testing.T) {
	var got withEvent
	if err := Decode([]byte(`{"event_id":"ev","seq":2,"serial":3}`), &got); err != nil || got != (withEvent{"ev", inner{Seq: 2, Serial: 3}}) {
		t.Fatalf("%v, %+v", err, got)
	}
	if err := Decode([]byte(`{"event_id":"ev","seq":2}`), &got); err == nil || err.Error() != `member "serial" is missing` {
		t.Fatalf("missing member of the embedded struct: %v", err)
	}
}

type outer struct {
	EventID string           `json:"event_id"`
	OK      bool             `json:"ok"`
	List    []inner          `json:"list"`
	Cursor  map[string]int64 `json:"cursor"`
	Report  *inner           `json:"report,omitempty"`
	skipped string
	Local   string `json:"-"`
}

const good = `{"event_id":"ev","ok":true,"list":[{"seq":1,"serial":4294967295}],"cursor":{"k":3},"report":null}`

func TestDecodeReadsWhatTheWriterWrites(t *testing.T) {
	var got outer
	if err := Decode([]byte(good), &got); err != nil {
		t.Fatal(err)
	}
	want := outer{EventID: "ev", OK: true, List: []inner{{Seq: 1, Serial: 4294967295}}, Cursor: map[string]int64{"k": 3}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	// What encoding/json writes for a value reads back the same.
	want.Report = &inner{Seq: -5, Note: "x"}
	b, _ := json.Marshal(want)
	var again outer
	if err := Decode(b, &again); err != nil || !reflect.DeepEqual(again, want) {
		t.Fatalf("round trip: %v, %+v", err, again)
	}
	var empty outer
	if err := Decode([]byte(` {"event_id":"","ok":false,"list":[],"cursor":{}} `+"\n"), &empty); err != nil || empty.List == nil {
		t.Fatalf("empty array: %v, %#v", err, empty.List)
	}
}

// Each input is what encoding/json accepts (ignoring case, keeping the
// last duplicate, null for an array...) and Decode refuses, naming the
// place and what was expected.
func TestDecodeRefusesWhatEncodingJSONForgives(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"name in other case", `{"EVENT_ID":"ev","ok":true,"list":[],"cursor":{}}`,
			`member "EVENT_ID" is not known (names are case-sensitive: "event_id")`},
		{"duplicate member", `{"event_id":"ev","event_id":"other","ok":true,"list":[],"cursor":{}}`,
			`member "event_id" appears twice`},
		{"duplicate in a record", `{"event_id":"ev","ok":true,"list":[{"seq":1,"serial":2,"seq":3}],"cursor":{}}`,
			`list[0]: member "seq" appears twice`},
		{"duplicate map key", `{"event_id":"ev","ok":true,"list":[],"cursor":{"k":1,"k":2}}`,
			`cursor: member "k" appears twice`},
		{"null for an array", `{"event_id":"ev","ok":true,"list":null,"cursor":{}}`,
			`list: expected an array, got null`},
		{"null for a string", `{"event_id":null,"ok":true,"list":[],"cursor":{}}`,
			`event_id: expected a string, got null`},
		{"unknown member", `{"event_id":"ev","ok":true,"list":[],"cursor":{},"extra":1}`,
			`member "extra" is not known`},
		{"missing member", `{"event_id":"ev","ok":true,"cursor":{}}`,
			`member "list" is missing`},
		{"missing in a record", `{"event_id":"ev","ok":true,"list":[{"seq":1}],"cursor":{}}`,
			`list[0]: member "serial" is missing`},
		{"fraction for an integer", `{"event_id":"ev","ok":true,"list":[{"seq":1.5,"serial":2}],"cursor":{}}`,
			`list[0].seq: expected an integer from -9223372036854775808 to 9223372036854775807, got the number 1.5`},
		{"exponent for an integer", `{"event_id":"ev","ok":true,"list":[{"seq":1e3,"serial":2}],"cursor":{}}`,
			`list[0].seq: expected an integer from -9223372036854775808 to 9223372036854775807, got the number 1e3`},
		{"out of range", `{"event_id":"ev","ok":true,"list":[{"seq":1,"serial":4294967296}],"cursor":{}}`,
			`list[0].serial: expected an integer from 0 to 4294967295, got the number 4294967296`},
		{"string for a bool", `{"event_id":"ev","ok":"true","list":[],"cursor":{}}`,
			`ok: expected true or false, got a string`},
		{"object for a string", `{"event_id":{},"ok":true,"list":[],"cursor":{}}`,
			`event_id: expected a string, got an object`},
		{"array at the top", `[]`, `expected an object, got an array`},
		{"trailing value", good + `{}`, `something follows the JSON value`},
		{"cut short", good[:40], `list[0]: the JSON text ends too early`},
		{"not UTF-8", `{"event_id":"` + "\xff" + `","ok":true,"list":[],"cursor":{}}`, `not UTF-8 text`},
		{"syntax", `{"event_id":"ev",}`, `not JSON: invalid character '}' looking for beginning of object key string`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var v outer
			err := Decode([]byte(tc.in), &v)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got %v, want %s", err, tc.want)
			}
			if _, ok := err.(*Error); !ok {
				t.Fatalf("%T is not *Error", err)
			}
		})
	}
}
