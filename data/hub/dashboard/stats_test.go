package dashboard

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/datatest"
	"kiosk/data/hub"
	"kiosk/data/syncproto"
)

// datatestEvent is the small test event, with a delegate whose name a
// spreadsheet would read as a formula.
func datatestEvent() *data.EventData {
	ev := datatest.Event()
	ev.Delegates[5].Honorific, ev.Delegates[5].GivenNames = "", ""
	ev.Delegates[5].FamilyName = `=HYPERLINK("http://x","y")`
	return ev
}

func venue(t testing.TB, day, hour, minute int) time.Time {
	loc, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2016, 11, day, hour, minute, 0, 0, loc)
}

// Totals, quorum, attendance and conflicts from check-ins two kiosks
// pushed, on the page and in both downloads.
func TestTotalsQuorumAndConflicts(t *testing.T) {
	r := newRig(t, datatestEvent())
	r.setPassword()
	id := r.ev.Event.ID
	plenary := datatest.CyberID // a plenary, 11:00 to 12:30 on the 7th
	// Germany, Indonesia and Côte d'Ivoire at the plenary: 3 of 5 members,
	// a quorum. Stock checked in for it at both doors while they were
	// offline: south's scan was first.
	northStock := r.north.checkIn(t, id, datatest.StockID, data.PurposePlenary, plenary, venue(t, 7, 11, 2))
	r.push(r.north, &syncproto.KioskReport{BundleVersion: 1, Waiting: 4},
		northStock,
		r.north.checkIn(t, id, datatest.PastikaID, data.PurposePlenary, plenary, venue(t, 7, 11, 3)),
		r.north.checkIn(t, id, datatest.KouassiID, data.PurposeArrival, "", venue(t, 7, 8, 30)),
	)
	southStock := r.south.checkIn(t, id, datatest.StockID, data.PurposePlenary, plenary, venue(t, 7, 11, 1))
	r.push(r.south, nil, southStock, r.south.checkIn(t, id, datatest.KouassiID, data.PurposePlenary, plenary, venue(t, 7, 11, 5)))

	ctx := context.Background()
	e, tl, err := r.dash.current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tot := e.totals(tl, venue(t, 7, 11, 10))
	if tot.Plenary == nil || tot.Plenary.ID != plenary || tot.Plenary.Present != 3 || tot.Plenary.Members != 5 ||
		tot.Plenary.Needed != 3 || !tot.Plenary.Reached {
		t.Fatalf("plenary %+v", tot.Plenary)
	}
	if tot.Arrived != 3 || tot.Delegates != 6 || tot.MembersArrived != 3 || tot.CheckIns != 5 {
		t.Fatalf("totals %+v", tot)
	}
	byRole := map[string]roleRow{}
	for _, rr := range tot.Roles {
		byRole[rr.Label] = rr
	}
	if byRole["Speaker"].Arrived != 2 || byRole["Head of delegation"].Arrived != 1 || byRole["Head of delegation"].Delegates != 3 {
		t.Fatalf("roles %+v", tot.Roles)
	}
	if len(tot.Conflicts) != 1 || len(tot.Conflicts[0].Entries) != 2 {
		t.Fatalf("conflicts %+v", tot.Conflicts)
	}
	cf := tot.Conflicts[0]
	if !cf.Entries[0].Counts || cf.Entries[0].Kiosk != "south-entrance" || cf.Entries[1].Counts || cf.Entries[1].Kiosk != "north-entrance" ||
		cf.Entries[0].Scanned != "Mon 7 Nov 11:01:00" || cf.Entries[0].Room != "Plenary Hall" {
		t.Fatalf("conflict %+v", cf)
	}
	// Only two countries: no quorum.
	tot = e.totals(count(e, nil), venue(t, 7, 11, 10))
	if tot.Plenary.Present != 0 || tot.Plenary.Reached {
		t.Fatalf("no check-ins: %+v", tot.Plenary)
	}

	c := r.browser()
	page := r.login(c, testPassword)
	for _, want := range []string{"Quorum reached", "north-entrance", "south-entrance", "does not count", "Cybercrime: threats ahead"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	rows := readCSV(t, r.get(c, "/checkins.csv"))
	if len(rows) != 6 || rows[0][0] != "checkin_id" {
		t.Fatalf("check-ins CSV: %d rows", len(rows))
	}
	counts := map[string]string{}
	for _, row := range rows[1:] {
		counts[row[0]] = row[len(row)-1]
	}
	if counts[southStock.ID] != "yes" || counts[northStock.ID] != "no" {
		t.Fatalf("counts: south %s north %s", counts[southStock.ID], counts[northStock.ID])
	}
	presence := readCSV(t, r.get(c, "/presence.csv"))
	if len(presence) != 6 || !strings.HasPrefix(presence[0][4], "present: Cybercrime") {
		t.Fatalf("presence CSV %q", presence)
	}
	for _, row := range presence[1:] {
		want := map[string]string{"DEU": "yes", "IDN": "yes", "CIV": "yes", "VNM": "no", "ISL": "no"}[row[0]]
		if row[4] != want {
			t.Errorf("%s at the plenary: %s, want %s", row[0], row[4], want)
		}
	}
}

// A delegate's name a spreadsheet would run stays text in a download.
func TestCSVCellsAreNotFormulas(t *testing.T) {
	r := newRig(t, datatestEvent())
	r.setPassword()
	r.push(r.north, nil, r.north.checkIn(t, r.ev.Event.ID, "D6", data.PurposeArrival, "", venue(t, 7, 9, 0)))
	c := r.browser()
	r.login(c, testPassword)
	p := r.get(c, "/checkins.csv")
	if p.header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(p.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("headers %v", p.header)
	}
	rows := readCSV(t, p)
	if name := rows[1][5]; name != `'=HYPERLINK("http://x","y")` {
		t.Fatalf("name cell %q", name)
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Fatalf("cell %q starts a formula", cell)
			}
		}
	}
}

