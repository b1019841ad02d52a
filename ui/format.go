package ui

import (
	"fmt"
	"time"

	"kiosk/data"
	"kiosk/ui/i18n"
)

// timeRange writes "09:00 – 10:30" in the venue's zone.
func timeRange(s data.Session, loc *time.Location) string {
	return i18n.TimeRange(s.Start.In(loc), s.End.In(loc))
}

// dayLabel writes a day for a tab in the current language: "Mon 7 Nov".
func dayLabel(d data.Day) string { return i18n.ShortDate(d.Start) }

// longDate writes "Monday 7 November 2016" in the current language.
func longDate(t time.Time) string { return i18n.LongDate(t) }

// dateSpan writes the event's dates: "7 – 10 November 2016".
func dateSpan(days []data.Day) string {
	if len(days) == 0 {
		return ""
	}
	return i18n.DateSpan(days[0].Start, days[len(days)-1].Start)
}

// languages writes interpretation languages as names in the current
// language.
func languages(codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = i18n.LanguageName(c)
	}
	return i18n.List(names)
}

// plural writes "1 check-in" or "3 check-ins", for staff mode, which is in
// English.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
