package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kiosk/data"
)

// baseFiles is a small valid folder written as staff would type it, so that
// each test case below can break one thing in it.
func baseFiles() map[string]string {
	return map[string]string{
		"event.csv": `id,name,short_name,organiser,venue,city,country,time_zone,start_date,end_date,languages
ga85,85th General Assembly,GA 2016,INTERPOL,BNDCC,"Nusa Dua, Bali",IDN,Asia/Makassar,2016-11-07,2016-11-10,en;fr
`,
		"countries.csv": `code,code2,name,alt_names,region
IDN,ID,Indonesia,,Asia
FRA,FR,France,,Europe
HUN,HU,Hungary,Magyarország,Europe
`,
		"rooms.csv": `id,name,floor,capacity
R1,Plenary Hall,1,1200
R2,Room 2,2,40
`,
		"speakers.csv": `id,name,role,country
S1,Jürgen Stock,Secretary General,
`,
		"sessions.csv": `id,title,description,date,start,end,room,kind,speakers,languages
SES1,Opening,,2016-11-07,09:00,10:30,R1,ceremony,S1,en;fr
SES2,Plenary,,2016-11-07,11:00,12:30,R1,plenary,,en
SES3,Workshop,,2016-11-08,14:00,15:00,R2,workshop,,
`,
		"delegates.csv": `id,honorific,given_names,family_name,family_first,title,organisation,country,role,listed,show_organisation,show_title
D1,General,I Made Mangku,Pastika,no,,,IDN,head,yes,yes,yes
D2,Dr,Ödön,Szabó,yes,,,HUN,delegate,yes,no,no
D3,,Marie,Dupont,,,,FRA,observer,no,no,no
`,
	}
}

// testPin is a well-formed hub fingerprint, in upper case as some tools
// print hex.
var testPin = "SHA256:" + strings.Repeat("9F", 32)

// withHub adds the hub columns to event.csv.
func withHub(t *testing.T, f map[string]string, url, pin string) {
	t.Helper()
	replace(t, f, "event.csv", "languages\n", "languages,hub_url,hub_fingerprint\n")
	replace(t, f, "event.csv", "en;fr\n", "en;fr,"+url+","+pin+"\n")
}

