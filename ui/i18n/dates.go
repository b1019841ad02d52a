package i18n

import (
	"fmt"
	"time"
)

// Dates and times in each language's conventions. x/text formats numbers
// but not dates, so the day and month names are here, as CLDR gives them.
// Every language uses the 24-hour clock; callers pass times already in the
// venue's zone.

type calendar struct {
	days, shortDays     [7]string  // Sunday first, as time.Weekday
	months, shortMonths [12]string // January first
}

var calendars = map[string]calendar{
	"en": {
		days:        [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		shortDays:   [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
		months:      [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		shortMonths: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	},
	"fr": {
		days:        [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		shortDays:   [7]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."},
		months:      [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		shortMonths: [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
	},
	"es": {
		days:        [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
		shortDays:   [7]string{"dom", "lun", "mar", "mié", "jue", "vie", "sáb"},
		months:      [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		shortMonths: [12]string{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"},
	},
	// Arabic has no abbreviations: the short forms are the full names.
	// The months are those of CLDR's "ar" (يناير ... ديسمبر), used across
	// the Arab world in international organisations' documents.
	"ar": {
		days:        [7]string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"},
		shortDays:   [7]string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"},
		months:      [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		shortMonths: [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
	},
}

func cal(code string) calendar {
	if c, ok := calendars[code]; ok {
		return c
	}
	return calendars[Fallback]
}

// LongDate writes a full date: "Monday 7 November 2016", "lundi 7 novembre
// 2016", "lunes, 7 de noviembre de 2016", "الاثنين 7 نوفمبر 2016".
func LongDate(t time.Time) string { return LongDateIn(Current(), t) }

// LongDateIn is LongDate in language code.
func LongDateIn(code string, t time.Time) string {
	c := cal(code)
	day := c.days[t.Weekday()]
	switch code {
	case "es":
		return fmt.Sprintf("%s, %s", day, DayMonthYearIn(code, t))
	case "ar":
		return fmt.Sprintf("%s، %s", day, DayMonthYearIn(code, t))
	}
	return day + " " + DayMonthYearIn(code, t)
}

// DayMonthYearIn writes "7 November 2016", "7 de noviembre de 2016".
func DayMonthYearIn(code string, t time.Time) string {
	return fmt.Sprintf(pattern(code, "%d %s", "%d de %s"), t.Day(), cal(code).months[t.Month()-1]) + yearSep(code) + fmt.Sprint(t.Year())
}

// dayMonthIn writes "7 November", "7 de noviembre".
func dayMonthIn(code string, t time.Time) string {
	return fmt.Sprintf(pattern(code, "%d %s", "%d de %s"), t.Day(), cal(code).months[t.Month()-1])
}

func pattern(code, other, es string) string {
	if code == "es" {
		return es
	}
	return other
}

func yearSep(code string) string {
	if code == "es" {
		return " de "
	}
	return " "
}

// ShortDate writes a day for a tab: "Mon 7 Nov", "lun. 7 nov.",
// "lun 7 nov", "الاثنين 7 نوفمبر".
func ShortDate(t time.Time) string { return ShortDateIn(Current(), t) }

// ShortDateIn is ShortDate in language code.
func ShortDateIn(code string, t time.Time) string {
	c := cal(code)
	return fmt.Sprintf("%s %d %s", c.shortDays[t.Weekday()], t.Day(), c.shortMonths[t.Month()-1])
}

// Clock writes a time of day on the 24-hour clock: "09:05".
func Clock(t time.Time) string { return t.Format("15:04") }

// TimeRange writes "09:00 – 10:30".
func TimeRange(from, to time.Time) string { return Clock(from) + " – " + Clock(to) }

// DateSpan writes the dates of an event from first to last day: "7 – 10
// November 2016", "7 – 10 de noviembre de 2016", "30 October – 2 November
// 2016"; one day is its long date.
func DateSpan(first, last time.Time) string { return DateSpanIn(Current(), first, last) }

// DateSpanIn is DateSpan in language code.
func DateSpanIn(code string, first, last time.Time) string {
	switch {
	case first.Year() == last.Year() && first.YearDay() == last.YearDay():
		return LongDateIn(code, first)
	case first.Month() == last.Month() && first.Year() == last.Year():
		return fmt.Sprintf("%d – %s", first.Day(), DayMonthYearIn(code, last))
	case first.Year() == last.Year():
		return dayMonthIn(code, first) + " – " + DayMonthYearIn(code, last)
	}
	return DayMonthYearIn(code, first) + " – " + DayMonthYearIn(code, last)
}

// DayAndTime writes a moment: "Mon 7 Nov 09:30", for the header's clock
// and for when a check-in was taken.
func DayAndTime(t time.Time) string { return ShortDateIn(Current(), t) + "  " + Clock(t) }
