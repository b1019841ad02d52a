// Package badgepdf lays out delegates' badges for printing: A4 sheets of
// four A6 badges, each with the event, the delegate's name, country and
// role, and the signed badge code (kiosk/data/badge) as a QR code.
package badgepdf

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/skip2/go-qrcode"
	"golang.org/x/text/unicode/norm"

	"kiosk/assets/fonts"
	"kiosk/data"
)

// Badge is one delegate's badge.
type Badge struct {
	Delegate data.Delegate
	// Country is the name printed under the delegate's name, usually the
	// country's English short name.
	Country string
	Serial  uint32
	// Token is the badge code to print as a QR code (badge.Issue).
	Token string
}

// Sheet is a print run: one event's badges, four to a page, in order.
type Sheet struct {
	Event  data.Event
	Badges []Badge
	// Created is written into the PDF as its creation date. The zero value
	// writes a fixed date, so that the same badges make the same file byte
	// for byte and a reprint can be told apart from a change.
	Created time.Time
}

// Page and badge geometry, in millimetres. An A4 sheet holds exactly two
// by two A6 badges (105 × 148 mm); the spare half millimetre of height
// goes to each badge's bottom edge.
const (
	pageW  = 210.0
	pageH  = 297.0
	badgeW = pageW / 2
	badgeH = pageH / 2

	// margin keeps text clear of the cut and of the unprintable border
	// most office printers leave around a sheet.
	margin   = 9.0
	contentW = badgeW - 2*margin

	// QRBox is the printed side of the QR code including its quiet zone of
	// QuietZone modules on each side. The module size follows from the
	// code's version: at level M a badge code is version 7 to 10, which
	// makes the code itself 37.4 to 38.6 mm wide, large enough for a
	// handheld scanner at arm's length and for a phone camera.
	QRBox     = 44.0
	QuietZone = 4

	qrTop      = 76.0
	bandTop    = qrTop + QRBox + 3
	bandHeight = 12.0
	bandInset  = 6.0
)

// fixedCreated stands in for a zero Sheet.Created.
var fixedCreated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

const family = "NotoSans"

// WriteFile renders the sheet into path atomically: the PDF is written to
// a temporary file in the same folder, synced and renamed, so that a
// printer queue or a reader never sees half a file and a failed run leaves
// any earlier file in place.
func WriteFile(path string, s Sheet) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	if err = Render(w, s); err != nil {
		return err
	}
	if err = w.Flush(); err != nil {
		return err
	}
	// CreateTemp makes the file private; a badge sheet is not secret and
	// is usually printed by someone else's account.
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync() // not every file system can sync a folder; the rename stands anyway
		d.Close()
	}
	return nil
}

// Render writes the sheet as a PDF.
func Render(w io.Writer, s Sheet) error {
	if len(s.Badges) == 0 {
		return errors.New("badgepdf: no badges to print")
	}
	codes, err := qrCodes(s.Badges)
	if err != nil {
		return err
	}
	r, err := newRenderer(s)
	if err != nil {
		return err
	}
	for i := range s.Badges {
		if i%4 == 0 {
			r.pdf.AddPage()
			r.cutMarks()
		}
		x := float64(i%2) * badgeW
		y := float64(i%4/2) * badgeH
		r.badge(x, y, s.Badges[i], codes[i])
	}
	if err := r.pdf.Error(); err != nil {
		return fmt.Errorf("badgepdf: %w", err)
	}
	return r.pdf.Output(w)
}

type renderer struct {
	pdf     *fpdf.Fpdf
	m       *measurer
	k       float64 // points per millimetre
	title   fitted
	subline string
	buf     []byte
}

func newRenderer(s Sheet) (*renderer, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCellMargin(0)
	pdf.AddUTF8FontFromBytes(family, "", fonts.Regular)
	pdf.AddUTF8FontFromBytes(family, "B", fonts.Bold)
	created := s.Created
	if created.IsZero() {
		created = fixedCreated
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(s.Event.Name+" – badges", true)
	pdf.SetCreator("kioskctl badges", true)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("badgepdf: %w", err)
	}
	m := newMeasurer()
	r := &renderer{pdf: pdf, m: m, k: pdf.GetConversionRatio()}
	name := nfc(s.Event.Name)
	if name == "" {
		name = s.Event.ID
	}
	r.title = m.fit(name, "B", 11, 7.5, contentW, 2)
	r.subline = eventLine(s.Event)
	return r, nil
}

// Colours, as RGB.
var (
	ink      = [3]int{0x1a, 0x1a, 0x1a}
	navy     = [3]int{0x1b, 0x2a, 0x4a}
	grey     = [3]int{0x5f, 0x63, 0x68}
	cutColor = [3]int{0xb8, 0xb8, 0xb8}
)

