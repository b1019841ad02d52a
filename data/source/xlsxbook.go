package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits on a workbook, checked against what its zip directory and its
// parts declare before anything is parsed, then again while reading,
// since a file staff got from somewhere may be built to exhaust the
// laptop (a zip bomb). Each is far above a real event: the workbook of
// 100,000 delegates is 5 MB holding 80 MB of XML, in 20 parts.
const (
	maxZipEntries    = 10_000
	maxUnzipped      = 1 << 30  // bytes all parts expand to together
	maxSmallPart     = 64 << 20 // bytes of the workbook, its relationships and styles
	maxRatio         = 200      // a sheet's XML packs 10 to 30 times; a bomb, thousands
	ratioFloor       = 16 << 20 // parts smaller than this expand as they like
	maxSharedStrings = 1 << 22  // distinct texts, about 4 million
	maxStyles        = 1 << 16  // cell styles; Excel allows 64,000
	maxSheetRows     = 1 << 20  // Excel's own limit, 1,048,576 rows
	maxSheetCols     = 1 << 14  // Excel's own limit, column XFD
	maxSheetCells    = 1 << 24  // cells with a value in one sheet
	maxSheetSpan     = 1 << 26  // columns of all rows, each up to its last cell
)

// bookRefusal is a workbook refused for its size or shape rather than
// for damage: saving it again would not help, so its message stands
// alone.
type bookRefusal struct{ msg string }

func (e *bookRefusal) Error() string { return e.msg }

func refuse(format string, args ...any) error {
	return &bookRefusal{fmt.Sprintf(format, args...)}
}

// xlsxBook is an opened workbook: its sheet list, shared texts and cell
// styles are read; sheets are read one row at a time by readSheet.
type xlsxBook struct {
	content  []byte
	parts    map[string]*zip.File
	sheets   []xlsxSheet // in the workbook's order
	date1904 bool
	shared   []string
	styles   []xlsxStyle
	formats  map[int]bool // number format ids the workbook defines itself

	// xl is the same workbook opened with excelize, only for a cell whose
	// shown text depends on a number format other than General; see
	// shownText.
	xl    *excelize.File
	xlErr error
}

type xlsxSheet struct{ name, part string }

type xlsxStyle struct {
	numFmt int
	kind   numKind
}

