package source

import (
	"strings"
	"testing"

	"kiosk/data"
)

// withSerials gives the base folder's delegates a badge_serial column.
func withSerials(t *testing.T, d1, d2, d3 string) map[string]string {
	t.Helper()
	files := baseFiles()
	replace(t, files, "delegates.csv", "show_title\n", "show_title,badge_serial\n")
	replace(t, files, "delegates.csv", "head,yes,yes,yes\n", "head,yes,yes,yes,"+d1+"\n")
	replace(t, files, "delegates.csv", "delegate,yes,no,no\n", "delegate,yes,no,no,"+d2+"\n")
	replace(t, files, "delegates.csv", "observer,no,no,no\n", "observer,no,no,no,"+d3+"\n")
	return files
}

func TestBadgeSerialColumn(t *testing.T) {
	s, err := DecodeCSV(toBytes(withSerials(t, "17", "", "2147483647")))
	if err != nil {
		t.Fatal(err)
	}
	if got := []uint32{s.Data.Delegates[0].BadgeSerial, s.Data.Delegates[1].BadgeSerial, s.Data.Delegates[2].BadgeSerial}; got[0] != 17 || got[1] != 0 || got[2] != data.MaxGivenBadgeSerial {
		t.Fatalf("serials %v", got)
	}
	files, err := EncodeCSV(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeCSV(files)
	if err != nil || back.Data.Delegates[0].BadgeSerial != 17 || back.Data.Delegates[1].BadgeSerial != 0 {
		t.Fatalf("written and read back: %+v %v", back, err)
	}
}

func TestBadgeSerialColumnMistakes(t *testing.T) {
	for _, c := range []struct {
		name       string
		d1, d2, d3 string
		want       string
	}{
		{"zero", "0", "", "", `delegates.csv row 2, column "badge_serial": "0" is not a badge serial staff may give`},
		{"not a number", "17a", "", "", `row 2, column "badge_serial": "17a" is not a badge serial`},
		{"in the derived range", "", "2147483648", "", `row 3, column "badge_serial": "2147483648" is not a badge serial`},
		{"duplicate", "17", "", "17", `row 4, column "badge_serial": duplicate badge serial "17": row 2 has it too`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeCSV(toBytes(withSerials(t, c.d1, c.d2, c.d3)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}