// roleColor tells roles apart across a hall. The role's name is printed
// on the band too, so nothing rests on colour alone, and a greyscale
// printer loses nothing but the colour; all four are dark enough for white
// text.
func roleColor(r data.Role) [3]int {
	switch r {
	case data.RoleHead:
		return [3]int{0x8e, 0x1b, 0x2e}
	case data.RoleDelegate:
		return [3]int{0x1e, 0x5a, 0xa8}
	case data.RoleObserver:
		return [3]int{0x2e, 0x7d, 0x4f}
	case data.RoleSpeaker:
		return [3]int{0x6b, 0x2c, 0x91}
	}
	return [3]int{0x55, 0x55, 0x55}
}

func (r *renderer) textColor(c [3]int) { r.pdf.SetTextColor(c[0], c[1], c[2]) }

// cutMarks marks the two cuts that split a sheet into four badges: short
// ticks at the sheet's edges and a cross at its centre, light enough not
// to show much if a cut is a little off.
func (r *renderer) cutMarks() {
	p := r.pdf
	p.SetDrawColor(cutColor[0], cutColor[1], cutColor[2])
	p.SetLineWidth(0.15)
	const near, far, cross = 3.0, 8.0, 4.0
	p.Line(badgeW, near, badgeW, far)
	p.Line(badgeW, pageH-far, badgeW, pageH-near)
	p.Line(near, badgeH, far, badgeH)
	p.Line(pageW-far, badgeH, pageW-near, badgeH)
	p.Line(badgeW-cross, badgeH, badgeW+cross, badgeH)
	p.Line(badgeW, badgeH-cross, badgeW, badgeH+cross)
}

// qrCodes encodes every badge's token, on all cores: choosing the best of
// the eight QR masks is most of the work of a print run.
func qrCodes(badges []Badge) ([][][]bool, error) {
	codes := make([][][]bool, len(badges))
	errs := make([]error, len(badges))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(badges)) {
		wg.Go(func() {
			for i := range next {
				codes[i], errs[i] = qrBitmap(badges[i].Token)
				if errs[i] != nil {
					errs[i] = fmt.Errorf("badgepdf: badge of %s: %w", badges[i].Delegate.ID, errs[i])
				}
			}
		})
	}
	for i := range badges {
		next <- i
	}
	close(next)
	wg.Wait()
	return codes, errors.Join(errs...)
}

