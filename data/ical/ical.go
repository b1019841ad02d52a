// Package ical writes a session as an iCalendar object (RFC 5545) small
// enough for a QR code that a phone's camera app adds to its calendar
// with no network: one VCALENDAR holding one VEVENT.
//
// Times are written in UTC with a Z, not with a TZID and a VTIMEZONE: a
// UTC instant means the same thing to every reader, while camera apps
// differ on zones (Android's QR readers, built on ZXing, ignore TZID and
// VTIMEZONE and read such times as the phone's local time; iOS honours
// them). A VTIMEZONE for the venue would also take some 250 of the code's
// 500 octets. The phone shows the UTC instant in its own zone, which at
// the venue is the venue's zone; the venue's zone and local times are
// named in the description as well, so a phone still set to its home
// zone does not mislead.
package ical

import (
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/contentline"
)

// Caps keep the code readable at kiosk distance: with them the whole
// object stays under MaxOctets, a version 17 code or lower at level M.
const (
	MaxSummary     = 90
	MaxLocation    = 80
	MaxDescription = 140
	// MaxOctets bounds the object whatever the session holds.
	MaxOctets = 500
)

// ProdID names the kiosk as the calendar's producer.
const ProdID = "-//kiosk//programme//EN"

// utcLayout is an RFC 5545 DATE-TIME in UTC ("form #2").
const utcLayout = "20060102T150405Z"

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
	w.Line("BEGIN", "VEVENT")
	w.Line("UID", UID(e.ID, s.ID))
	w.Line("DTSTAMP", stamp.UTC().Format(utcLayout))
	w.Line("DTSTART", s.Start.UTC().Format(utcLayout))
	w.Line("DTEND", s.End.UTC().Format(utcLayout))
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