func readCSV(t testing.TB, p page) [][]string {
	t.Helper()
	if p.status != http.StatusOK {
		t.Fatalf("CSV: %d %s", p.status, p.body)
	}
	rows, err := csv.NewReader(strings.NewReader(p.body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// An upload goes through the hub's own import: a bundle of no trusted key
// is refused in words and changes nothing; a newer one is installed.
func TestBundleUpload(t *testing.T) {
	r := newRig(t, datatestEvent())
	r.setPassword()
	c := r.browser()
	token := csrfOf(t, r.login(c, testPassword))
	upload := func(name string, raw []byte, token string) page {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		w.WriteField("csrf", token)
		f, _ := w.CreateFormFile("bundle", name)
		f.Write(raw)
		w.Close()
		resp, err := c.Post(r.srv.URL+"/bundle", w.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		return read(t, resp)
	}
	version := func() int64 {
		b, err := r.store.Bundle(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return b.Version
	}
	if p := upload("junk.kbundle", []byte("not a zip"), token); p.status != http.StatusBadRequest || !strings.Contains(p.body, "junk.kbundle was not installed") {
		t.Fatalf("junk: %d", p.status)
	}
	if p := upload("v2.kbundle", r.bundle(2), "forged"); p.status != http.StatusForbidden || version() != 1 {
		t.Fatalf("upload with a forged token: %d, version %d", p.status, version())
	}
	if p := upload("v1.kbundle", r.bundle(1), token); p.status != http.StatusBadRequest || version() != 1 {
		t.Fatalf("same version again: %d", p.status)
	}
	if p := upload("v2.kbundle", r.bundle(2), token); p.status != http.StatusOK || !strings.Contains(p.body, "Installed test-event version 2") || version() != 2 {
		t.Fatalf("newer bundle: %d %.300s", p.status, p.body)
	}
	if p := r.get(c, "/"); !strings.Contains(p.body, "bundle version 2") {
		t.Fatal("the page does not show the new version")
	}
	// A bundle pinning another hub's key is installed, with a warning;
	// one pinning this hub's key is installed without.
	own, err := hub.TLSKeyPair(context.Background(), r.store, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	other := "sha256:" + strings.Repeat("ab", 32)
	for _, b := range []struct {
		v   int64
		pin string
	}{{3, other}, {4, own.Fingerprint}} {
		v, pin := b.v, b.pin
		r.ev.Event.HubURL, r.ev.Event.HubFingerprint = "https://127.0.0.1:8090", pin
		p := upload(fmt.Sprintf("v%d.kbundle", v), r.bundle(v), token)
		warned := strings.Contains(p.body, "kiosks that install it will refuse this hub")
		if p.status != http.StatusOK || version() != v || warned != (pin == other) {
			t.Fatalf("bundle pinning %s: status %d, version %d, warned %v", pin, p.status, version(), warned)
		}
	}
}

func TestOffsetAndAgoWords(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "in step", 3 * time.Second: "3 s ahead", -90 * time.Second: "1 min 30 s behind",
		25 * time.Hour: "25 h 0 min ahead", -72 * time.Hour: "3 days behind"} {
		if got := offset(d); got != want {
			t.Errorf("offset(%v) = %q, want %q", d, got, want)
		}
	}
	now := time.Now()
	if got := ago(now, now.Add(-5*time.Minute)); got != "5 min ago" {
		t.Errorf("ago: %q", got)
	}
}

// The bundle's quorum rule, not a simple majority, decides: three of the
// five member countries are not four fifths.
func TestQuorumRuleFromTheBundle(t *testing.T) {
	ev := datatestEvent()
	ev.Event.Quorum = "4/5"
	r := newRig(t, ev)
	id := r.ev.Event.ID
	plenary := datatest.CyberID
	r.push(r.north, nil,
		r.north.checkIn(t, id, datatest.StockID, data.PurposePlenary, plenary, venue(t, 7, 11, 2)),
		r.north.checkIn(t, id, datatest.PastikaID, data.PurposePlenary, plenary, venue(t, 7, 11, 3)),
		r.north.checkIn(t, id, datatest.KouassiID, data.PurposePlenary, plenary, venue(t, 7, 11, 5)),
	)
	e, tl, err := r.dash.current(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	p := e.totals(tl, venue(t, 7, 11, 10)).Plenary
	if p == nil || p.Present != 3 || p.Needed != 4 || p.Reached || p.Rule != "4/5 of the member countries" {
		t.Fatalf("plenary %+v", p)
	}
}
