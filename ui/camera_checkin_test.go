package ui

import (
	"errors"
	"image"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kiosk/data"
	"kiosk/data/camera"
	"kiosk/data/datatest"
	"kiosk/data/myday"
)

// welcomed reports whether the result screen welcomes delegate.
func (k *testKiosk) welcomed(delegate string) bool {
	o := k.Result.Outcome
	return k.Current() == ScreenResult && o != nil && o.CheckIn.DelegateID == delegate && k.Result.Headline.Text == "Welcome"
}

// holdInView hands the source frame n times, each taken by the watcher
// before the next, as a badge held still before the camera gives.
func holdInView(t *testing.T, cam *testCamera, frame image.Image, n int) {
	t.Helper()
	for range n {
		cam.src.show(frame)
		cam.pumpUntil(t, "the watcher to take the frame", cam.src.consumed)
	}
	// Whatever the watcher still makes of the last frames.
	cam.pumpFor(50 * time.Millisecond)
}

// running starts the camera on the Check-in screen and waits for it.
func running(t *testing.T, device string) (*testKiosk, *testCamera) {
	t.Helper()
	cam := newTestCamera(device)
	k := newCameraKiosk(t, cam)
	k.Show(ScreenCheckIn)
	cam.pumpUntil(t, "the camera to run", func() bool { return k.CameraState().Running })
	return k, cam
}

func TestABadgeBeforeTheCameraIsCheckedInOnceTheNextAtOnceAndNoBadgeRefused(t *testing.T) {
	k, cam := running(t, "/dev/video0")
	stock := badgeFrame(t, k.badge(t, datatest.StockID, 1))
	cam.src.show(stock)
	cam.pumpUntil(t, "the welcome", func() bool { return k.welcomed(datatest.StockID) })
	if m := k.Result.Outcome.CheckIn.Method; m != data.MethodScan {
		t.Fatalf("a camera check-in is recorded as %q, want a scan", m)
	}
	if n := k.checkIns(t); n != 1 {
		t.Fatalf("%d check-ins stored after the camera read one badge", n)
	}
	// Held in view: no second scan at all, not even "already checked in".
	seq := k.Result.seq
	holdInView(t, cam, stock, 10)
	if k.Result.seq != seq || k.checkIns(t) != 1 {
		t.Fatalf("the same badge held for 10 frames was taken %d times more", k.Result.seq-seq)
	}
	// Another badge is taken at once, from the result screen.
	cam.src.show(badgeFrame(t, k.badge(t, datatest.KouassiID, 3)))
	cam.pumpUntil(t, "the second welcome", func() bool { return k.welcomed(datatest.KouassiID) })
	if n := k.checkIns(t); n != 2 {
		t.Fatalf("%d check-ins stored after two badges", n)
	}
	// What is not a badge is refused as a scan of it is.
	cam.src.show(badgeFrame(t, "https://example.org/x"))
	cam.pumpUntil(t, "the refusal", func() bool { return k.Result.Headline.Text == "Not a badge" })
	if n := k.checkIns(t); n != 2 {
		t.Fatalf("a refused code stored a check-in: %d", n)
	}
}

func TestTheCameraIsNotReadInStaffMode(t *testing.T) {
	k, cam := running(t, "/dev/video0")
	k.enterStaff()
	holdInView(t, cam, badgeFrame(t, k.badge(t, datatest.StockID, 1)), 3)
	if !k.InStaffMode() || k.checkIns(t) != 0 {
		t.Fatalf("a badge before the camera in staff mode: staff mode %v, %d check-ins", k.InStaffMode(), k.checkIns(t))
	}
}

