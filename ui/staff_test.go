package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kiosk/data/bundle"
	"kiosk/data/datatest"
	"kiosk/data/importer"
	"kiosk/data/keys"
	"kiosk/data/source"
	"kiosk/data/usb"
)

// typePIN taps a PIN on the keypad, then OK.
func (k *testKiosk) typePIN(pin string) {
	for _, d := range pin {
		test.Tap(k.PIN.Keys[string(d)])
	}
	test.Tap(k.PIN.Keys["OK"])
}

// openStaff taps the header five times and sets or types the PIN.
func (k *testKiosk) openStaff(t *testing.T, pin string) {
	t.Helper()
	for i := 0; i < 5; i++ {
		test.Tap(k.Header)
	}
	if k.Current() != ScreenPIN {
		t.Fatalf("five taps on the header opened screen %d, not the PIN", k.Current())
	}
	if k.PIN.setting {
		k.typePIN(pin)
	}
	k.typePIN(pin)
	if !k.InStaffMode() || k.Current() != ScreenStaff {
		t.Fatalf("staff mode did not open: %q", k.PIN.Message.Text)
	}
}

func TestStaffModeNeedsThePIN(t *testing.T) {
	k := newTestKiosk(t)
	// Four taps are not enough, nor are taps spread out.
	for i := 0; i < 4; i++ {
		test.Tap(k.Header)
	}
	k.now = k.now.Add(4 * time.Second)
	test.Tap(k.Header)
	if k.Current() == ScreenPIN {
		t.Fatal("staff PIN opened without five quick taps")
	}
	k.openStaff(t, "135790") // a kiosk without a PIN asks for one first
	test.Tap(k.Staff.Leave)
	if k.InStaffMode() {
		t.Fatal("still in staff mode after leaving")
	}
	k.OpenStaff()
	if k.PIN.setting || !strings.Contains(k.PIN.Title.Text, "Staff PIN") {
		t.Fatal("a kiosk with a PIN asks to choose one again")
	}
	for i := 1; i <= 4; i++ {
		k.typePIN("000000")
		if !strings.Contains(k.PIN.Message.Text, "Wrong PIN") {
			t.Fatalf("wrong PIN %d: %q", i, k.PIN.Message.Text)
		}
	}
	k.typePIN("000000")
	k.typePIN("135790") // right, but now locked
	if k.InStaffMode() || !strings.Contains(k.PIN.Message.Text, "locked") {
		t.Fatalf("after five wrong PINs: staff %v, %q", k.InStaffMode(), k.PIN.Message.Text)
	}
}

func TestOnlyStaffModeCanCloseTheKiosk(t *testing.T) {
	k := newTestKiosk(t)
	k.CloseRequested()
	if k.quits != 0 {
		t.Fatal("closing the window outside staff mode quit the kiosk")
	}
	k.openStaff(t, "2468")
	test.Tap(k.Staff.Quit)
	if k.quits != 1 {
		t.Fatal("Quit in staff mode did not quit")
	}
}

func TestIdleEndsStaffMode(t *testing.T) {
	k := newTestKiosk(t)
	k.openStaff(t, "2468")
	k.now = k.now.Add(2 * time.Minute)
	k.CheckIdle(k.now)
	if k.InStaffMode() || k.Current() != ScreenHome {
		t.Fatal("staff mode stayed open on an idle kiosk")
	}
}

func TestStaffModeShowsStatusAndChangesPurpose(t *testing.T) {
	k := newTestKiosk(t)
	k.openStaff(t, "2468")
	if !strings.Contains(k.Staff.Installed.Text, "Bundle version 1") || !strings.Contains(k.Staff.Installed.Text, "5 delegates") {
		t.Fatalf("installed: %q", k.Staff.Installed.Text)
	}
	id, _, _ := k.desk.Identity(context.Background())
	if !strings.Contains(k.Staff.Kiosk.Text, id) || !strings.HasPrefix(k.Staff.EnrolText.Text, id+",") {
		t.Fatalf("kiosk: %q / %q", k.Staff.Kiosk.Text, k.Staff.EnrolText.Text)
	}
	test.Tap(k.Staff.CopyEnrol)
	if got := fyne.CurrentApp().Clipboard().Content(); got != k.Staff.EnrolText.Text {
		t.Fatalf("Copy put %q on the clipboard, want the enrolment line", got)
	}
	k.Staff.Purpose.SetSelected("Session")
	k.Staff.Room.SetSelected("Kintamani Room (R2)")
	test.Tap(k.Staff.Apply)
	cfg, _ := k.desk.Config(context.Background())
	if cfg.Purpose != "session" || cfg.RoomID != "R2" {
		t.Fatalf("config %+v: %q", cfg, k.Staff.Message.Text)
	}
	if !strings.Contains(k.CheckIns.Purpose.Text, "Kintamani Room") {
		t.Fatalf("check-in screen says %q", k.CheckIns.Purpose.Text)
	}
}

