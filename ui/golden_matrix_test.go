package ui

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/data/myday"
	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
)

// -update rewrites the golden matrix from what the screens show now
// (look at the diff before committing it).
var updateMatrix = flag.Bool("update", false, "rewrite testdata/matrix from the screens as they are")

// TestGoldenMatrix holds every scene (scenes.go) in every language and
// mode as Fyne markup: each object's kind, position, size, text and
// colour, so that a layout that breaks, a text that spills or a label
// that goes missing fails here. The files are testdata/matrix/
// <scene>_<language>_<mode>.xml.
//
// The normal run holds every scene in every language in the normal mode,
// and in the other modes in Arabic: the modes change sizes and colours,
// not words, and Arabic's taller script, mirrored, is where a larger text
// runs out of room first. KIOSK_MATRIX=full adds English, French and
// Spanish in every mode (a minute or two more).
func TestGoldenMatrix(t *testing.T) {
	full := os.Getenv("KIOSK_MATRIX") == "full"
	for _, m := range Modes {
		for _, lang := range i18n.Languages {
			if m.Name != "normal" && !full && lang.Code != "ar" {
				continue
			}
			// One kiosk plays every scene in turn, as the screenshots'
			// kiosk does: a store per scene would take minutes.
			k := newSceneKiosk(t)
			for _, s := range Scenes {
				name := s.Name + "_" + lang.Code + "_" + m.Name
				t.Run(name, func(t *testing.T) {
					k.Begin(lang.Code, m)
					k.play(t, s)
					assertMatrixMarkup(t, "matrix/"+name+".xml", k)
				})
			}
		}
	}
}

// sceneKiosk is a test kiosk with My day and a plenary room, whose board
// updates run on the test's goroutine.
type sceneKiosk struct {
	*testKiosk
	board chan func()
	cast  SceneCast
}

func newSceneKiosk(t *testing.T) *sceneKiosk {
	t.Helper()
	// Each kiosk is built in English, left to right, as a real kiosk
	// starts, whatever language the one before ended in: a scene then
	// goes through the real switch, and the markup does not depend on
	// which cases ran before it.
	_ = i18n.Set("en")
	rtl.SetRightToLeft(false)
	tk := newTestKioskWith(t, "test", func(tk *testKiosk, d *Deps) {
		d.MyDay = myday.New(tk.desk, tk.store, func() time.Time { return tk.now })
	})
	restoreEnglish(t)
	k := &sceneKiosk{testKiosk: tk, board: tk.boardOnThisGoroutine(t),
		cast: SceneCast{Session: datatest.OpeningID, Search: "kouassi", Badge: tk.badge(t, datatest.KouassiID, 3)}}
	if err := k.desk.SetConfig(context.Background(), checkin.Config{Purpose: data.PurposeArrival, RoomID: datatest.PlenaryRoom}); err != nil {
		t.Fatal(err)
	}
	// Two member countries at the plenary, checked in elsewhere, for the
	// board.
	k.relayPlenary(t, data.OriginCode, "kiosk-2", 1, datatest.StockID)
	k.relayPlenary(t, data.OriginCode, "kiosk-2", 2, datatest.KouassiID)
	return k
}

// play makes a scene's moves on the fixture event, each once the one
// before is on screen.
func (k *sceneKiosk) play(t *testing.T, s Scene) {
	t.Helper()
	for i, step := range s.Steps {
		step.Do(k.Kiosk, k.cast)
		deadline := time.After(5 * time.Second)
		for step.Ready != nil && !step.Ready(k.Kiosk) {
			select {
			case f := <-k.board:
				f()
			case <-deadline:
				t.Fatalf("scene %s, step %d: not on screen after 5 s", s.Name, i+1)
			}
		}
	}
	k.Content().Refresh()
}

// assertMatrixMarkup compares the window with its golden markup; under
// -update it writes what the window shows as the golden instead.
func assertMatrixMarkup(t *testing.T, file string, k *sceneKiosk) {
	t.Helper()
	if test.AssertRendersToMarkup(t, file, k.window.Canvas()) || !*updateMatrix {
		return
	}
	got, err := os.ReadFile(filepath.Join("testdata", "failed", file))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", file)
	if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(golden, got, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("rewrote testdata/%s: run the test again", file)
}
