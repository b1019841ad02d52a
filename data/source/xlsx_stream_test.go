package source

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const (
	testWorkbookXML = `<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	testWorkbookRels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
	testSheetPart = "xl/worksheets/sheet1.xml"
)

// testSheet wraps rows in a worksheet.
func testSheet(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		rows + `</sheetData></worksheet>`
}

// zipPart is one part of a hand-made workbook; declared, when set, is
// the size its zip header claims instead of the true one.
type zipPart struct {
	name, content string
	declared      uint64
}

// handMadeXLSX zips the given parts with a workbook of one sheet,
// Sheet1, whose XML is parts[testSheetPart].
func handMadeXLSX(t *testing.T, parts ...zipPart) []byte {
	t.Helper()
	all := append([]zipPart{{name: "xl/workbook.xml", content: testWorkbookXML}, {name: "xl/_rels/workbook.xml.rels", content: testWorkbookRels}}, parts...)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range all {
		var packed bytes.Buffer
		fw, _ := flate.NewWriter(&packed, flate.BestCompression)
		fw.Write([]byte(p.content))
		fw.Close()
		size := uint64(len(p.content))
		if p.declared != 0 {
			size = p.declared
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE([]byte(p.content)),
			CompressedSize64: uint64(packed.Len()), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(packed.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestStreamedSheetXML(t *testing.T) {
	sheet := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- a comment, with > inside -->
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:F5"/><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr" x:note="a>b"><x:is><x:t>id</x:t></x:is></x:c><x:c r="C1" t="s"><x:v>0</x:v></x:c></x:row>
<x:row><x:c t="inlineStr"><x:is><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">Rich </x:t></x:r><x:r><x:t>text</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ふりがな</x:t></x:rPh></x:is></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>42</x:v></x:c><x:c/></x:row>
<x:row r="4"/>
<x:row r="5"><x:c r="B5"><x:v>12</x:v></x:c><x:c r="D5" t="inlineStr"><x:is><x:t><![CDATA[<b> & ]]></x:t></x:is></x:c><x:c r="E5" t="inlineStr"><x:is><x:t>a&amp;b&#233;&#x41;&lt;</x:t></x:is></x:c><x:c r="F5" t="s"><x:v> 1 </x:v></x:c></x:row>
</x:sheetData></x:worksheet>`
	shared := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="2"><si><t>name</t></si><si><r><t>line_x000D_</t></r><r><t>break _x005F_x0041_</t></r></si></sst>`
	content := handMadeXLSX(t, zipPart{name: testSheetPart, content: sheet}, zipPart{name: "xl/sharedStrings.xml", content: shared})
	w, err := openBook(content)
	if err != nil {
		t.Fatal(err)
	}
	got := streamedRows(t, w, "Sheet1")
	want := [][]string{
		{"id", "", "name"},
		{"Rich text", "TRUE", "#N/A", "42"},
		nil, nil,
		{"", "12", "", "<b> & ", "a&béA<", "line\rbreak _x0041_"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows\n got %q\nwant %q", got, want)
	}
}

// TestXLSXRefusals gives a table as a hand-made delegates.xlsx built to
// harm or simply broken; each is refused with a message that names the
// file, and the row where there is one.
func TestXLSXRefusals(t *testing.T) {
	header := `<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>`
	comments := strings.Repeat("<!---->", 1_000_000)
	tests := []struct {
		name  string
		parts []zipPart
		want  Error
	}{
		{"a zip bomb", []zipPart{{name: testSheetPart, content: testSheet(header + strings.Repeat(" ", 64<<20))}},
			Error{Msg: "refused as a zip bomb"}},
		{"many small parts that add up to a bomb", append([]zipPart{{name: testSheetPart, content: testSheet(header)}}, junkParts(8, 15<<20)...),
			Error{Msg: "refused as a zip bomb"}},
		{"a part that claims 2 GiB", []zipPart{{name: testSheetPart, content: testSheet(header), declared: 2 << 30}},
			Error{Msg: "expands to over 2048.0 MiB when unpacked; the limit is 1024.0 MiB"}},
		{"a part larger than it claims", []zipPart{{name: testSheetPart, content: testSheet(header + strings.Repeat(`<row><c t="inlineStr"><is><t>x</t></is></c></row>`, 1000)), declared: 300}},
			Error{Msg: "part xl/worksheets/sheet1.xml cannot be unpacked"}},
		{"four billion shared texts announced", []zipPart{{name: testSheetPart, content: testSheet(header)}, {name: "xl/sharedStrings.xml", content: `<sst uniqueCount="4000000000"><si><t>x</t></si></sst>`}},
			Error{Msg: "announces 4000000000 different texts; the limit is 4194304"}},
		{"a row past Excel's last", []zipPart{{name: testSheetPart, content: testSheet(header + `<row r="1048577"><c><v>1</v></c></row>`)}},
			Error{Row: 1048577, Msg: "past row 1048576"}},
		{"a column past Excel's last", []zipPart{{name: testSheetPart, content: testSheet(header + `<row r="2"><c r="XFE2"><v>1</v></c></row>`)}},
			Error{Row: 2, Msg: "XFE2, past column XFD"}},
		{"rows out of order", []zipPart{{name: testSheetPart, content: testSheet(header + `<row r="3"/><row r="2"/>`)}},
			Error{Row: 2, Msg: "comes after row 3"}},
		{"a DOCTYPE", []zipPart{{name: testSheetPart, content: `<!DOCTYPE x [<!ENTITY a "aaaa">]>` + testSheet(header)}},
			Error{Msg: "DOCTYPE"}},
		{"a missing shared text", []zipPart{{name: testSheetPart, content: testSheet(header + `<row r="7"><c r="B7" t="s"><v>3</v></c></row>`)}},
			Error{Row: 7, Msg: "column B refers to shared text \"3\", which the workbook does not have"}},
		{"a cell of 5 MiB", []zipPart{{name: testSheetPart, content: testSheet(header + `<row r="2"><c t="inlineStr"><is><t>` + strings.Repeat("x", 5<<20) + `</t></is></c></row>`)}},
			Error{Row: 2, Msg: "far more than a cell can hold"}},
		{"an unknown entity", []zipPart{{name: testSheetPart, content: testSheet(header + `<row r="2"><c t="inlineStr"><is><t>&bomb;</t></is></c></row>`)}},
			Error{Row: 2, Msg: "unknown character reference &bomb;"}},
		{"a million comments, then a cut", []zipPart{{name: testSheetPart, content: strings.TrimSuffix(testSheet(header+comments), "</sheetData></worksheet>") + `<row r="2"><c`}},
			Error{Row: 2, Msg: "ends in the middle of a tag"}},
		{"a cell in column XFD on many rows", []zipPart{{name: testSheetPart, content: testSheet(header + strings.Repeat(`<row><c r="XFD1"><v>1</v></c></row>`, 4200))}},
			Error{Row: 4097, Msg: "reach too far to the right (here to column XFD)"}},
		{"a tag left open", []zipPart{{name: testSheetPart, content: testSheet(header + `<row r="2"><c</row>`)}},
			Error{Row: 2, Msg: "has a '<' inside a tag"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFolder(t, baseFiles())
			os.Remove(filepath.Join(dir, "delegates.csv"))
			if err := os.WriteFile(filepath.Join(dir, "delegates.xlsx"), handMadeXLSX(t, tt.parts...), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadDir(dir)
			want := tt.want
			want.File = "delegates.xlsx"
			checkHas(t, asErrors(t, err), want)
		})
	}
}

// A quoted attribute value may hold '>': a tag of a million of them is
// read in time proportional to its length.
func TestXLSXTagOfManyGreaterThans(t *testing.T) {
	sheet := testSheet(`<row r="1" note="` + strings.Repeat(">", 1<<20) + `"><c t="inlineStr"><is><t>id</t></is></c></row>`)
	w, err := openBook(handMadeXLSX(t, zipPart{name: testSheetPart, content: sheet}))
	if err != nil {
		t.Fatal(err)
	}
	if got := streamedRows(t, w, "Sheet1"); !reflect.DeepEqual(got, [][]string{{"id"}}) {
		t.Fatalf("rows %q", got)
	}
}

func TestXLSXTooManyParts(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range maxZipEntries + 1 {
		if _, err := zw.Create(fmt.Sprintf("p%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	dir := writeFolder(t, baseFiles())
	os.Remove(filepath.Join(dir, "rooms.csv"))
	if err := os.WriteFile(filepath.Join(dir, "rooms.xlsx"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadDir(dir)
	checkHas(t, asErrors(t, err), Error{File: "rooms.xlsx", Msg: "holds over 10000 parts"})
}

// TestXLSXSheetErrorNamesSheet: a problem in a sheet of sources.xlsx says
// which sheet and which row.
func TestXLSXSheetErrorNamesSheet(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, WorkbookName)
	if err := WriteXLSX(path, fixture(t)); err != nil {
		t.Fatal(err)
	}
	// Point the rooms sheet's second row at a shared text that is not
	// there, by editing the part as bytes.
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var parts []zipPart
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		parts = append(parts, zipPart{name: f.Name, content: b.String()})
	}
	zr.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	edited := false
	for _, p := range parts {
		if strings.Contains(p.content, `<c r="A2"`) && strings.Contains(p.content, "Plenary") {
			i := strings.Index(p.content, `<c r="A2"`)
			j := i + strings.Index(p.content[i:], "</c>") + len("</c>")
			p.content = p.content[:i] + `<c r="A2" t="s"><v>999</v></c>` + p.content[j:]
			edited = true
		}
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.content))
	}
	zw.Close()
	if !edited {
		t.Fatal("rooms sheet not found")
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadDir(dir)
	checkHas(t, asErrors(t, err), Error{File: WorkbookName, Sheet: "rooms", Row: 2, Msg: "refers to shared text \"999\""})
}

// archive/zip already refuses to inflate past a part's declared size;
// declaredSize holds that line itself so that the caps do not rest on it.
func TestDeclaredSizeStopsAtTheDeclaredSize(t *testing.T) {
	d := &declaredSize{r: strings.NewReader("0123456789"), left: 4}
	got, err := io.ReadAll(d)
	if err == nil || !strings.Contains(err.Error(), "more than its zip header declares") {
		t.Fatalf("err %v", err)
	}
	if string(got) != "0123" {
		t.Fatalf("read %q past the declared 4 bytes", got)
	}
	d = &declaredSize{r: strings.NewReader("0123"), left: 4}
	if got, err := io.ReadAll(d); err != nil || string(got) != "0123" {
		t.Fatalf("exact size: %q, %v", got, err)
	}
}

// A dimension after the rows, where no writer puts it, must not make the
// reader start the table anew and drop the rows read so far.
func TestLateDimensionKeepsRows(t *testing.T) {
	f := baseFiles()
	want, err := DecodeCSV(toBytes(f))
	if err != nil {
		t.Fatal(err)
	}
	var rows strings.Builder
	scanCSV(f["delegates.csv"], ',', func(row int, fields []string, _ int) {
		fmt.Fprintf(&rows, `<row r="%d">`, row)
		for _, v := range fields {
			fmt.Fprintf(&rows, `<c t="inlineStr"><is><t>%s</t></is></c>`, v)
		}
		rows.WriteString(`</row>`)
	})
	sheet := strings.Replace(testSheet(rows.String()), "</sheetData>", `</sheetData><dimension ref="A1:L500000"/>`, 1)
	dir := writeFolder(t, f)
	os.Remove(filepath.Join(dir, "delegates.csv"))
	if err := os.WriteFile(filepath.Join(dir, "delegates.xlsx"), handMadeXLSX(t, zipPart{name: testSheetPart, content: sheet}), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, want, got)
}

// FuzzStreamedSheet reads arbitrary bytes as a sheet's XML and as its
// shared texts. Reading must not panic or hang; it gives rows or an error.
func FuzzStreamedSheet(f *testing.F) {
	f.Add(testSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c t="s"><v>0</v></c></row>`), `<sst><si><t>a</t></si></sst>`)
	f.Add(testSheet(`<row><c r="B2" s="1"><v>42681</v></c><c t="b"><v>1</v></c><c><f>A1</f><v>3</v></c></row>`), `<sst><si><r><t>x</t></r><rPh><t>y</t></rPh></si></sst>`)
	f.Add(`<?xml version="1.0"?><!-- c --><x:worksheet><x:sheetData><x:row r="3"><x:c r="C3" t="inlineStr" a='>'><x:is><x:t><![CDATA[<&>]]></x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`, `<sst uniqueCount="1"><si><t>&amp;&#65;_x000D_</t></si></sst>`)
	f.Fuzz(func(t *testing.T, sheet, shared string) {
		content := handMadeXLSX(t, zipPart{name: testSheetPart, content: sheet}, zipPart{name: "xl/sharedStrings.xml", content: shared})
		w, err := openBook(content)
		if err != nil {
			return
		}
		defer w.Close()
		last := 0
		err = w.readSheet("Sheet1", func(int) {}, func(n int, fields []string) {
			if n <= last || n > maxSheetRows || len(fields) > maxSheetCols {
				t.Fatalf("row %d after %d with %d fields", n, last, len(fields))
			}
			last = n
		})
		if err != nil && err.Error() == "" {
			t.Fatal("empty error")
		}
	})
}

// junkParts are n parts of size zero bytes each: each alone under the
// size from which a part's packing is judged, together far over it.
func junkParts(n, size int) []zipPart {
	zeros := strings.Repeat("\x00", size)
	parts := make([]zipPart, n)
	for i := range parts {
		parts[i] = zipPart{name: fmt.Sprintf("xl/media/junk%d.bin", i), content: zeros}
	}
	return parts
}
