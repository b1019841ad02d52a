package ui

// The words of the take-away screens (calendar and contact QR codes, My
// day), in one place so that they are routed through translations in one
// place too. Texts with %s or %d are format strings.
const (
	txtAddToCalendar     = "Add to my calendar"
	txtHideCalendar      = "Hide the calendar code"
	txtCalendarHint      = "Point your phone's camera at the code to add this session to your calendar. No network needed."
	txtContactCaption    = "Contact"
	txtEmail             = "Email"
	txtPhone             = "Telephone"
	txtContactHint       = "Point your phone's camera at the code to save this contact."
	txtMyDay             = "My day"
	txtMyDayHint         = "Scan your badge to see your sessions today, and where they are."
	txtMyDayPrompt       = "Scan the QR code on your badge"
	txtMyDayNoCheckIn    = "This shows your day only: it does not check you in."
	txtMyDayTitle        = "Your day, %s"     // the date
	txtMyDayTitleNamed   = "%s: your day, %s" // name, date
	txtMyDayWho          = "%s  ·  %s"        // role, country
	txtMyDayNone         = "No sessions open to you on this day."
	txtMyDayEnded        = "The event has ended: there are no more sessions."
	txtMyDayScanAgain    = "Scan another badge, or tap a session to open it in the Programme."
	txtMyDayUnavailable  = "My day is not available on this kiosk."
	txtMyDayReading      = "Reading your badge"
	txtCalendarCodeError = "Drawing the calendar code"
	txtContactCodeError  = "Drawing the contact code"
)
