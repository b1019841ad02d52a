package ui

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
)

// boardKiosk is a test kiosk set to board, whose board updates reach the
// widgets on the test's goroutine, as they reach the UI goroutine in the
// real kiosk (Fyne's test driver would run them on the reading one).
func boardKiosk(t *testing.T) (*testKiosk, chan func()) {
	t.Helper()
	k := newTestKiosk(t)
	ui := k.boardOnThisGoroutine(t)
	if err := k.desk.SetConfig(context.Background(), checkin.Config{Purpose: data.PurposeBoard, RoomID: datatest.PlenaryRoom}); err != nil {
		t.Fatal(err)
	}
	k.CheckIns.loadConfig()
	return k, ui
}

// boardOnThisGoroutine hands the board's updates to the test through the
// channel returned, for boardUntil to run.
func (k *testKiosk) boardOnThisGoroutine(t *testing.T) chan func() {
	ctx, cancel := context.WithCancel(context.Background())
	ui := make(chan func())
	k.Board.do = func(f func()) {
		select {
		case ui <- f:
		case <-ctx.Done():
		}
	}
	t.Cleanup(func() { cancel(); k.Stop() })
	return ui
}

// boardUntil runs the board's updates until cond holds, for at most a few
// seconds: what another path added to the store must show by then.
func (k *testKiosk) boardUntil(t *testing.T, ui chan func(), what string, cond func() bool) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for !cond() {
		select {
		case f := <-ui:
			f()
		case <-deadline:
			t.Fatalf("after 5 s the board does not show %s: %q, %q, %q, countries %v", what,
				k.Board.Title.Text, k.Board.Count.Text, k.Board.Verdict.Text, k.Board.CountryNames())
		}
	}
}

// relayPlenary stores another kiosk's plenary check-in as its check-in
// code, its export or the hub would bring it: by a path other than the
// board's.
// kioskNamed is the kiosk id of a test kiosk called name: a kiosk id has
// the form of one made from a key (keys.KioskID).
func kioskNamed(name string) string {
	sum := sha256.Sum256([]byte(name))
	return "kiosk-" + hex.EncodeToString(sum[:4])
}

