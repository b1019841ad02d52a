// Package ical writes a session as an iCalendar object (RFC 5545) small
// enough for a QR code that a phone's camera app adds to its calendar
// with no network: one VCALENDAR holding the venue's VTIMEZONE and one
// VEVENT.
//
// Times are the venue's wall-clock times with a TZID naming the venue's
// zone, defined in the object itself by a VTIMEZONE built from the
// time-zone database: calendars that honour zones (iOS, Google, Outlook)
// file the session in the venue's zone, so it stays at 10:30 venue time
// whatever zone the phone is set to. Readers that ignore TZID (Android's
// QR readers built on ZXing) take the times as the phone's local time,
// which at the venue is the venue's time. The venue's zone and local
// times are named in the description as well, so that a phone still set
// to its home zone does not mislead. A venue in UTC gets UTC times with a
// Z and no VTIMEZONE.
package ical

import (
	"fmt"
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/contentline"
)

// Caps keep the code readable at kiosk distance: with them the whole
// object stays under MaxOctets, a version 20 code or lower at level M.
const (
	MaxSummary     = 90
	MaxLocation    = 80
	MaxDescription = 140
	// MaxOctets bounds the object whatever the session holds.
	MaxOctets = 660
)

// ProdID names the kiosk as the calendar's producer.
const ProdID = "-//kiosk//programme//EN"

// utcLayout is an RFC 5545 DATE-TIME in UTC ("form #2"), localLayout
// one in a named zone ("form #3", with a TZID parameter).
const (
	utcLayout   = "20060102T150405Z"
	localLayout = "20060102T150405"
)

// UID is the session's identifier in calendars: the same every time the
// code is shown, so adding it twice updates one entry instead of making
// two. Session and event ids are plain (letters, digits, . - _).
func UID(eventID, sessionID string) string {
	return sessionID + "@" + eventID + ".kiosk"
}

// Session writes s as a calendar object. stamp is when the object is made
// (DTSTAMP); loc is the venue's zone, used only for the description.
//
// Text in scripts that take several octets a character (Arabic, Chinese)
// or full of characters that need escaping could pass MaxOctets at the
// usual caps: the description, then the title, is then shortened further.
func Session(e data.Event, s data.SessionDetail, loc *time.Location, stamp time.Time) string {
	var out string
	for _, caps := range [][2]int{{MaxSummary, MaxDescription}, {MaxSummary, MaxDescription / 2},
		{MaxSummary, 0}, {MaxSummary / 2, 0}, {MaxSummary / 4, 0}} {
		out = session(e, s, loc, stamp, caps[0], caps[1])
		if len(out) <= MaxOctets {
			break
		}
	}
	return out
}

func session(e data.Event, s data.SessionDetail, loc *time.Location, stamp time.Time, maxSummary, maxDesc int) string {
	var w contentline.Writer
	w.Line("BEGIN", "VCALENDAR")
	w.Line("VERSION", "2.0")
	w.Line("PRODID", ProdID)
	w.Line("METHOD", "PUBLISH")
	zoned := zoneFor(loc)
	if zoned {
		timeZone(&w, loc, s.Start, s.End)
	}
	w.Line("BEGIN", "VEVENT")
	w.Line("UID", UID(e.ID, s.ID))
	w.Line("DTSTAMP", stamp.UTC().Format(utcLayout))
	for _, t := range []struct {
		name string
		at   time.Time
	}{{"DTSTART", s.Start}, {"DTEND", s.End}} {
		if zoned {
			w.Line(t.name+";TZID="+loc.String(), t.at.In(loc).Format(localLayout))
		} else {
			w.Line(t.name, t.at.UTC().Format(utcLayout))
		}
	}
	w.Text("SUMMARY", contentline.Shorten(s.Title, maxSummary))
	w.Text("LOCATION", contentline.Shorten(Location(e, s.Room), MaxLocation))
	if maxDesc > 0 {
		w.Text("DESCRIPTION", Description(s, loc, maxDesc))
	}
	w.Line("END", "VEVENT")
	w.Line("END", "VCALENDAR")
	return w.String()
}

// Location is the room and the venue: "Room, Venue".
func Location(e data.Event, r data.Room) string {
	parts := []string{}
	for _, p := range []string{r.Name, e.Venue} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// Description is the venue's local times and zone, then the session's
// description, shortened to max characters in all.
func Description(s data.SessionDetail, loc *time.Location, max int) string {
	if loc == nil {
		loc = time.UTC
	}
	when := s.Start.In(loc).Format("15:04") + "–" + s.End.In(loc).Format("15:04") + " " + loc.String() + "."
	if s.Description == "" {
		return when
	}
	return contentline.Shorten(when+" "+s.Description, max)
}

// zoneFor reports whether times are written in loc with a TZID: not for
// UTC, and not for a zone whose name could not stand as a parameter value
// unquoted (the database's names are letters, digits and / _ - +), which
// then falls back to UTC rather than risk a malformed line.
func zoneFor(loc *time.Location) bool {
	if loc == nil || loc == time.UTC || loc.String() == "UTC" || loc.String() == "" {
		return false
	}
	for _, r := range loc.String() {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/_-+", r)
		if !ok {
			return false
		}
	}
	return true
}

// timeZone writes loc's VTIMEZONE with the observances in force from the
// session's start to its end: the one at the start, and one for each
// change of offset before the end (a session across a daylight-saving
// change). Each begins at its onset in the local time before the change,
// as RFC 5545 says; the first is written as in force since 1970 when the
// zone has never changed.
func timeZone(w *contentline.Writer, loc *time.Location, start, end time.Time) {
	w.Line("BEGIN", "VTIMEZONE")
	w.Line("TZID", loc.String())
	t := start.In(loc)
	for {
		name, to := t.Zone()
		from, onset := to, "19700101T000000"
		begins, ends := t.ZoneBounds()
		if !begins.IsZero() {
			_, from = begins.Add(-time.Second).Zone()
			onset = begins.UTC().Add(time.Duration(from) * time.Second).Format(localLayout)
		}
		kind := "STANDARD"
		if t.IsDST() {
			kind = "DAYLIGHT"
		}
		w.Line("BEGIN", kind)
		w.Line("DTSTART", onset)
		w.Line("TZOFFSETFROM", offset(from))
		w.Line("TZOFFSETTO", offset(to))
		if name != "" && name[0] != '+' && name[0] != '-' {
			w.Text("TZNAME", name)
		}
		w.Line("END", kind)
		if ends.IsZero() || !ends.Before(end) {
			break
		}
		t = ends.In(loc)
	}
	w.Line("END", "VTIMEZONE")
}

// offset is a UTC offset in seconds as RFC 5545 writes it: +0800, -0330,
// with seconds only when there are some.
func offset(secs int) string {
	sign := byte('+')
	if secs < 0 {
		sign, secs = '-', -secs
	}
	out := fmt.Sprintf("%c%02d%02d", sign, secs/3600, secs/60%60)
	if secs%60 != 0 {
		out += fmt.Sprintf("%02d", secs%60)
	}
	return out
}
