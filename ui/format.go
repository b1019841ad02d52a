package ui

import (
	"fmt"
	"strings"
	"time"

	"kiosk/data"
)

// timeRange writes "09:00 – 10:30" in the venue's zone.
func timeRange(s data.Session, loc *time.Location) string {
	return s.Start.In(loc).Format("15:04") + " – " + s.End.In(loc).Format("15:04")
}

// dayLabel writes a day for a tab: "Mon 7 Nov".
func dayLabel(d data.Day) string { return d.Start.Format("Mon 2 Jan") }

// longDate writes "Monday 7 November 2016".
func longDate(t time.Time) string { return t.Format("Monday 2 January 2006") }

// dateSpan writes the event's dates: "7 – 10 November 2016".
func dateSpan(days []data.Day) string {
	if len(days) == 0 {
		return ""
	}
	first, last := days[0].Start, days[len(days)-1].Start
	switch {
	case len(days) == 1:
		return longDate(first)
	case first.Month() == last.Month() && first.Year() == last.Year():
		return fmt.Sprintf("%d – %s", first.Day(), last.Format("2 January 2006"))
	case first.Year() == last.Year():
		return first.Format("2 January") + " – " + last.Format("2 January 2006")
	}
	return first.Format("2 January 2006") + " – " + last.Format("2 January 2006")
}

var languageNames = map[string]string{"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic",
	"ru": "Russian", "zh": "Chinese", "pt": "Portuguese", "de": "German", "id": "Indonesian"}

// languages writes interpretation languages as names.
func languages(codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		if n, ok := languageNames[c]; ok {
			names[i] = n
		} else {
			names[i] = strings.ToUpper(c)
		}
	}
	return strings.Join(names, ", ")
}

// plural writes "1 delegate" or "3 delegates".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