// openBook reads a workbook's structure from the bytes of an .xlsx file.
func openBook(content []byte) (*xlsxBook, error) {
	// archive/zip allocates for every directory entry before it can be
	// asked how many there are; each entry starts with this signature.
	if n := bytes.Count(content, []byte("PK\x01\x02")); n > maxZipEntries {
		return nil, refuse("holds over %d parts; a workbook of sources holds a few dozen, so this is not one", maxZipEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return nil, err
	}
	w := &xlsxBook{content: content, parts: map[string]*zip.File{}, formats: map[int]bool{}}
	if err := w.indexParts(zr); err != nil {
		return nil, err
	}
	book, err := w.officeDocument()
	if err != nil {
		return nil, err
	}
	rels, err := w.relationships(book)
	if err != nil {
		return nil, err
	}
	if err := w.readWorkbook(book, rels); err != nil {
		return nil, err
	}
	if err := w.readStyles(rels.target("styles", path.Join(path.Dir(book), "styles.xml"))); err != nil {
		return nil, err
	}
	if err := w.readSharedStrings(rels.target("sharedStrings", path.Join(path.Dir(book), "sharedStrings.xml"))); err != nil {
		return nil, err
	}
	return w, nil
}

// indexParts checks every part's declared size before any is read.
func (w *xlsxBook) indexParts(zr *zip.Reader) error {
	var total, packed uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		total, packed = total+size, packed+f.CompressedSize64
		if size > maxUnzipped || total > maxUnzipped {
			return refuse("expands to over %s when unpacked; the limit is %s (a workbook of 100,000 delegates expands to about 100 MiB)", sizeText(int64(min(total, 1<<62))), sizeText(maxUnzipped))
		}
		if size > ratioFloor && size/max(f.CompressedSize64, 1) > maxRatio {
			return refuse("has a part, %s, that expands from %s to %s, more than %d times; spreadsheets never pack that tightly, so the file is refused as a zip bomb", f.Name, sizeText(int64(f.CompressedSize64)), sizeText(int64(size)), maxRatio)
		}
		w.parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	// Many parts each under the floor add up too: the workbook as a whole
	// packs no tighter than one sheet does.
	if total > ratioFloor && total/max(packed, 1) > maxRatio {
		return refuse("expands from %s to %s, more than %d times; spreadsheets never pack that tightly, so the file is refused as a zip bomb", sizeText(int64(packed)), sizeText(int64(total)), maxRatio)
	}
	return nil
}

// open opens a part for reading, holding it to its declared size.
func (w *xlsxBook) open(name string, limit uint64) (io.ReadCloser, error) {
	f := w.parts[name]
	if f == nil {
		return nil, fmt.Errorf("has no part %s", name)
	}
	if f.UncompressedSize64 > limit {
		return nil, refuse("has a part, %s, of %s; the limit is %s", name, sizeText(int64(f.UncompressedSize64)), sizeText(int64(limit)))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("part %s: %w", name, err)
	}
	// archive/zip refuses to read past the declared size; the limit is
	// kept here too so that nothing depends on that alone.
	return struct {
		io.Reader
		io.Closer
	}{&declaredSize{r: rc, left: int64(f.UncompressedSize64)}, rc}, nil
}

// declaredSize fails a read that goes past the size a part's zip header
// declares, which the caps were checked against.
type declaredSize struct {
	r    io.Reader
	left int64
}

func (d *declaredSize) Read(p []byte) (int, error) {
	if d.left < 0 {
		return 0, errors.New("holds more than its zip header declares; the file is damaged or built to mislead")
	}
	if int64(len(p)) > d.left+1 {
		p = p[:d.left+1]
	}
	n, err := d.r.Read(p)
	d.left -= int64(n)
	if d.left < 0 {
		return n - 1, errors.New("holds more than its zip header declares; the file is damaged or built to mislead")
	}
	return n, err
}

// scan calls visit for each token of a part until visit returns false or
// the part ends.
func (w *xlsxBook) scan(name string, limit uint64, visit func(sc *xmlScanner, tok xmlToken) (bool, error)) error {
	rc, err := w.open(name, limit)
	if err != nil {
		return err
	}
	defer rc.Close()
	// Buffers no larger than the part: most parts are a few kilobytes.
	size := int(min(w.parts[name].UncompressedSize64+1, 256<<10))
	ra := newReadAhead(rc, size)
	defer ra.Close()
	sc := newXMLScanner(ra, size)
	for {
		tok, err := sc.next()
		if err != nil {
			return fmt.Errorf("part %s %w", name, err)
		}
		if tok == xmlEOF {
			return nil
		}
		more, err := visit(sc, tok)
		if err != nil {
			return fmt.Errorf("part %s %w", name, err)
		}
		if !more {
			return nil
		}
	}
}

// officeDocument finds the workbook part through the package's
// relationships, as a spreadsheet application does; nearly every writer
// puts it at xl/workbook.xml.
func (w *xlsxBook) officeDocument() (string, error) {
	book := "xl/workbook.xml"
	if w.parts["_rels/.rels"] == nil {
		return book, nil
	}
	rels := xlsxRels{dir: ""}
	if err := w.scan("_rels/.rels", maxSmallPart, rels.visit); err != nil {
		return "", err
	}
	return rels.target("officeDocument", book), nil
}

// xlsxRels are the relationships of one part: id to target, and the
// first target of each type.
type xlsxRels struct {
	dir    string
	byID   map[string]string
	byType map[string]string
}

func (rels *xlsxRels) visit(sc *xmlScanner, tok xmlToken) (bool, error) {
	if tok != xmlStart || !sc.is("Relationship") {
		return true, nil
	}
	id, _, err1 := sc.attr("Id")
	target, _, err2 := sc.attr("Target")
	typ, _, err3 := sc.attr("Type")
	if err := errors.Join(err1, err2, err3); err != nil {
		return false, err
	}
	if strings.HasPrefix(target, "/") {
		target = path.Clean(target[1:])
	} else {
		target = path.Join(rels.dir, target)
	}
	if rels.byID == nil {
		rels.byID, rels.byType = map[string]string{}, map[string]string{}
	}
	rels.byID[id] = target
	short := typ[strings.LastIndexByte(typ, '/')+1:]
	if _, ok := rels.byType[short]; !ok {
		rels.byType[short] = target
	}
	return true, nil
}

func (rels *xlsxRels) target(typ, fallback string) string {
	if t, ok := rels.byType[typ]; ok {
		return t
	}
	return fallback
}

func (w *xlsxBook) relationships(book string) (*xlsxRels, error) {
	dir := path.Dir(book)
	rels := &xlsxRels{dir: dir}
	name := path.Join(dir, "_rels", path.Base(book)+".rels")
	if w.parts[name] == nil {
		return rels, nil
	}
	return rels, w.scan(name, maxSmallPart, rels.visit)
}

// readWorkbook reads the sheet list and the date system.
func (w *xlsxBook) readWorkbook(book string, rels *xlsxRels) error {
	return w.scan(book, maxSmallPart, func(sc *xmlScanner, tok xmlToken) (bool, error) {
		if tok != xmlStart {
			return true, nil
		}
		switch {
		case sc.is("workbookPr"):
			v, ok, err := sc.attr("date1904")
			if ok && err == nil {
				w.date1904, _ = strconv.ParseBool(v)
			}
			return true, err
		case sc.is("sheet"):
			return true, w.addSheet(sc, book, rels)
		}
		return true, nil
	})
}

func (w *xlsxBook) addSheet(sc *xmlScanner, book string, rels *xlsxRels) error {
	name, _, err1 := sc.attr("name")
	id, _, err2 := sc.attr("id")
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	part, ok := rels.byID[id]
	if !ok {
		// Excel's own numbering, for a workbook without relationships.
		part = path.Join(path.Dir(book), "worksheets", fmt.Sprintf("sheet%d.xml", len(w.sheets)+1))
	}
	if len(w.sheets) >= 1000 {
		return refuse("has over 1,000 sheets; a workbook of sources has one per table")
	}
	w.sheets = append(w.sheets, xlsxSheet{name: name, part: part})
	return nil
}

// readStyles reads each cell style's number format, which says whether a
// number is a date or a time.
func (w *xlsxBook) readStyles(name string) error {
	if w.parts[name] == nil {
		return nil
	}
	custom := map[int]string{}
	var xfs []int
	inCellXfs := false
	err := w.scan(name, maxSmallPart, func(sc *xmlScanner, tok xmlToken) (bool, error) {
		switch {
		case tok == xmlStart && sc.is("numFmt"):
			return true, readNumFmt(sc, custom)
		case tok == xmlStart && sc.is("cellXfs"):
			inCellXfs = !sc.selfClosing
		case tok == xmlEnd && sc.is("cellXfs"):
			inCellXfs = false
		case tok == xmlStart && inCellXfs && sc.is("xf"):
			if len(xfs) >= maxStyles {
				return false, refuse("has over %d cell styles; Excel allows 64,000", maxStyles)
			}
			id, _, err := intAttr(sc, "numFmtId")
			xfs = append(xfs, id)
			return true, err
		}
		return true, nil
	})
	for id := range custom {
		w.formats[id] = true
	}
	for _, id := range xfs {
		w.styles = append(w.styles, xlsxStyle{numFmt: id, kind: numFmtKind(id, custom)})
	}
	return err
}

func readNumFmt(sc *xmlScanner, custom map[int]string) error {
	id, ok, err := intAttr(sc, "numFmtId")
	if !ok || err != nil {
		return err
	}
	code, _, err := sc.attr("formatCode")
	if len(custom) < maxStyles {
		custom[id] = code
	}
	return err
}

// intAttr reads a whole-number attribute of at most 9 digits, without
// allocating.
func intAttr(sc *xmlScanner, name string) (int, bool, error) {
	v, ok, err := sc.rawAttr(name)
	if !ok || err != nil {
		return 0, ok, err
	}
	t := bytes.TrimSpace(v)
	n := 0
	for i, c := range t {
		if c < '0' || c > '9' || i >= 9 {
			return 0, true, fmt.Errorf("has %s=%q, which is not a number up to 999,999,999", name, v)
		}
		n = n*10 + int(c-'0')
	}
	if len(t) == 0 {
		return 0, true, fmt.Errorf("has an empty %s", name)
	}
	return n, true, nil
}

// isBuiltinFormat reports whether Excel knows number format id without
// the workbook defining it (some of them differ by locale).
func isBuiltinFormat(id int) bool {
	return (id >= 0 && id <= 4) || (id >= 9 && id <= 22) || (id >= 27 && id <= 62) || (id >= 67 && id <= 81)
}

// numFmtKind classifies a style's number format: a built-in id by its
// number, whatever the workbook says of it, else the workbook's code.
func numFmtKind(id int, custom map[int]string) numKind {
	if isBuiltinFormat(id) {
		return builtinKind(id)
	}
	if code, ok := custom[id]; ok {
		return formatKind(code)
	}
	return numOther
}

// readSharedStrings reads the table of texts that cells refer to by
// number.
func (w *xlsxBook) readSharedStrings(name string) error {
	if w.parts[name] == nil {
		return nil
	}
	var item richText
	return w.scan(name, maxUnzipped, func(sc *xmlScanner, tok xmlToken) (bool, error) {
		switch {
		case tok == xmlStart && sc.is("sst"):
			return true, checkSharedCount(sc)
		case tok == xmlStart && sc.is("si") && !sc.selfClosing:
			item.reset()
			return true, nil
		case (tok == xmlStart && sc.is("si")) || (tok == xmlEnd && sc.is("si")):
			if len(w.shared) >= maxSharedStrings {
				return false, refuse("holds over %d different texts; the limit is %d", maxSharedStrings, maxSharedStrings)
			}
			w.shared = append(w.shared, item.String())
			item.reset()
			return true, nil
		}
		return true, item.visit(sc, tok)
	})
}

// checkSharedCount refuses a table of texts that announces more than the
// limit: the count is only a hint, but one over the limit need not be
// read to be refused.
func checkSharedCount(sc *xmlScanner) error {
	n, ok, err := intAttr(sc, "uniqueCount")
	if ok && (err != nil || n > maxSharedStrings) {
		raw, _, _ := sc.rawAttr("uniqueCount")
		return refuse("announces %s different texts; the limit is %d", bytes.TrimSpace(raw), maxSharedStrings)
	}
	return nil
}

// richText collects the text of a shared or inline string: its <t>, or
// the <t> of each run of rich text, leaving out phonetic guides (<rPh>),
// which show above the text and are not part of it.
type richText struct {
	text     []byte
	inT      bool
	phonetic int
}

func (rt *richText) reset() { *rt = richText{text: rt.text[:0]} }

func (rt *richText) visit(sc *xmlScanner, tok xmlToken) error {
	switch tok {
	case xmlStart:
		switch {
		case sc.is("rPh") && !sc.selfClosing:
			rt.phonetic++
		case sc.is("t"):
			rt.inT = !sc.selfClosing && rt.phonetic == 0
		}
	case xmlEnd:
		switch {
		case sc.is("rPh"):
			rt.phonetic--
		case sc.is("t"):
			rt.inT = false
		}
	case xmlText:
		if rt.inT {
			return appendCapped(&rt.text, sc)
		}
	}
	return nil
}

func (rt *richText) String() string { return unescapeOOXML(string(rt.text)) }

// unescapeOOXML undoes the _xHHHH_ escapes with which spreadsheets store
// characters XML cannot hold, such as a carriage return (_x000D_); an
// underscore that starts such a sequence literally is stored as _x005F_.
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if r, ok := ooxmlEscape(s[i:]); ok {
			if r >= 0 {
				b.WriteRune(r)
			}
			i += len("_x0000_")
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// ooxmlEscape decodes an _xHHHH_ at the start of s; a code that is not a
// character (half of a surrogate pair) gives -1 and is dropped.
func ooxmlEscape(s string) (rune, bool) {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return 0, false
	}
	n, err := strconv.ParseUint(s[2:6], 16, 16)
	if err != nil {
		return 0, false
	}
	if n >= 0xD800 && n <= 0xDFFF {
		return -1, true
	}
	return rune(n), true
}

// sheetNames lists the sheets in the workbook's order.
func (w *xlsxBook) sheetNames() []string {
	names := make([]string, len(w.sheets))
	for i, s := range w.sheets {
		names[i] = s.name
	}
	return names
}

func (w *xlsxBook) Close() {
	if w.xl != nil {
		w.xl.Close()
	}
}

// readAhead inflates a part on another goroutine while the caller parses
// what was already inflated: on a machine of two cores, inflating the
// sheet of 100,000 delegates is a fifth of the time of reading it.
type readAhead struct {
	chunks chan []byte
	free   chan []byte
	errc   chan error
	chunk  []byte // the buffer being read, whole, to hand back
	cur    []byte // what is left of it
	done   bool
	err    error
	stop   chan struct{}
}

func newReadAhead(r io.Reader, size int) *readAhead {
	const n = 4
	ra := &readAhead{chunks: make(chan []byte, n), free: make(chan []byte, n), errc: make(chan error, 1), stop: make(chan struct{})}
	for range n {
		ra.free <- make([]byte, size)
	}
	go ra.run(r)
	return ra
}

func (ra *readAhead) run(r io.Reader) {
	defer close(ra.chunks)
	for {
		var buf []byte
		select {
		case buf = <-ra.free:
		case <-ra.stop:
			return
		}
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			select {
			case ra.chunks <- buf[:n]:
			case <-ra.stop:
				return
			}
		}
		if err != nil {
			if err != io.EOF && err != io.ErrUnexpectedEOF {
				ra.errc <- fmt.Errorf("cannot be unpacked (%w)", err)
			}
			return
		}
	}
}

func (ra *readAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.done {
			return 0, ra.err
		}
		if ra.chunk != nil {
			ra.free <- ra.chunk[:cap(ra.chunk)]
			ra.chunk = nil
		}
		chunk, ok := <-ra.chunks
		if !ok {
			ra.done, ra.err = true, io.EOF
			select {
			case err := <-ra.errc:
				ra.err = err
			default:
			}
			continue
		}
		ra.chunk, ra.cur = chunk, chunk
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

// Close stops the goroutine if the caller stopped reading early.
func (ra *readAhead) Close() {
	close(ra.stop)
	for range ra.chunks {
	}
}