func TestHubColumnsDecode(t *testing.T) {
	f := baseFiles()
	withHub(t, f, "https://10.0.0.2:8090", testPin)
	s, err := DecodeCSV(toBytes(f))
	if err != nil {
		t.Fatal(err)
	}
	if e := s.Data.Event; e.HubURL != "https://10.0.0.2:8090" || e.HubFingerprint != strings.ToLower(testPin) {
		t.Fatalf("hub %q, %q", e.HubURL, e.HubFingerprint)
	}
	out, err := EncodeCSV(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeCSV(out)
	if err != nil || back.Data.Event.HubURL != s.Data.Event.HubURL || back.Data.Event.HubFingerprint != s.Data.Event.HubFingerprint {
		t.Fatalf("round trip: %v, %+v", err, back)
	}
}

func toBytes(m map[string]string) map[string][]byte {
	out := map[string][]byte{}
	for k, v := range m {
		out[k] = []byte(v)
	}
	return out
}

// replace changes one line of a file, failing the test when the line is
// not there so that a stale case cannot pass by accident.
func replace(t *testing.T, files map[string]string, name, old, new string) {
	t.Helper()
	if !strings.Contains(files[name], old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	files[name] = strings.Replace(files[name], old, new, 1)
}

func TestBaseFilesDecode(t *testing.T) {
	s, err := DecodeCSV(toBytes(baseFiles()))
	if err != nil {
		t.Fatal(err)
	}
	d := s.Data.Delegates[1]
	if d.GivenNames != "Ödön" || d.FamilyName != "Szabó" || !d.FamilyFirst || d.Consent != (data.Consent{Listed: true}) {
		t.Errorf("delegate D2 = %+v", d)
	}
	if got := s.Data.Countries[2].AltNames; len(got) != 1 || got[0] != "Magyarország" {
		t.Errorf("alt names = %q", got)
	}
	if got := s.Data.Sessions[0].Start.Format("2006-01-02 15:04 MST"); got != "2016-11-07 09:00 WITA" {
		t.Errorf("start = %s", got)
	}
	if got := s.Data.Sessions[0].Start.UTC().Format("15:04"); got != "01:00" {
		t.Errorf("start in UTC = %s, want 01:00 (Makassar is UTC+8)", got)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, f map[string]string)
		want   Error // Msg is a substring of the message
	}{
		{"unknown room", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "15:00,R2", "15:00,R9")
		}, Error{File: "sessions.csv", Row: 4, Column: "room", Msg: `unknown room "R9"`}},
		{"end before start", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "11:00,12:30", "10:30,09:00")
		}, Error{File: "sessions.csv", Row: 3, Column: "end", Msg: "ends (09:00) before it starts (10:30)"}},
		{"end at start", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "11:00,12:30", "11:00,11:00")
		}, Error{File: "sessions.csv", Row: 3, Column: "end", Msg: "ends (11:00) when it starts (11:00)"}},
		{"duplicate delegate id", func(t *testing.T, f map[string]string) {
			replace(t, f, "delegates.csv", "D3,,Marie", "D1,,Marie")
		}, Error{File: "delegates.csv", Row: 4, Column: "id", Msg: `duplicate id "D1": row 2 has it too`}},
		{"duplicate room id", func(t *testing.T, f map[string]string) {
			replace(t, f, "rooms.csv", "R2,Room 2", "R1,Room 2")
		}, Error{File: "rooms.csv", Row: 3, Column: "id", Msg: `duplicate id "R1": row 2 has it too`}},
		{"malformed country code", func(t *testing.T, f map[string]string) {
			replace(t, f, "delegates.csv", "HUN,delegate", "HU,delegate")
		}, Error{File: "delegates.csv", Row: 3, Column: "country", Msg: `"HU" is not an ISO 3166 alpha-3 code`}},
		{"quorum in words", func(t *testing.T, f map[string]string) {
			replace(t, f, "event.csv", "languages\n", "languages,quorum\n")
			replace(t, f, "event.csv", "en;fr\n", "en;fr,half\n")
		}, Error{File: "event.csv", Row: 2, Column: "quorum", Msg: `"half" is neither a number of member countries`}},
		{"quorum above one", func(t *testing.T, f map[string]string) {
			replace(t, f, "event.csv", "languages\n", "languages,quorum\n")
			replace(t, f, "event.csv", "en;fr\n", "en;fr,3/2\n")
		}, Error{File: "event.csv", Row: 2, Column: "quorum", Msg: `"3/2" is not a share`}},
		{"hub in clear", func(t *testing.T, f map[string]string) {
			withHub(t, f, "http://10.0.0.2:8090", testPin)
		}, Error{File: "event.csv", Row: 2, Column: "hub_url", Msg: "must start with https://"}},
		{"hub with a query", func(t *testing.T, f map[string]string) {
			withHub(t, f, "https://10.0.0.2:8090/?x=1", testPin)
		}, Error{File: "event.csv", Row: 2, Column: "hub_url", Msg: "no query"}},
		{"hub without its fingerprint", func(t *testing.T, f map[string]string) {
			withHub(t, f, "https://10.0.0.2:8090", "")
		}, Error{File: "event.csv", Row: 2, Column: "hub_fingerprint", Msg: "is empty, but hub_url is set"}},
		{"hub fingerprint too short", func(t *testing.T, f map[string]string) {
			withHub(t, f, "https://10.0.0.2:8090", "sha256:abcd")
		}, Error{File: "event.csv", Row: 2, Column: "hub_fingerprint", Msg: "64 hex digits"}},
		{"hub fingerprint of another hash", func(t *testing.T, f map[string]string) {
			withHub(t, f, "", "md5:"+strings.Repeat("0", 64))
		}, Error{File: "event.csv", Row: 2, Column: "hub_fingerprint", Msg: `must start with "sha256:"`}},
		{"unknown country code", func(t *testing.T, f map[string]string) {
			replace(t, f, "delegates.csv", "HUN,delegate", "XXX,delegate")
		}, Error{File: "delegates.csv", Row: 3, Column: "country", Msg: `unknown country code "XXX"`}},
		{"lower-case country code is fine but unknown", func(t *testing.T, f map[string]string) {
			replace(t, f, "delegates.csv", "FRA,observer", "deu,observer")
		}, Error{File: "delegates.csv", Row: 4, Column: "country", Msg: `unknown country code "DEU"`}},
		{"bad boolean", func(t *testing.T, f map[string]string) {
			replace(t, f, "delegates.csv", "head,yes,yes,yes", "head,maybe,yes,yes")
		}, Error{File: "delegates.csv", Row: 2, Column: "listed", Msg: `"maybe" is not yes or no`}},
		{"missing column", func(t *testing.T, f map[string]string) {
			f["rooms.csv"] = "id,floor,capacity\nR1,1,1200\n"
		}, Error{File: "rooms.csv", Row: 1, Column: "name", Msg: "required column is missing"}},
		{"unknown column", func(t *testing.T, f map[string]string) {
			f["rooms.csv"] = "id,name,Colour,capacity\nR1,Plenary Hall,red,1200\nR2,Room 2,blue,40\n"
		}, Error{File: "rooms.csv", Row: 1, Column: "Colour", Msg: "unknown column"}},
		{"same column twice", func(t *testing.T, f map[string]string) {
			f["rooms.csv"] = "id,name,Name\nR1,Plenary Hall,x\nR2,Room 2,y\n"
		}, Error{File: "rooms.csv", Row: 1, Column: "name", Msg: "appears twice, in columns B and C"}},
		{"missing file", func(t *testing.T, f map[string]string) {
			delete(f, "rooms.csv")
		}, Error{File: "rooms.csv", Msg: "required file is missing"}},
		{"unknown file", func(t *testing.T, f map[string]string) {
			f["delegate.csv"] = "id\n"
		}, Error{File: "delegate.csv", Msg: "is not a source table"}},
		{"bad time format", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "09:00,10:30", "9h30,10:30")
		}, Error{File: "sessions.csv", Row: 2, Column: "start", Msg: `"9h30" is not a time`}},
		{"hour out of range", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "09:00,10:30", "09:00,25:00")
		}, Error{File: "sessions.csv", Row: 2, Column: "end", Msg: `"25:00" is not a time`}},
		{"24:00 as a start", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "09:00,10:30", "24:00,10:30")
		}, Error{File: "sessions.csv", Row: 2, Column: "start", Msg: "24:00 may only end a session"}},
		{"bad date", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "2016-11-08", "8/11/2016")
		}, Error{File: "sessions.csv", Row: 4, Column: "date", Msg: `"8/11/2016" is not a date`}},
		{"session outside the event", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "2016-11-08", "2016-12-08")
		}, Error{File: "sessions.csv", Row: 4, Column: "start", Msg: "falls outside the event"}},
		{"wrong field count", func(t *testing.T, f map[string]string) {
			replace(t, f, "rooms.csv", "R2,Room 2,2,40", "R2,Room 2,2,40,extra")
		}, Error{File: "rooms.csv", Row: 3, Msg: "has 5 values but the header has 4 columns"}},
		{"invalid UTF-8", func(t *testing.T, f map[string]string) {
			replace(t, f, "speakers.csv", "Jürgen", "J\xfcrgen")
		}, Error{File: "speakers.csv", Row: 2, Column: "name", Msg: "is not valid UTF-8"}},
		{"UTF-16", func(t *testing.T, f map[string]string) {
			f["speakers.csv"] = "\xff\xfei\x00d\x00"
		}, Error{File: "speakers.csv", Msg: "is UTF-16 text"}},
		{"workbook named .csv", func(t *testing.T, f map[string]string) {
			f["speakers.csv"] = "PK\x03\x04rest"
		}, Error{File: "speakers.csv", Msg: "rename it to speakers.xlsx"}},
		{"bad integer", func(t *testing.T, f map[string]string) {
			replace(t, f, "rooms.csv", "1,1200", "1,about 1000")
		}, Error{File: "rooms.csv", Row: 2, Column: "capacity", Msg: `"about 1000" is not a whole number`}},
		{"unknown kind", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "plenary", "keynote")
		}, Error{File: "sessions.csv", Row: 3, Column: "kind", Msg: `unknown kind "keynote"`}},
		{"unknown speaker", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "ceremony,S1", "ceremony,S1;S7")
		}, Error{File: "sessions.csv", Row: 2, Column: "speakers", Msg: `unknown speaker "S7"`}},
		{"unknown role", func(t *testing.T, f map[string]string) {
			replace(t, f, "delegates.csv", "head,", "boss,")
		}, Error{File: "delegates.csv", Row: 2, Column: "role", Msg: `unknown role "boss"`}},
		{"empty given and family name", func(t *testing.T, f map[string]string) {
			replace(t, f, "delegates.csv", "Marie,Dupont", ",")
		}, Error{File: "delegates.csv", Row: 4, Column: "given_names", Msg: "has no name"}},
		{"event ends before it starts", func(t *testing.T, f map[string]string) {
			replace(t, f, "event.csv", "2016-11-07,2016-11-10", "2016-11-07,2016-11-01")
		}, Error{File: "event.csv", Row: 2, Column: "end_date", Msg: "ends (2016-11-01) before it starts (2016-11-07)"}},
		{"event bad time zone", func(t *testing.T, f map[string]string) {
			replace(t, f, "event.csv", "Asia/Makassar", "Asia/Bali")
		}, Error{File: "event.csv", Row: 2, Column: "time_zone", Msg: `unknown time zone "Asia/Bali"`}},
		{"event local time zone", func(t *testing.T, f map[string]string) {
			replace(t, f, "event.csv", "Asia/Makassar", "Local")
		}, Error{File: "event.csv", Row: 2, Column: "time_zone", Msg: `"Local" is not a time zone name`}},
		{"two events", func(t *testing.T, f map[string]string) {
			f["event.csv"] += "ga86,86th,,,,,,Asia/Makassar,2017-09-26,2017-09-29,\n"
		}, Error{File: "event.csv", Row: 3, Msg: "is a second event"}},
		{"no event", func(t *testing.T, f map[string]string) {
			f["event.csv"] = strings.SplitAfter(f["event.csv"], "\n")[0]
		}, Error{File: "event.csv", Row: 2, Msg: "has no event"}},
		{"empty file", func(t *testing.T, f map[string]string) {
			f["rooms.csv"] = ""
		}, Error{File: "rooms.csv", Msg: "is empty; the first row must be the header"}},
		{"cell too long", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "SES2,Plenary,,", "SES2,Plenary,"+strings.Repeat("é", MaxCellChars+1)+",")
		}, Error{File: "sessions.csv", Row: 3, Column: "description", Msg: "is 4001 characters long; the limit is 4000"}},
		{"file too big", func(t *testing.T, f map[string]string) {
			f["speakers.csv"] = "id,name\n" + strings.Repeat("x", MaxFileSize)
		}, Error{File: "speakers.csv", Msg: "the limit is 64.0 MiB"}},
		{"unterminated quote", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "SES2,Plenary,,", `SES2,Plenary,"Opening, part 2,`)
		}, Error{File: "sessions.csv", Row: 3, Column: "description", Msg: "a quoted value never ends"}},
		{"text after a closing quote", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "SES2,Plenary,,", `SES2,"Plenary" session,,`)
		}, Error{File: "sessions.csv", Row: 3, Column: "title", Msg: "has text after the closing quote"}},
		{"value without a header", func(t *testing.T, f map[string]string) {
			f["rooms.csv"] = "id,name,,capacity\nR1,Plenary Hall,,1200\nR2,Room 2,oops,40\n"
		}, Error{File: "rooms.csv", Row: 3, Msg: "column C has a value but no header"}},
		{"duplicate country code", func(t *testing.T, f map[string]string) {
			f["countries.csv"] += "fra,FR,France again,,Europe\n"
		}, Error{File: "countries.csv", Row: 5, Column: "code", Msg: `duplicate country code "FRA": row 3 has it too`}},
		{"blank lines count as rows", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "\nSES3", "\n\n,,,,,,,,,\nSES3")
			replace(t, f, "sessions.csv", "15:00,R2", "15:00,R9")
		}, Error{File: "sessions.csv", Row: 6, Column: "room", Msg: `unknown room "R9"`}},
		{"a line break in a value is one row", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "SES1,Opening,,", "SES1,Opening,\"line one\r\nline two\",")
			replace(t, f, "sessions.csv", "15:00,R2", "15:00,R9")
		}, Error{File: "sessions.csv", Row: 4, Column: "room", Msg: `unknown room "R9"`}},
		{"bad kiosk key", func(t *testing.T, f map[string]string) {
			f["kiosk_keys.csv"] = "kiosk_id,public_key\nk1,AAAA\n"
		}, Error{File: "kiosk_keys.csv", Row: 2, Column: "public_key", Msg: "is 3 bytes once decoded"}},
		{"kiosk key not base64", func(t *testing.T, f map[string]string) {
			f["kiosk_keys.csv"] = "kiosk_id,public_key\nk1,not a key!\n"
		}, Error{File: "kiosk_keys.csv", Row: 2, Column: "public_key", Msg: "is not base64"}},
		{"duplicate revoked serial", func(t *testing.T, f map[string]string) {
			f["revoked.csv"] = "serial,reason\n17,lost\n\n17,stolen\n"
		}, Error{File: "revoked.csv", Row: 4, Column: "serial", Msg: `duplicate serial "17": row 2 has it too`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := baseFiles()
			tt.change(t, f)
			_, err := DecodeCSV(toBytes(f))
			if err == nil {
				t.Fatal("no error")
			}
			checkHas(t, asErrors(t, err), tt.want)
		})
	}
}

