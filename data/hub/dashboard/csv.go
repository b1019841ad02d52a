package dashboard

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"kiosk/data/csvcell"
)

// The CSV downloads: every cell through csvcell, so that a delegate's
// name cannot become a formula in the spreadsheet staff open it in.

func (s *Server) checkInsCSV(w http.ResponseWriter, r *http.Request, _ session) {
	e, t, err := s.current(r.Context())
	if err != nil || e == nil {
		s.noEventOr(w, r, err)
		return
	}
	list, err := s.hub.Store().CheckIns(r.Context(), e.data.Event.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cw := s.csv(w, e.data.Event.ID+"-checkins.csv")
	csvcell.WriteRow(cw, []string{"checkin_id", "kiosk_id", "kiosk", "seq", "delegate_id", "delegate", "country", "role",
		"badge_serial", "purpose", "session_id", "session", "room", "scanned_at_utc", "scanned_at_venue", "clock_suspect",
		"method", "hlc", "received_by_hub_utc", "pushed_by", "counts"})
	for _, c := range list {
		name, country, role := "", "", ""
		if d := e.delegates[c.DelegateID]; d != nil {
			name, country, role = d.FullName(), d.CountryCode, string(d.Role)
		}
		session := ""
		if ss, ok := e.sessions[c.SessionID]; ok {
			session = ss.Title
		}
		// counts: the first of its delegate and purpose (the rule every
		// kiosk applies); a later copy from another kiosk does not.
		csvcell.WriteRow(cw, []string{c.ID, c.KioskID, e.kioskName(c.KioskID), strconv.FormatInt(c.Seq, 10), c.DelegateID, name,
			country, role, strconv.FormatUint(uint64(c.BadgeSerial), 10), string(c.Purpose), c.SessionID, session, e.rooms[c.RoomID],
			c.ScannedAt.UTC().Format(time.RFC3339Nano), c.ScannedAt.In(e.loc).Format("2006-01-02 15:04:05"),
			strconv.FormatBool(c.ClockSuspect), string(c.Method), strconv.FormatInt(c.HLC, 10),
			c.Received.UTC().Format(time.RFC3339Nano), c.PushedBy, yesNo(t.counts[c.ID])})
	}
	cw.Flush()
}

// presenceCSV is one row per member country: its delegates, how many
// checked in, and whether it was present at each plenary.
func (s *Server) presenceCSV(w http.ResponseWriter, r *http.Request, _ session) {
	e, t, err := s.current(r.Context())
	if err != nil || e == nil {
		s.noEventOr(w, r, err)
		return
	}
	tot := e.totals(t, s.opts.Now())
	head := []string{"country_code", "country", "delegates", "checked_in"}
	present := make([]map[string]bool, len(tot.Plenaries))
	for i, p := range tot.Plenaries {
		head = append(head, "present: "+p.Title+" ("+p.When+")")
		present[i] = e.countriesIn(t.bySession[p.ID])
	}
	cw := s.csv(w, e.data.Event.ID+"-presence.csv")
	csvcell.WriteRow(cw, head)
	for _, c := range tot.Countries {
		row := []string{c.Code, c.Name, strconv.Itoa(c.Delegates), strconv.Itoa(c.Arrived)}
		for i := range tot.Plenaries {
			row = append(row, yesNo(present[i][c.Code]))
		}
		csvcell.WriteRow(cw, row)
	}
	cw.Flush()
}

func (s *Server) csv(w http.ResponseWriter, name string) *csv.Writer {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return csv.NewWriter(w)
}

func (s *Server) noEventOr(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Error(w, "The hub has no event installed yet: upload a bundle first.", http.StatusNotFound)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
