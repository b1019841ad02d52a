package export

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"kiosk/data/keys"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"kiosk/data"
)

// bulkyPayload is a payload of about n bytes that parses as a real one:
// many well-formed records, as a large assembly's export holds.
func bulkyPayload(k *kiosk, n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"event_id":%q,"kiosk_id":%q,"public_key":%q,"created":"2016-11-08T10:15:00Z","checkins":[`,
		event, k.id, base64.StdEncoding.EncodeToString(k.pub()))
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"%032x","kiosk_id":%q,"seq":%d,"delegate_id":"D%06d","badge_serial":%d,"purpose":"arrival",`+
			`"session_id":"","room_id":"hall-a","scanned_at":"2016-11-08T02:15:00.000Z","hlc":%d,"method":"scan",`+
			`"clock_suspect":false,"signature":""}`, i, k.id, i+1, i%100000, i, int64(1478571300000)<<16+int64(i))
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// allocatedBy is how many bytes of memory f asked for.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A large file that is not genuine (no signature, a signature of zeros,
// no export at all) is refused before its payload is parsed: reading it
// costs little more than its own size (the whole file in memory once,
// the payload's decoded bytes once when there is a signature to check).
// An unsigned 244 MiB file used to take 1.9 GB.
func TestLargeFileThatIsNotGenuineCostsLittleMemory(t *testing.T) {
	k := newKiosk(t)
	size := 8 << 20
	if testing.Short() {
		size = 2 << 20
	}
	pb := bulkyPayload(k, size)
	payload64 := base64.StdEncoding.EncodeToString(pb)
	zeros := base64.StdEncoding.EncodeToString(make([]byte, 64))
	cases := []struct {
		name  string
		body  []byte
		want  error
		bound float64 // bytes allocated per byte of file
	}{
		{"unsigned", []byte(`{"format":"kiosk-checkins/1","payload":"` + payload64 + `","signature":""}`), ErrNotExport, 1.1},
		{"signature of zeros", []byte(`{"format":"kiosk-checkins/1","payload":"` + payload64 + `","signature":"` + zeros + `"}`), ErrBadSignature, 1.9},
		{"payload not base64", []byte(`{"format":"kiosk-checkins/1","payload":"` + string(pb) + `","signature":"` + zeros + `"}`), ErrNotExport, 1.1},
		{"not an export", bytes.Repeat([]byte("garbage "), size/8), ErrNotExport, 1.1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "big.kcheckins")
			if err := os.WriteFile(path, tc.body, 0o644); err != nil {
				t.Fatal(err)
			}
			var err error
			got := allocatedBy(func() { _, err = Read(path, ReadOptions{}) })
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			limit := uint64(tc.bound*float64(len(tc.body))) + 1<<20
			t.Logf("%d-byte file: %d bytes allocated (%.2f per byte)", len(tc.body), got, float64(got)/float64(len(tc.body)))
			if got > limit {
				t.Fatalf("reading a %d-byte file allocated %d bytes, more than %d", len(tc.body), got, limit)
			}
		})
	}
}

// A signature member of any length is refused without a crash.
func TestSignatureOfAnyLengthIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.kcheckins")
	for _, n := range []int{0, 4, 84, 88, 92, 200} {
		body := `{"format":"kiosk-checkins/1","payload":"e30=","signature":"` + strings.Repeat("A", n) + `"}`
		os.WriteFile(path, []byte(body), 0o644)
		if _, err := Read(path, ReadOptions{}); err == nil {
			t.Fatalf("signature of %d letters accepted", n)
		}
	}
}

// FuzzRead: whatever a file holds, Read answers without a crash, and what
// it accepts was signed by the key it names.
func FuzzRead(f *testing.F) {
	k := newKiosk(f)
	dir := f.TempDir()
	good, _ := os.ReadFile(k.write(f, dir, []data.CheckIn{k.take("D000003", data.PurposeArrival)}, created))
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(`{"format":"kiosk-checkins/1","payload":"","signature":""}`))
	f.Add([]byte(`{"format":"kiosk-checkins/1","payload":"e30=","signature":"` + strings.Repeat("A", 88) + `"}`))
	f.Add([]byte(`{"format":"kiosk-checkins/2"}`))
	path := filepath.Join(dir, "fuzz.kcheckins")
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		e, err := Read(path, ReadOptions{})
		if err == nil && keys.KioskID(e.PublicKey) != e.KioskID {
			t.Fatalf("accepted a file whose kiosk is not its key's: %+v", e)
		}
	})
}

// A huge member before public_key (an event id of megabytes) was decoded
// whole while the key was looked for; only the payload's first KeyWithin
// bytes are looked at now, so refusing it costs what a plain unsigned
// file of its size costs.
func TestAHugeMemberBeforeTheKeyCostsNothingMore(t *testing.T) {
	k := newKiosk(t)
	var p bytes.Buffer
	p.WriteString(`{"event_id":"`)
	p.Write(bytes.Repeat([]byte("a"), 4<<20))
	fmt.Fprintf(&p, `","public_key":%q,"checkins":[]}`, base64.StdEncoding.EncodeToString(k.pub()))
	file := []byte(envelopeHead + base64.StdEncoding.EncodeToString(p.Bytes()) + envelopeMid +
		base64.StdEncoding.EncodeToString(make([]byte, 64)) + envelopeTail)
	var err error
	used := allocatedBy(func() { _, err = ReadBytes("big.kcheckins", file, ReadOptions{}) })
	if !errors.Is(err, ErrNotExport) || !strings.Contains(err.Error(), "first 4096 bytes") {
		t.Fatalf("a 4 MiB member before the key: %v", err)
	}
	if perByte := float64(used) / float64(len(file)); perByte > 1.5 {
		t.Fatalf("refusing it took %.2f bytes per byte of file, want at most 1.5", perByte)
	}
}