// checkHas fails unless es has an error at want's place whose message
// contains want.Msg.
func checkHas(t *testing.T, es Errors, want Error) {
	t.Helper()
	for _, e := range es {
		if e.File == want.File && e.Sheet == want.Sheet && e.Row == want.Row && e.Column == want.Column && strings.Contains(e.Msg, want.Msg) {
			return
		}
	}
	t.Errorf("no error like %q among:\n%v", want.Error(), es)
}

func TestErrorText(t *testing.T) {
	f := baseFiles()
	replace(t, f, "sessions.csv", "15:00,R2", "15:00,R9")
	replace(t, f, "sessions.csv", "11:00,12:30", "10:30,09:00")
	_, err := DecodeCSV(toBytes(f))
	want := "sessions.csv row 3, column \"end\": ends (09:00) before it starts (10:30)\n" +
		"sessions.csv row 4, column \"room\": unknown room \"R9\""
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	e := Error{File: WorkbookName, Sheet: "rooms", Row: 3, Column: "id", Msg: "is empty"}
	if got := e.Error(); got != `sources.xlsx sheet "rooms" row 3, column "id": is empty` {
		t.Errorf("got %s", got)
	}
	e = Error{File: "rooms.csv", Msg: "required file is missing"}
	if got := e.Error(); got != "rooms.csv: required file is missing" {
		t.Errorf("got %s", got)
	}
}