func TestTheCheckInScreenShowsThePreviewWithItsSquare(t *testing.T) {
	k, cam := running(t, "/dev/video0")
	c := k.CheckIns
	if !c.Camera.Visible() || c.icon.Visible() || c.Aim.Text != "Hold the QR code inside the square" {
		t.Fatalf("camera on: panel %v, scanner icon %v, line %q", c.Camera.Visible(), c.icon.Visible(), c.Aim.Text)
	}
	if c.Message.Text != "Starting the camera…" || c.Preview.Visible() {
		t.Fatalf("before the first frame: message %q, preview %v", c.Message.Text, c.Preview.Visible())
	}
	holdInView(t, cam, emptyFrame(), 1)
	if !c.Preview.Visible() || !c.Guide.Visible() || c.Message.Visible() {
		t.Fatalf("after a frame: preview %v, square %v, message %v", c.Preview.Visible(), c.Guide.Visible(), c.Message.Visible())
	}
	// The frame is on screen, scaled down: grey as the frame is.
	img := c.Preview.Image.(*image.RGBA)
	if img.Bounds().Dx() != previewWidth || img.RGBAAt(10, 10).R != 0x70 {
		t.Fatalf("preview %v, pixel %v", img.Bounds(), img.RGBAAt(10, 10))
	}
	// The square is centred on the picture.
	g, p := c.Guide, c.Preview
	if g.Size().Width != g.Size().Height || g.Position().X*2+g.Size().Width != p.Size().Width {
		t.Fatalf("square %v at %v on a picture of %v", g.Size(), g.Position(), p.Size())
	}
}

func TestAFailingCameraIsSaidAndTheScannerKeepsWorking(t *testing.T) {
	k, cam := running(t, "/dev/video0")
	holdInView(t, cam, emptyFrame(), 1)
	c := k.CheckIns
	cam.src.fail(camera.ProblemMissing)
	cam.pumpUntil(t, "the failure", func() bool { return k.CameraState().Err != nil })
	if c.Preview.Visible() || c.Guide.Visible() || !c.warn.Visible() || c.Message.Text != "The camera is not connected; trying again…" {
		t.Fatalf("unplugged: preview %v, square %v, sign %v, message %q", c.Preview.Visible(), c.Guide.Visible(), c.warn.Visible(), c.Message.Text)
	}
	if s := k.Staff.CameraState.Text; !strings.Contains(s, "the test says so") || !strings.Contains(s, "Trying again") {
		t.Fatalf("staff mode says %q", s)
	}
	if k.Home.Camera.Visible() {
		t.Fatal("Home asks for the badge at a camera that is not there")
	}
	// A frame that was on its way when the camera failed stays off screen.
	k.showPreview(emptyFrame())
	if c.Preview.Visible() || !c.Message.Visible() {
		t.Fatal("a late frame hid the failure")
	}
	// In the delegate's language (i18n's tests see every key in all four).
	k.SetLanguage("ar")
	if c.Message.Text != "الكاميرا غير موصولة؛ جارٍ إعادة المحاولة…" {
		t.Errorf("in Arabic the failure reads %q", c.Message.Text)
	}
	k.SetLanguage("en")
	if c.Message.Text != "The camera is not connected; trying again…" {
		t.Fatalf("back in English: %q", c.Message.Text)
	}

	// The scanner works meanwhile.
	k.scanOnCanvas(k.badge(t, datatest.StockID, 1))
	if !k.welcomed(datatest.StockID) || k.checkIns(t) != 1 {
		t.Fatalf("a scan with the camera failed: %q, %d check-ins", k.Result.Headline.Text, k.checkIns(t))
	}

	// Plugged in again: the message goes, the picture comes back.
	test.Tap(k.nav[ScreenCheckIn])
	cam.src.fail(camera.ProblemNone)
	cam.pumpUntil(t, "the camera to come back", func() bool { return k.CameraState().Running })
	holdInView(t, cam, emptyFrame(), 1)
	if !c.Preview.Visible() || c.Message.Visible() || !c.Guide.Visible() {
		t.Fatalf("recovered: preview %v, message %v %q", c.Preview.Visible(), c.Message.Visible(), c.Message.Text)
	}
	if !strings.Contains(k.Staff.CameraState.Text, "running") {
		t.Fatalf("staff mode says %q", k.Staff.CameraState.Text)
	}
}