// qrBitmap is the token's QR code at level M, without its quiet zone,
// which the layout keeps clear itself.
func qrBitmap(token string) ([][]bool, error) {
	if token == "" {
		return nil, errors.New("no badge code")
	}
	q, err := qrcode.New(token, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	q.DisableBorder = true
	return q.Bitmap(), nil
}

func (r *renderer) badge(x, y float64, b Badge, code [][]bool) {
	p := r.pdf
	left := x + margin

	// The event.
	top := y + margin
	r.textColor(navy)
	top = r.lines(left, top, r.title, "B", 1.15)
	if r.subline != "" {
		r.textColor(grey)
		sub := r.m.fit(r.subline, "", 7.5, 6, contentW, 1)
		top = r.lines(left, top+0.6, sub, "", 1.2)
	}
	p.SetDrawColor(cutColor[0], cutColor[1], cutColor[2])
	p.SetLineWidth(0.2)
	p.Line(x+badgeW/2-15, top+1.8, x+badgeW/2+15, top+1.8)

	// The name block fills what is left above the country, centred.
	nameTop, nameBottom := top+4, y+61.5
	hon, name := r.fitName(b.Delegate, nameBottom-nameTop)
	h := hon.height(1.2) + name.height(1.12)
	if len(hon.lines) > 0 {
		h += 1
	}
	at := nameTop + (nameBottom-nameTop-h)/2
	if len(hon.lines) > 0 {
		r.textColor(grey)
		at = r.lines(left, at, hon, "", 1.2) + 1
	}
	r.textColor(ink)
	r.lines(left, at, name, "B", 1.12)

	// The country.
	r.textColor(grey)
	country := r.m.fit(nfc(b.Country), "", 13, 8, contentW, 2)
	ch := country.height(1.15)
	r.lines(left, y+63.5+(qrTop-1.5-63.5-ch)/2, country, "", 1.15)

	// The code.
	r.qr(x+(badgeW-QRBox)/2, y+qrTop, code)

	// The role, white on its colour.
	c := roleColor(b.Delegate.Role)
	p.SetFillColor(c[0], c[1], c[2])
	p.RoundedRect(x+bandInset, y+bandTop, badgeW-2*bandInset, bandHeight, 2, "1234", "F")
	p.SetTextColor(255, 255, 255)
	role := r.m.fit(b.Delegate.Role.Label(), "B", 15, 9, badgeW-2*bandInset-6, 1)
	r.lines(left, y+bandTop+(bandHeight-role.height(1))/2, role, "B", 1)

	// Who and which badge, for staff handing badges out or revoking one.
	r.textColor(grey)
	small := fitted{size: 7, lines: []string{b.Delegate.ID + "  ·  serial " + strconv.FormatUint(uint64(b.Serial), 10)}}
	r.lines(left, y+bandTop+bandHeight+2.2, small, "", 1)
}

// lines prints centred lines in the content column from top and returns
// where the next line would start.
func (r *renderer) lines(left, top float64, f fitted, style string, leading float64) float64 {
	if len(f.lines) == 0 {
		return top
	}
	r.pdf.SetFont(family, style, f.size)
	lh := f.size / r.k * leading
	for _, l := range f.lines {
		r.pdf.SetXY(left, top)
		r.pdf.CellFormat(contentW, lh, l, "", 0, "C", false, 0, "")
		top += lh
	}
	return top
}

// fitName sizes the honorific and the name together into height: the name
// as large as it fits (at most three lines, never a word broken), the
// honorific above it in lighter, smaller type.
func (r *renderer) fitName(d data.Delegate, height float64) (hon, name fitted) {
	honText, nameText := nfc(strings.TrimSpace(d.Honorific)), nfc(strings.TrimSpace(d.Name()))
	const maxPt, minPt, step = 26.0, 10.0, 0.5
	for pt := maxPt; pt >= minPt; pt -= step {
		honPt := min(max(pt*0.55, 9), 13)
		name = r.m.wrap(nameText, "B", pt, contentW, 3)
		if name.lines == nil {
			continue
		}
		hon = r.m.wrap(honText, "", honPt, contentW, 2)
		if honText != "" && hon.lines == nil {
			continue
		}
		h := hon.height(1.2) + name.height(1.12)
		if honText != "" {
			h++
		}
		if h <= height {
			return hon, name
		}
	}
	// Names too long for any size: the smallest size, words broken where
	// they must be, the honorific dropped before any of the name.
	name = r.m.fit(nameText, "B", minPt, minPt, contentW, 4)
	hon = r.m.fit(honText, "", 9, 9, contentW, 1)
	if name.height(1.12)+hon.height(1.2)+1 > height {
		hon = fitted{}
	}
	return hon, name
}

// qr draws the code as filled rectangles, one per run of dark modules in a
// row, all in one path so that no seam can show between neighbours when a
// printer or viewer anti-aliases. Vectors stay sharp at any printer
// resolution; nothing is resampled.
func (r *renderer) qr(x, y float64, bm [][]bool) {
	n := len(bm)
	module := QRBox / float64(n+2*QuietZone)
	x0 := x + QuietZone*module
	y0 := y + QuietZone*module
	k := r.k
	b := r.buf[:0]
	b = append(b, "q 0 g\n"...)
	for row, line := range bm {
		for col := 0; col < n; {
			if !line[col] {
				col++
				continue
			}
			end := col
			for end < n && line[end] {
				end++
			}
			rx := (x0 + float64(col)*module) * k
			ry := (pageH - (y0 + float64(row+1)*module)) * k
			b = appendNum(b, rx)
			b = append(b, ' ')
			b = appendNum(b, ry)
			b = append(b, ' ')
			b = appendNum(b, float64(end-col)*module*k)
			b = append(b, ' ')
			b = appendNum(b, module*k)
			b = append(b, " re\n"...)
			col = end
		}
	}
	b = append(b, "f\nQ"...)
	r.pdf.RawWriteStr(string(b))
	r.buf = b
}

// appendNum writes a PDF number in points to three decimals: a thousandth
// of a point is far below any printer's dot, and rounding each edge the
// same way keeps neighbouring runs flush.
func appendNum(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, v, 'f', 3, 64)
}

// eventLine is the line under the event's name: where and when.
func eventLine(e data.Event) string {
	var parts []string
	if c := strings.TrimSpace(e.City); c != "" {
		parts = append(parts, nfc(c))
	}
	if d := dateRange(e.StartDate, e.EndDate); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, " · ")
}

// dateRange writes the event's dates as people do: "7–10 November 2016",
// "30 October – 2 November 2016". It gives "" for dates it cannot read.
func dateRange(start, end string) string {
	a, err1 := time.Parse(data.DateLayout, start)
	b, err2 := time.Parse(data.DateLayout, end)
	switch {
	case err1 != nil || err2 != nil || b.Before(a):
		return ""
	case a.Equal(b):
		return a.Format("2 January 2006")
	case a.Year() == b.Year() && a.Month() == b.Month():
		return fmt.Sprintf("%d–%s", a.Day(), b.Format("2 January 2006"))
	case a.Year() == b.Year():
		return a.Format("2 January") + " – " + b.Format("2 January 2006")
	}
	return a.Format("2 January 2006") + " – " + b.Format("2 January 2006")
}

// nfc composes letters and their accents into single characters where
// Unicode has them: a name typed as "e" and a combining accent would
// otherwise print the accent as a separate, misplaced glyph.
func nfc(s string) string { return norm.NFC.String(s) }