// One mistake must give one message: a bad time leaves the session with no
// start, which data.Validate would report again.
func TestNoEchoes(t *testing.T) {
	f := baseFiles()
	replace(t, f, "sessions.csv", "09:00,10:30", "9h,10:30")
	replace(t, f, "sessions.csv", "2016-11-08", "tomorrow")
	replace(t, f, "delegates.csv", "D3,,Marie", "D1,,Marie")
	replace(t, f, "event.csv", "2016-11-10", "10/11/2016")
	_, err := DecodeCSV(toBytes(f))
	es := asErrors(t, err)
	if len(es) != 4 {
		t.Errorf("got %d errors, want 4:\n%v", len(es), es)
	}
}

func TestManyErrorsAreCapped(t *testing.T) {
	f := baseFiles()
	var b strings.Builder
	b.WriteString(f["delegates.csv"])
	for range 3 * MaxErrors {
		b.WriteString("D9,,A,B,,,,IDN,head,maybe,yes,yes\n")
	}
	f["delegates.csv"] = b.String()
	_, err := DecodeCSV(toBytes(f))
	es := asErrors(t, err)
	if len(es) != MaxErrors+1 {
		t.Fatalf("got %d errors, want %d", len(es), MaxErrors+1)
	}
	// Every extra row has a bad boolean and, from the second on, a
	// duplicate id: 1200-1 problems in all.
	if last := es[len(es)-1]; last.File != "" || last.Msg != "... and 999 more" {
		t.Errorf("last entry = %+v", last)
	}
	// In reading order: by row, then by column within a row.
	if es[0].Row != 5 || es[1].Row != 6 || es[1].Column != "id" || es[2].Row != 6 || es[2].Column != "listed" {
		t.Errorf("errors are not in reading order: %v", es[:3])
	}
}

func TestForgivingInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, f map[string]string)
		check  func(t *testing.T, s *Sources)
	}{
		{"BOM", func(t *testing.T, f map[string]string) {
			for k, v := range f {
				f[k] = bom + v
			}
		}, func(t *testing.T, s *Sources) {
			if s.Data.Event.ID != "ga85" {
				t.Errorf("event id %q", s.Data.Event.ID)
			}
		}},
		{"CRLF line ends", func(t *testing.T, f map[string]string) {
			for k, v := range f {
				f[k] = strings.ReplaceAll(v, "\n", "\r\n")
			}
		}, func(t *testing.T, s *Sources) {
			if len(s.Data.Delegates) != 3 || s.Data.Delegates[2].Consent.ShowTitle {
				t.Errorf("delegates %+v", s.Data.Delegates)
			}
		}},
		{"semicolon separated", func(t *testing.T, f map[string]string) {
			f["rooms.csv"] = "id;name;floor;capacity\nR1;\"Plenary Hall; main\";1;1200\nR2;Room 2;2;40\n"
		}, func(t *testing.T, s *Sources) {
			if s.Data.Rooms[0].Name != "Plenary Hall; main" || s.Data.Rooms[0].Capacity != 1200 {
				t.Errorf("rooms %+v", s.Data.Rooms)
			}
		}},
		{"header case, spaces and order", func(t *testing.T, f map[string]string) {
			f["rooms.csv"] = "Capacity , NAME,ID\n\"1,200\", Plenary Hall ,R1\n,Room 2,R2\n"
		}, func(t *testing.T, s *Sources) {
			if r := s.Data.Rooms[0]; r.Name != "Plenary Hall" || r.Capacity != 1200 || r.ID != "R1" {
				t.Errorf("rooms %+v", s.Data.Rooms)
			}
		}},
		{"labels for kinds and roles, booleans in any case", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "R2,workshop", "R2,Side meeting")
			replace(t, f, "delegates.csv", "head,yes,yes,yes", "Head of delegation,X,TRUE,Y")
			replace(t, f, "delegates.csv", "observer,no,no,no", "OBSERVER,,0,N")
		}, func(t *testing.T, s *Sources) {
			if k := s.Data.Sessions[2].Kind; k != data.KindSideMeeting {
				t.Errorf("kind %q", k)
			}
			if d := s.Data.Delegates[0]; d.Role != data.RoleHead || d.Consent != (data.Consent{Listed: true, ShowOrganisation: true, ShowTitle: true}) {
				t.Errorf("delegate %+v", d)
			}
			if d := s.Data.Delegates[2]; d.Role != data.RoleObserver || d.Consent != (data.Consent{}) {
				t.Errorf("delegate %+v", d)
			}
		}},
		{"end at 24:00 and H:MM", func(t *testing.T, f map[string]string) {
			replace(t, f, "sessions.csv", "14:00,15:00", "9:05,24:00")
		}, func(t *testing.T, s *Sources) {
			ss := s.Data.Sessions[2]
			if got := ss.Start.Format("2006-01-02 15:04"); got != "2016-11-08 09:05" {
				t.Errorf("start %s", got)
			}
			if got := ss.End.Format("2006-01-02 15:04"); got != "2016-11-09 00:00" {
				t.Errorf("end %s", got)
			}
		}},
		{"optional tables and columns left out", func(t *testing.T, f map[string]string) {
			delete(f, "speakers.csv")
			f["sessions.csv"] = "id,title,date,start,end,room,kind\nSES1,Opening,2016-11-07,09:00,10:30,R1,ceremony\n"
		}, func(t *testing.T, s *Sources) {
			if len(s.Data.Speakers) != 0 || len(s.Data.Sessions) != 1 {
				t.Errorf("%+v", s.Data)
			}
		}},
		{"diacritics and scripts are kept byte for byte", func(t *testing.T, f map[string]string) {
			replace(t, f, "delegates.csv", "Marie,Dupont", "Zoë,Łódź-Ñúñez 王")
		}, func(t *testing.T, s *Sources) {
			if d := s.Data.Delegates[2]; d.GivenNames != "Zoë" || d.FamilyName != "Łódź-Ñúñez 王" {
				t.Errorf("delegate %q %q", d.GivenNames, d.FamilyName)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := baseFiles()
			tt.change(t, f)
			s, err := DecodeCSV(toBytes(f))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, s)
		})
	}
}

