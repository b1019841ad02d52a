package ui

// The translation keys of the take-away screens (calendar and contact QR
// codes, My day); texts in assets/translations.
const (
	txtAddToCalendar     = "takeaway.add_calendar"
	txtHideCalendar      = "takeaway.hide_calendar"
	txtCalendarHint      = "takeaway.calendar_hint"
	txtContactCaption    = "takeaway.contact"
	txtEmail             = "takeaway.email"
	txtPhone             = "takeaway.phone"
	txtContactHint       = "takeaway.contact_hint"
	txtMyDay             = "myday.button"
	txtMyDayHint         = "myday.hint"
	txtMyDayPrompt       = "myday.prompt"
	txtMyDayNoCheckIn    = "myday.no_checkin"
	txtMyDayTitle        = "myday.title"       // Date
	txtMyDayTitleNamed   = "myday.title_named" // Name, Date
	txtMyDayWho          = "%s  ·  %s"         // role, country: no words to translate
	txtMyDayNone         = "myday.none"
	txtMyDayEnded        = "myday.ended"
	txtMyDayScanAgain    = "myday.scan_again"
	txtMyDayReading      = "myday.reading"
	txtCalendarCodeError = "takeaway.calendar_error"
	txtContactCodeError  = "takeaway.contact_error"
)