func TestEachCameraProblemHasItsMessage(t *testing.T) {
	k, cam := running(t, "/dev/video0")
	seen := map[string]camera.Problem{}
	for _, p := range []camera.Problem{camera.ProblemMissing, camera.ProblemBusy, camera.ProblemPermission, camera.ProblemFormat, camera.ProblemFailed} {
		cam.src.fail(p)
		cam.pumpUntil(t, "the failure", func() bool { e := k.CameraState().Err; return e != nil && e.Problem == p })
		msg := k.CheckIns.Message.Text
		if other, ok := seen[msg]; ok || !strings.HasSuffix(msg, "trying again…") {
			t.Errorf("problem %d reads %q (as problem %d)", p, msg, other)
		}
		seen[msg] = p
		cam.src.fail(camera.ProblemNone)
		cam.pumpUntil(t, "the camera to come back", func() bool { return k.CameraState().Running })
	}
	if !strings.Contains(cameraStaffLine("/dev/video0", camera.State{Err: &camera.Error{Problem: camera.ProblemPermission, Err: errors.New("permission denied")}}, k.Kiosk), "usermod -aG video") {
		t.Fatal("staff are not told how to let the kiosk use the camera")
	}
}

func TestHomeAsksForTheBadgeAtTheCameraWhileItRuns(t *testing.T) {
	k, _ := running(t, "auto")
	k.Show(ScreenHome)
	if !k.Home.Camera.Visible() {
		t.Fatal("no camera hint on Home with the camera running")
	}
	if k.Home.ScanHint.Text != "Check in: hold your badge to the camera or scan it, at any time, on any screen." {
		t.Fatalf("the hint reads %q", k.Home.ScanHint.Text)
	}
	plain := newTestKiosk(t)
	if plain.Home.Camera.Visible() || plain.CheckIns.Camera.Visible() || !plain.CheckIns.icon.Visible() {
		t.Fatal("a kiosk without a camera shows one")
	}
}

func TestStaffChooseTheCamera(t *testing.T) {
	k, cam := running(t, "/dev/video0")
	k.enterStaff()
	s := k.Staff
	if s.CameraDevice.Text != "/dev/video0" || !strings.Contains(s.CameraState.Text, "running") {
		t.Fatalf("staff mode shows %q: %q", s.CameraDevice.Text, s.CameraState.Text)
	}
	s.CameraDevice.SetText("video1")
	test.Tap(s.SaveCamera)
	if cam.device != "/dev/video0" || !strings.Contains(s.Message.Text, "Camera not changed") {
		t.Fatalf("a bad name: kept %q, said %q", cam.device, s.Message.Text)
	}
	s.CameraDevice.SetText("")
	test.Tap(s.SaveCamera)
	if cam.device != "" || k.CheckIns.Camera.Visible() || !strings.HasPrefix(s.CameraState.Text, "No camera") {
		t.Fatalf("camera off: kept %q, panel %v, staff read %q", cam.device, k.CheckIns.Camera.Visible(), s.CameraState.Text)
	}
	s.CameraDevice.SetText("/dev/video1")
	test.Tap(s.SaveCamera)
	cam.pumpUntil(t, "the new camera to run", func() bool { return k.CameraState().Running })
	if cam.device != "/dev/video1" || !strings.Contains(s.CameraState.Text, "/dev/video1") {
		t.Fatalf("camera set: kept %q, staff read %q", cam.device, s.CameraState.Text)
	}
}

// On My day a badge before the camera shows its holder's day, as a scan
// does there: nobody is checked in.
func TestTheCameraOnMyDayShowsTheDay(t *testing.T) {
	cam := newTestCamera("/dev/video0")
	k := newTestKioskWith(t, "test", func(tk *testKiosk, d *Deps) {
		d.Camera = cam
		d.MyDay = myday.New(tk.desk, tk.store, func() time.Time { return tk.now })
	})
	t.Cleanup(k.Stop)
	k.StartCamera()
	test.Tap(k.Home.MyDay)
	cam.pumpUntil(t, "the camera to run", func() bool { return k.CameraState().Running })
	cam.src.show(badgeFrame(t, k.badge(t, datatest.KouassiID, 3)))
	cam.pumpUntil(t, "Kouassi's day", func() bool { return strings.Contains(k.MyDay.Heading.Text, "Kouassi") })
	if k.Current() != ScreenMyDay || k.checkIns(t) != 0 {
		t.Fatalf("the camera on My day: screen %d, %d check-ins", k.Current(), k.checkIns(t))
	}
}
