package source

import (
	"errors"
	"fmt"
	"sort"
	"testing"
	"time"

	"kiosk/data"
)

// FuzzDecodeCSV puts arbitrary bytes in place of one file of a valid
// folder. Decoding must not panic; it either fails with an Errors whose
// every entry says something, or gives sources that encode and decode
// back to themselves.
func FuzzDecodeCSV(f *testing.F) {
	base := baseFiles()
	names := make([]string, 0, len(base)+2)
	for name := range base {
		names = append(names, name)
	}
	names = append(names, "revoked.csv", "kiosk_keys.csv")
	sort.Strings(names)
	for i, name := range names {
		f.Add(uint8(i), []byte(base[name]))
	}
	f.Add(uint8(0), []byte("\uFEFFid;name\r\n\"a\"\"b\";\"c\r\nd\"\r\n"))
	f.Add(uint8(1), []byte("id,name\n\"unterminated\n"))
	f.Add(uint8(2), []byte(",,,\n\n\r\n\"\",x\"y\n"))
	f.Fuzz(func(t *testing.T, which uint8, content []byte) {
		files := toBytes(base)
		files[names[int(which)%len(names)]] = content
		s, err := DecodeCSV(files)
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %v is not a non-empty Errors", err)
			}
			for _, e := range es {
				if e.Msg == "" {
					t.Fatalf("empty message in %+v", e)
				}
			}
			return
		}
		enc, err := EncodeCSV(s)
		if err != nil {
			t.Fatalf("decoded sources do not encode: %v", err)
		}
		again, err := DecodeCSV(enc)
		if err != nil {
			t.Fatalf("encoded sources do not decode: %v", err)
		}
		assertEqual(t, s, again)
	})
}

// synthetic builds an event of the given size without touching the disk.
func synthetic(tb testing.TB, delegates, sessions int) *Sources {
	tb.Helper()
	loc, err := time.LoadLocation("Europe/Vienna")
	if err != nil {
		tb.Fatal(err)
	}
	s := &Sources{Data: data.EventData{Event: data.Event{
		ID: "synthetic", Name: "Synthetic General Assembly", CountryCode: "AAX",
		TimeZone: "Europe/Vienna", StartDate: "2024-11-04", EndDate: "2024-11-07", Languages: []string{"en", "fr"},
	}}}
	d := &s.Data
	for i := range 200 {
		code := string([]byte{'A' + byte(i/26%26), 'A' + byte(i%26), 'X'})
		d.Countries = append(d.Countries, data.Country{Code: code, Code2: code[:2], Name: "Country " + code, Region: "Region"})
	}
	for i := range 50 {
		d.Rooms = append(d.Rooms, data.Room{ID: fmt.Sprintf("R%d", i), Name: fmt.Sprintf("Room %d", i), Floor: "1", Capacity: 100})
	}
	for i := range 500 {
		d.Speakers = append(d.Speakers, data.Speaker{ID: fmt.Sprintf("S%d", i), Name: fmt.Sprintf("Speaker Nº %d", i), Role: "Minister"})
	}
	for i := range sessions {
		start := time.Date(2024, 11, 4+i%4, 8+i%12, 0, 0, 0, loc)
		d.Sessions = append(d.Sessions, data.Session{
			ID: fmt.Sprintf("SES%d", i), Title: fmt.Sprintf("Session %d: “quoted”, with a comma", i),
			Description: "Line one\nLine two", Start: start, End: start.Add(45 * time.Minute),
			RoomID: fmt.Sprintf("R%d", i%50), Kind: data.SessionKinds[i%len(data.SessionKinds)],
			SpeakerIDs: []string{fmt.Sprintf("S%d", i%500), fmt.Sprintf("S%d", (i+1)%500)}, Languages: []string{"en", "fr"},
		})
	}
	for i := range delegates {
		d.Delegates = append(d.Delegates, data.Delegate{
			ID: fmt.Sprintf("D%06d", i), Honorific: "Dr", GivenNames: "Zoë Ödön", FamilyName: fmt.Sprintf("Łukasz-%d", i),
			FamilyFirst: i%7 == 0, Title: "Director of International Cooperation", Organisation: "Ministry of the Interior, Police",
			CountryCode: d.Countries[i%200].Code, Role: data.Roles[i%len(data.Roles)],
			Consent: data.Consent{Listed: i%10 != 0, ShowOrganisation: i%3 == 0, ShowTitle: true},
		})
	}
	return s
}

func TestSyntheticRoundTrip(t *testing.T) {
	want := synthetic(t, 1000, 200)
	files, err := EncodeCSV(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeCSV(files)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, want, got)
}

func BenchmarkDecodeCSV100k(b *testing.B) {
	files, err := EncodeCSV(synthetic(b, 100_000, 2_000))
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, f := range files {
		size += len(f)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		s, err := DecodeCSV(files)
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Data.Delegates) != 100_000 || len(s.Data.Sessions) != 2_000 {
			b.Fatal("wrong counts")
		}
	}
}