func (k *testKiosk) relayPlenary(t *testing.T, origin data.Origin, kiosk string, seq int64, delegate string) {
	t.Helper()
	var id [16]byte
	rand.Read(id[:])
	at := time.Date(2016, 11, 7, 9, 10, 0, 0, venue).Add(time.Duration(seq) * time.Second).UTC()
	c := data.CheckIn{ID: hex.EncodeToString(id[:]), EventID: "test-event", KioskID: kioskNamed(kiosk), Seq: seq, DelegateID: delegate,
		BadgeSerial: 1, Purpose: data.PurposePlenary, SessionID: datatest.OpeningID, RoomID: datatest.PlenaryRoom,
		ScannedAt: at, HLC: at.UnixMilli() << 16, Method: data.MethodScan}
	key, err := k.desk.PurposeKey(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	in, err := k.store.AddCheckIns(context.Background(), []data.CheckIn{c}, key, origin)
	if err != nil || in.Taken != 1 {
		t.Fatalf("relaying a check-in: %+v %v", in, err)
	}
}

// A kiosk set to board rests on the board, without a navigation bar, and
// the figures follow check-ins that reach its store by other paths within
// a few seconds; a badge scanned at it is still a check-in, and staff mode
// still opens.
func TestBoardFollowsCheckInsFromEveryPath(t *testing.T) {
	k, ui := boardKiosk(t)
	if k.Current() != ScreenBoard || k.navBar.Visible() {
		t.Fatalf("screen %d, navigation bar shown %v: want the board alone", k.Current(), k.navBar.Visible())
	}
	// No plenary check-in yet: the next plenary, none present.
	k.boardUntil(t, ui, "the next plenary", func() bool {
		return k.Board.Title.Text == "Cybercrime: threats ahead" && k.Board.Count.Text == "0 of 5"
	})
	if k.Board.Verdict.Text != "Quorum not reached" || k.Board.Shortfall.Text != "3 needed, 3 more to come" || k.Board.None.Hidden {
		t.Fatalf("verdict %q, none shown %v", k.Board.Verdict.Text, !k.Board.None.Hidden)
	}

	// Another kiosk's check-in code: the opening, running now, one country.
	k.relayPlenary(t, data.OriginCode, "north", 1, datatest.StockID)
	k.boardUntil(t, ui, "Germany present", func() bool {
		return k.Board.Title.Text == "Opening ceremony" && k.Board.Count.Text == "1 of 5"
	})
	// The hub brings two more countries, and Germany again: three of five.
	k.relayPlenary(t, data.OriginHub, "south", 1, datatest.KouassiID)
	k.relayPlenary(t, data.OriginHub, "south", 2, datatest.HiddenID)
	k.relayPlenary(t, data.OriginExport, "west", 1, datatest.NguyenID)
	k.boardUntil(t, ui, "the quorum reached", func() bool { return k.Board.Verdict.Text == "Quorum reached" })
	if k.Board.Count.Text != "3 of 5" || k.Board.band.FillColor != colourWelcome || k.Board.Shortfall.Visible() ||
		!slices.Equal(k.Board.CountryNames(), []string{"Côte d'Ivoire", "Germany", "Viet Nam"}) {
		t.Fatalf("count %q, countries %v", k.Board.Count.Text, k.Board.CountryNames())
	}
	if k.Board.Rule.Text != "Quorum rule: simple majority (3 of 5 member countries needed)." {
		t.Fatalf("rule %q", k.Board.Rule.Text)
	}

	// A badge scanned at the board checks its delegation in to the plenary.
	k.scanOnCanvas(k.badge(t, "D6", 6))
	if k.Current() != ScreenResult || k.Result.Headline.Text != "Welcome" {
		t.Fatalf("scan at the board: screen %d, %q", k.Current(), k.Result.Headline.Text)
	}
	k.Tick(k.now.Add(ResultShownFor + time.Second))
	if k.Current() != ScreenBoard {
		t.Fatalf("after the result: screen %d, want the board", k.Current())
	}
	k.boardUntil(t, ui, "Iceland", func() bool { return k.Board.Count.Text == "4 of 5" })

	// Staff mode opens as on any kiosk; idle brings the board back.
	k.OpenStaff()
	if k.Current() != ScreenPIN {
		t.Fatalf("staff mode from the board: screen %d", k.Current())
	}
	k.Reset()
	if k.Current() != ScreenBoard {
		t.Fatalf("after an idle reset: screen %d", k.Current())
	}
	// Another purpose makes it an ordinary kiosk again.
	if err := k.desk.SetConfig(context.Background(), checkin.Config{Purpose: data.PurposeArrival}); err != nil {
		t.Fatal(err)
	}
	k.CheckIns.loadConfig()
	if k.Current() != ScreenHome || !k.navBar.Visible() {
		t.Fatalf("after leaving board: screen %d, navigation bar %v", k.Current(), k.navBar.Visible())
	}
}

// Staff mode makes a kiosk a board and an ordinary kiosk again; on the
// board, staff mode opens with five taps on the header as everywhere.
func TestStaffModeSetsTheBoard(t *testing.T) {
	k := newTestKiosk(t)
	ui := k.boardOnThisGoroutine(t)
	k.openStaff(t, "2468")
	k.Staff.Purpose.SetSelected(data.PurposeBoard.Label())
	k.Staff.Room.SetSelected("Plenary Hall (R1)")
	test.Tap(k.Staff.Apply)
	if cfg, _ := k.desk.Config(context.Background()); cfg.Purpose != data.PurposeBoard || cfg.RoomID != datatest.PlenaryRoom {
		t.Fatalf("config %+v: %q", cfg, k.Staff.Message.Text)
	}
	test.Tap(k.Staff.Leave)
	if k.Current() != ScreenBoard || k.navBar.Visible() {
		t.Fatalf("after staff mode: screen %d, navigation bar %v", k.Current(), k.navBar.Visible())
	}
	k.boardUntil(t, ui, "the board", func() bool { return k.Board.Count.Text == "0 of 5" })

	k.openStaff(t, "2468")
	k.Staff.Purpose.SetSelected(data.PurposeArrival.Label())
	test.Tap(k.Staff.Apply)
	test.Tap(k.Staff.Leave)
	if k.Current() != ScreenHome || !k.navBar.Visible() {
		t.Fatalf("after choosing arrival: screen %d, navigation bar %v", k.Current(), k.navBar.Visible())
	}
}

// The board names the plenary in the kiosk's language, from the bundle's
// translated titles, and follows a language switch; a language without a
// translation shows the plain title.
func TestBoardTitleFollowsLanguage(t *testing.T) {
	k, ui := boardKiosk(t)
	t.Cleanup(func() { _ = i18n.Set("en"); rtl.SetRightToLeft(false) })
	k.relayPlenary(t, data.OriginCode, "north", 1, datatest.StockID)
	k.boardUntil(t, ui, "the opening", func() bool { return k.Board.Title.Text == "Opening ceremony" })
	for _, c := range []struct{ lang, want, country string }{
		{"fr", "Cérémonie d’ouverture", "Allemagne"},
		{"ar", rtl.Visual("حفل الافتتاح"), rtl.Visual("ألمانيا")},
		{"es", "Opening ceremony", "Alemania"},
		{"en", "Opening ceremony", "Germany"},
	} {
		k.SetLanguage(c.lang)
		k.boardUntil(t, ui, c.lang+" title "+c.want+" and "+c.country, func() bool {
			return k.Board.Title.Text == c.want && slices.Equal(k.Board.CountryNames(), []string{c.country})
		})
	}
}