// writeFolder writes files into a new folder, turning a name ending in
// .xlsx into a workbook with the CSV's rows as text cells, unless its
// content starts with "raw:".
func writeFolder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if raw, ok := strings.CutPrefix(content, "raw:"); ok || !strings.HasSuffix(name, ".xlsx") {
			if err := os.WriteFile(path, []byte(raw), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		x := excelize.NewFile()
		scanCSV(content, ',', func(row int, fields []string, _ int) {
			cells := make([]any, len(fields))
			for j, f := range fields {
				cells[j] = f
			}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := x.SetSheetRow("Sheet1", cell, &cells); err != nil {
				t.Fatal(err)
			}
		})
		if err := x.SaveAs(path); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadDirErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, f map[string]string)
		want   Error
	}{
		{"both csv and xlsx", func(t *testing.T, f map[string]string) {
			f["rooms.xlsx"] = f["rooms.csv"]
		}, Error{File: "rooms.csv", Msg: "rooms.xlsx holds the rooms table too"}},
		{"bad country in a workbook", func(t *testing.T, f map[string]string) {
			f["delegates.xlsx"] = strings.Replace(f["delegates.csv"], "HUN,delegate", "XXX,delegate", 1)
			delete(f, "delegates.csv")
		}, Error{File: "delegates.xlsx", Row: 3, Column: "country", Msg: `unknown country code "XXX"`}},
		{"blank rows in a workbook count", func(t *testing.T, f map[string]string) {
			f["delegates.xlsx"] = strings.Replace(f["delegates.csv"], "\nD2,Dr,Ödön,Szabó,yes,,,HUN,delegate,yes,no,no", "\n\n\nD2,Dr,Ödön,Szabó,maybe,,,HUN,delegate,yes,no,no", 1)
			delete(f, "delegates.csv")
		}, Error{File: "delegates.xlsx", Row: 5, Column: "family_first", Msg: `"maybe" is not yes or no`}},
		{"unreadable sources.xlsx", func(t *testing.T, f map[string]string) {
			f[WorkbookName] = "raw:not a zip"
		}, Error{File: WorkbookName, Msg: "cannot be read as an Excel workbook"}},
		{"missing file", func(t *testing.T, f map[string]string) {
			delete(f, "countries.csv")
		}, Error{File: "countries.csv", Msg: "required file is missing"}},
		{"misnamed table", func(t *testing.T, f map[string]string) {
			f["revocked.csv"] = "serial\n1\n"
		}, Error{File: "revocked.csv", Msg: "is not a source table"}},
		{"old Excel format", func(t *testing.T, f map[string]string) {
			f["speakers.xls"] = "whatever"
		}, Error{File: "speakers.xls", Msg: "save it as speakers.xlsx"}},
		{"not a workbook", func(t *testing.T, f map[string]string) {
			delete(f, "speakers.csv")
			f["speakers.xlsx"] = "raw:id,name\n"
		}, Error{File: "speakers.xlsx", Msg: "cannot be read as an Excel workbook"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := baseFiles()
			tt.change(t, f)
			_, err := ReadDir(writeFolder(t, f))
			if err == nil {
				t.Fatal("no error")
			}
			checkHas(t, asErrors(t, err), tt.want)
		})
	}
}

