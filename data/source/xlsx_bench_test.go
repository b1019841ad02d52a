package source

import (
	"path/filepath"
	"testing"
)

// BenchmarkReadXLSX100k reads the same event as BenchmarkDecodeCSV100k
// from one workbook sources.xlsx, as kioskctl bundle build does.
func BenchmarkReadXLSX100k(b *testing.B) {
	dir := b.TempDir()
	if err := WriteXLSX(filepath.Join(dir, WorkbookName), synthetic(b, 100_000, 2_000)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := ReadDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Data.Delegates) != 100_000 || len(s.Data.Sessions) != 2_000 {
			b.Fatal("wrong counts")
		}
	}
}