// stick makes a USB stick folder holding a bundle of the fixture.
func stick(t *testing.T, priv []byte, version int64) (root string, sticks []usb.Stick) {
	t.Helper()
	root = t.TempDir()
	dir := filepath.Join(root, "KIOSK")
	os.Mkdir(dir, 0o755)
	var buf bytes.Buffer
	created := time.Date(2016, 10, 2, 0, 0, 0, 0, time.UTC)
	if _, err := bundle.Build(&buf, &source.Sources{Data: *datatest.Event()}, priv, bundle.BuildOptions{
		Version: version, Created: created, Expires: created.AddDate(1, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "event.kbundle"), buf.Bytes(), 0o644)
	return root, usb.Scan([]string{root})
}

func TestInstallABundleFromAStick(t *testing.T) {
	k := newTestKiosk(t)
	k.openStaff(t, "2468")
	_, sticks := stick(t, k.key, 2)
	k.Staff.setSticks(sticks)
	install := findButton(k.Staff.Sticks, "Install")
	if install == nil {
		t.Fatal("no Install button for the stick's bundle")
	}
	test.Tap(install)
	if !strings.Contains(k.Staff.Message.Text, "Installed test-event version 2") || k.Staff.Progress.Visible() {
		t.Fatalf("after install: %q", k.Staff.Message.Text)
	}
	// The same again is refused with its reason, nothing changed.
	test.Tap(findButton(k.Staff.Sticks, "Install"))
	if !strings.Contains(k.Staff.Message.Text, "already installed") {
		t.Fatalf("same version: %q", k.Staff.Message.Text)
	}
}

// An install whose bundle cannot be kept for recovery (here a folder
// stands where the kept copy goes) still installs, and staff are told
// that a damaged database could not be restored from it.
func TestInstallSaysWhenTheBundleCouldNotBeKept(t *testing.T) {
	k := newTestKiosk(t)
	if err := os.Mkdir(filepath.Join(filepath.Dir(k.path), importer.KeptBundleName), 0o700); err != nil {
		t.Fatal(err)
	}
	k.openStaff(t, "2468")
	_, sticks := stick(t, k.key, 2)
	k.Staff.setSticks(sticks)
	test.Tap(findButton(k.Staff.Sticks, "Install"))
	msg := k.Staff.Message.Text
	if !strings.Contains(msg, "Installed test-event version 2") || !strings.Contains(msg, "could not be kept") {
		t.Fatalf("after an install that could not keep its bundle: %q", msg)
	}
	// Staff free the folder and install the same bundle again, as told.
	if err := os.Remove(filepath.Join(filepath.Dir(k.path), importer.KeptBundleName)); err != nil {
		t.Fatal(err)
	}
	test.Tap(findButton(k.Staff.Sticks, "Install"))
	if msg := k.Staff.Message.Text; !strings.Contains(msg, "now kept in the data folder") {
		t.Fatalf("installing it again: %q", msg)
	}
}

func TestNewEventKeyIsTrustedOnlyAfterTheFingerprintQuestion(t *testing.T) {
	k := newTestKioskTrusting(t, importer.NoteDemo) // only the demo key so far
	k.openStaff(t, "2468")
	pub, priv, _ := keys.Generate()
	_, sticks := stick(t, priv, 2)
	k.Staff.setSticks(sticks)
	test.Tap(findButton(k.Staff.Sticks, "Install"))
	if !k.Staff.Confirm.Visible() || !strings.Contains(renderText(k.Staff.Confirm), keys.Fingerprint(pub)) {
		t.Fatalf("no fingerprint question: %q", k.Staff.Message.Text)
	}
	test.Tap(findButton(k.Staff.Confirm, "Fingerprints match"))
	if !strings.Contains(k.Staff.Message.Text, "Installed test-event version 2") {
		t.Fatalf("after trusting: %q", k.Staff.Message.Text)
	}
	// Now the kiosk has a real event key: another new key is not offered.
	_, other, _ := keys.Generate()
	_, sticks = stick(t, other, 3)
	k.Staff.setSticks(sticks)
	test.Tap(findButton(k.Staff.Sticks, "Install"))
	if k.Staff.Confirm.Visible() || !strings.Contains(k.Staff.Message.Text, "key handover") {
		t.Fatalf("a second new key was offered: %q", k.Staff.Message.Text)
	}
}

func TestExportCheckInsToAStick(t *testing.T) {
	k := newTestKiosk(t)
	k.scanOnCanvas(k.badge(t, datatest.StockID, 1))
	k.openStaff(t, "2468")
	root, sticks := stick(t, k.key, 2)
	k.Staff.setSticks(sticks)
	test.Tap(findButton(k.Staff.Sticks, "Export new check-ins"))
	if !strings.Contains(k.Staff.Message.Text, "Exported 1 check-in") {
		t.Fatalf("export: %q", k.Staff.Message.Text)
	}
	files, _ := filepath.Glob(filepath.Join(root, "KIOSK", "*.kcheckins"))
	if len(files) != 1 {
		t.Fatalf("%d export files on the stick", len(files))
	}
	test.Tap(findButton(k.Staff.Sticks, "Export new check-ins"))
	if !strings.Contains(k.Staff.Message.Text, "Nothing to export") {
		t.Fatalf("second export: %q", k.Staff.Message.Text)
	}
}

func TestTakeInAnExportFromAStick(t *testing.T) {
	k := newTestKiosk(t)
	k.scanOnCanvas(k.badge(t, datatest.StockID, 1))
	k.openStaff(t, "2468")
	root, sticks := stick(t, k.key, 2)
	k.Staff.setSticks(sticks)
	test.Tap(findButton(k.Staff.Sticks, "Export all check-ins"))
	// The stick now holds this kiosk's own export; taking it in adds
	// nothing, as it would at any kiosk that already has these.
	k.Staff.setSticks(usb.Scan([]string{root}))
	take := findButton(k.Staff.Sticks, "Take in")
	if take == nil {
		t.Fatal("no Take in button for the export on the stick")
	}
	test.Tap(take)
	if !strings.Contains(k.Staff.Message.Text, "1 check-in in the file") || !strings.Contains(k.Staff.Message.Text, "0 new here, 1 already known, 0 refused") {
		t.Fatalf("take in: %q", k.Staff.Message.Text)
	}
}
