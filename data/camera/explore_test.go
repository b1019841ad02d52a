package camera

import (
	"fmt"
	"os"
	"testing"

	"github.com/makiuchi-d/gozxing"
)

func TestExplore(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	code := demoBadge(t)
	d := NewDecoder()
	tally := map[int]int{}
	try := func(name string, sc scene) {
		n := 0
		var ws []int
		var errs []string
		for _, off := range [][2]float64{{0, 0}, {0.25, 0.1}, {0.5, 0.5}, {0.75, 0.4}} {
			sc.offX, sc.offY = off[0], off[1]
			img := frame(t, code, sc)
			txt, ok := d.Decode(img)
			if ok && txt == code {
				n++
			}
			ws = append(ws, d.way)
			tally[d.way]++
			bmp, _ := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(d.plain()))
			_, err := d.reader.Decode(bmp, nil)
			if err != nil {
				e := err.Error()
				if len(e) > 30 {
					e = e[:30]
				}
				errs = append(errs, e)
			}
		}
		t.Logf("%-24s %d/4 %v %q", name, n, ws, errs)
	}
	for _, p := range []float64{1.5, 1.75, 2, 2.5, 3} {
		try(fmt.Sprintf("ppm%.2f", p), scene{ppm: p})
	}
	for _, a := range []float64{10, 30, 45} {
		for _, p := range []float64{2.5, 3} {
			try(fmt.Sprintf("angle%.0f-ppm%.1f", a, p), scene{ppm: p, angle: a})
		}
	}
	for _, b := range []int{1, 2, 3} {
		try(fmt.Sprintf("blur%d-ppm6", b), scene{ppm: 6, blur: b})
		try(fmt.Sprintf("blur%d-ppm4", b), scene{ppm: 4, blur: b})
	}
	for _, n := range []int{60, 100} {
		try(fmt.Sprintf("noise%d-ppm4", n), scene{ppm: 4, noise: n})
	}
	for _, c := range [][2]uint8{{110, 145}, {115, 140}} {
		try(fmt.Sprintf("contrast%d-%d", c[0], c[1]), scene{ppm: 4, dark: c[0], light: c[1]})
	}
	try("jpeg30-2.5", scene{ppm: 2.5, jpeg: 30})
	try("tilt0.001", scene{ppm: 4, tilt: 0.001})
	try("phone", scene{ppm: 3, phone: true, angle: 7, tilt: 0.0008, noise: 12})
	t.Log(tally)
}
