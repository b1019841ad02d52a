package ui

import (
	"image"
	"image/color"
	"image/draw"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	qrcode "github.com/skip2/go-qrcode"

	"kiosk/data/camera"
)

// deskScene is a fixed camera picture: a badge with a QR code held a
// little off the middle above a desk. Fixed, unlike a real badge signed
// with the run's key, so that the golden images stay the same.
func deskScene(t *testing.T) image.Image {
	t.Helper()
	frame := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for y := range 480 {
		for x := range 640 {
			v := uint8(60 + y/6 + x/20)
			frame.SetRGBA(x, y, color.RGBA{R: v, G: v - 10, B: v - 25, A: 0xff})
		}
	}
	draw.Draw(frame, image.Rect(180, 90, 440, 420), image.NewUniform(color.White), image.Point{}, draw.Src)
	q, err := qrcode.New("KIOSK CAMERA PREVIEW", qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	q.DisableBorder = true
	draw.Draw(frame, image.Rect(210, 120, 410, 320), q.Image(200), image.Point{}, draw.Src)
	return frame
}

// showPreview puts a picture in the preview as the watcher's preview
// does, without reading its code.
func (k *testKiosk) showPreview(img image.Image) {
	k.cameraFrame(k.cam.gen, camera.Frame{Image: img})
}

func goldenCheckIn(t *testing.T, k *testKiosk, cam *testCamera, file string) {
	t.Helper()
	test.Tap(k.nav[ScreenCheckIn])
	cam.pumpUntil(t, "the camera to run", func() bool { return k.CameraState().Running })
	k.showPreview(deskScene(t))
	k.window.Resize(fyne.NewSize(1280, 800))
	k.Content().Refresh()
	test.AssertImageMatches(t, file, k.window.Canvas().Capture())
}

// The Check-in screen with the camera: the preview, mirrored, with the
// square to hold the badge in, the line saying so, and the scanner's
// prompt below.
func TestGoldenCheckInWithCamera(t *testing.T) {
	cam := newTestCamera("/dev/video0")
	k := newCameraKiosk(t, cam)
	fyne.CurrentApp().Settings().SetTheme(Theme())
	goldenCheckIn(t, k, cam, "checkin_camera.png")
}

// Right to left: the preview on the right, the words on its left; then
// the camera unplugged, the message in place of the picture.
func TestGoldenCheckInWithCameraRightToLeft(t *testing.T) {
	cam := newTestCamera("/dev/video0")
	k := newTestKioskWith(t, "test", func(_ *testKiosk, d *Deps) { d.Camera = cam })
	t.Cleanup(k.Stop)
	fyne.CurrentApp().Settings().SetTheme(Theme())
	restoreEnglish(t)
	k.SetLanguage("ar")
	k.StartCamera()
	goldenCheckIn(t, k, cam, "checkin_camera_ar.png")
	cam.src.fail(camera.ProblemMissing)
	cam.pumpUntil(t, "the failure", func() bool { return k.CameraState().Err != nil })
	k.Content().Refresh()
	test.AssertImageMatches(t, "checkin_camera_missing_ar.png", k.window.Canvas().Capture())

	// Large Arabic text still fits beside the picture, above the field.
	k.SetLargeText(true)
	k.Content().Refresh()
	d := fyne.CurrentApp().Driver()
	purpose := d.AbsolutePositionForObject(k.CheckIns.Purpose).Y + k.CheckIns.Purpose.Size().Height
	if field := d.AbsolutePositionForObject(k.CheckIns.Manual).Y; purpose > field {
		t.Fatalf("large Arabic text: the purpose ends at %v, below the field's top at %v", purpose, field)
	}
}