func TestReadDirIgnoresOtherFiles(t *testing.T) {
	f := baseFiles()
	f["README.txt.md"] = "notes"
	f["~$delegates.xlsx"] = "lock file"
	f[".delegates.csv.123.tmp"] = "half written"
	f["delegates.xlsx.bak"] = "backup"
	if _, err := ReadDir(writeFolder(t, f)); err != nil {
		t.Fatal(err)
	}
}

func TestReadDirMixesFilesAndWorkbook(t *testing.T) {
	want := fixture(t)
	dir := t.TempDir()
	if err := WriteXLSX(filepath.Join(dir, WorkbookName), want); err != nil {
		t.Fatal(err)
	}
	// The same table in the workbook and in a file of its own.
	files, err := EncodeCSV(want)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rooms.csv"), files["rooms.csv"], 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadDir(dir)
	checkHas(t, asErrors(t, err), Error{File: "rooms.csv", Msg: `sources.xlsx sheet "rooms" holds the rooms table too`})

	// An extra sheet in the workbook.
	x, err := excelize.OpenFile(filepath.Join(dir, WorkbookName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.NewSheet("Notes"); err != nil {
		t.Fatal(err)
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	_, err = ReadDir(dir)
	checkHas(t, asErrors(t, err), Error{File: WorkbookName, Msg: `sheet "Notes" is not a table`})

	// A required table neither in the workbook nor beside it.
	if err := os.Remove(filepath.Join(dir, "rooms.csv")); err != nil {
		t.Fatal(err)
	}
	x, err = excelize.OpenFile(filepath.Join(dir, WorkbookName))
	if err != nil {
		t.Fatal(err)
	}
	if err := x.DeleteSheet("Notes"); err != nil {
		t.Fatal(err)
	}
	if err := x.DeleteSheet("rooms"); err != nil {
		t.Fatal(err)
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	_, err = ReadDir(dir)
	es := asErrors(t, err)
	checkHas(t, es, Error{File: WorkbookName, Msg: `has no sheet "rooms", and there is no rooms.csv or rooms.xlsx`})
	if len(es) != 1 {
		t.Errorf("want only the missing table reported, got:\n%v", es)
	}
}

func TestReadDirMissingFolder(t *testing.T) {
	if _, err := ReadDir(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Fatal("no error for a missing folder")
	}
}
