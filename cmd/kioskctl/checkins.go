package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"kiosk/data"
	"kiosk/data/kioskdir"
	"kiosk/data/store"
	"kiosk/data/termsafe"
)

func init() {
	register(command{name: "checkins", summary: "list the check-ins recorded in a kiosk's data folder", run: runCheckIns})
}

// openDataDir opens an existing kiosk data folder; it never creates one,
// so a mistyped path is an error rather than a new empty kiosk.
func openDataDir(ctx context.Context, dir string) (*store.Store, error) {
	path := filepath.Join(dir, kioskdir.DBName)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%s is not a kiosk data folder (no %s): %w", dir, kioskdir.DBName, err)
	}
	return store.Open(ctx, path)
}

// checkInRecord is one check-in as kioskctl writes it.
type checkInRecord struct {
	ID           string `json:"id"`
	KioskID      string `json:"kiosk_id"`
	Seq          int64  `json:"seq"`
	DelegateID   string `json:"delegate_id"`
	Name         string `json:"name"`
	Country      string `json:"country"`
	BadgeSerial  uint32 `json:"badge_serial"`
	Purpose      string `json:"purpose"`
	SessionID    string `json:"session_id"`
	RoomID       string `json:"room_id"`
	ScannedAt    string `json:"scanned_at"`
	VenueTime    string `json:"venue_time"`
	HLC          int64  `json:"hlc"`
	Method       string `json:"method"`
	ClockSuspect bool   `json:"clock_suspect"`
	Origin       string `json:"origin"`
	ReceivedAt   string `json:"received_at"`
}

var checkInHeader = []string{"id", "kiosk_id", "seq", "delegate_id", "name", "country", "badge_serial", "purpose",
	"session_id", "room_id", "scanned_at", "venue_time", "hlc", "method", "clock_suspect", "origin", "received_at"}

func (r checkInRecord) row() []string {
	return []string{r.ID, r.KioskID, strconv.FormatInt(r.Seq, 10), r.DelegateID, r.Name, r.Country,
		strconv.FormatUint(uint64(r.BadgeSerial), 10), r.Purpose, r.SessionID, r.RoomID, r.ScannedAt, r.VenueTime,
		strconv.FormatInt(r.HLC, 10), r.Method, strconv.FormatBool(r.ClockSuspect), r.Origin, r.ReceivedAt}
}

// records describes check-ins with their delegates' names, for staff.
func records(ctx context.Context, s *store.Store, list []data.CheckIn) ([]checkInRecord, error) {
	loc := time.UTC
	if e, err := s.Event(ctx); err == nil {
		if l, err := e.Location(); err == nil {
			loc = l
		}
	}
	out := make([]checkInRecord, 0, len(list))
	for _, c := range list {
		r := checkInRecord{ID: c.ID, KioskID: c.KioskID, Seq: c.Seq, DelegateID: c.DelegateID, BadgeSerial: c.BadgeSerial,
			Purpose: string(c.Purpose), SessionID: c.SessionID, RoomID: c.RoomID,
			ScannedAt: c.ScannedAt.UTC().Format(time.RFC3339Nano), VenueTime: c.ScannedAt.In(loc).Format("2006-01-02 15:04:05 MST"),
			HLC: c.HLC, Method: string(c.Method), ClockSuspect: c.ClockSuspect, Origin: string(c.Origin),
			ReceivedAt: c.ReceivedAt.UTC().Format(time.RFC3339Nano)}
		if d, country, err := s.DelegateForCheckIn(ctx, c.DelegateID); err == nil {
			r.Name, r.Country = d.FullName(), country
		}
		out = append(out, r)
	}
	return out, nil
}

func writeRecords(w io.Writer, format string, recs []checkInRecord) error {
	switch format {
	case "json":
		b, err := json.MarshalIndent(recs, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(termsafe.JSON(b), '\n'))
		return err
	case "csv":
		cw := csv.NewWriter(w)
		writeCSVRow(cw, checkInHeader)
		for _, r := range recs {
			writeCSVRow(cw, r.row())
		}
		cw.Flush()
		return cw.Error()
	}
	return fmt.Errorf("--format %q: want csv or json", format)
}

func runCheckIns(args []string, stdout, stderr io.Writer) error {
	fs := flags("checkins", "--data DIR [--format csv|json]",
		"Lists every check-in a kiosk holds (its own and those it received), in the order of\n"+
			"the kiosks' hybrid logical clock, with the delegate's name and country.", stderr)
	dir := fs.String("data", "", "the kiosk's data folder")
	format := fs.String("format", "csv", "csv or json")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(fs, "data"); err != nil {
		return err
	}
	if *format != "csv" && *format != "json" {
		return fmt.Errorf("--format %q: want csv or json", *format)
	}
	ctx := context.Background()
	s, err := openDataDir(ctx, *dir)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.CheckIns(ctx, store.CheckInFilter{})
	if err != nil {
		return err
	}
	recs, err := records(ctx, s, list)
	if err != nil {
		return err
	}
	return writeRecords(stdout, *format, recs)
}
