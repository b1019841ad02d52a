package ui

// The words of the on-screen keyboard and of browsing the directory by
// touch, in one place, so that they can be routed through translations
// together.
const (
	textKeyboardEnter    = "Enter"
	textKeyboardClose    = "Hide keyboard"
	textKeyboardSpace    = "space"
	textKeyboardLatin    = "ABC"
	textKeyboardArabic   = "عربي"
	textBrowseAll        = "All"
	textBrowseCountries  = "Countries"
	textBrowseBackToList = "Back to the list"
	textPagePrevious     = "Previous"
	textPageNext         = "Next"
	textPageShowing      = "%d–%d of %s"             // first, last, "N delegates"
	textPageCountries    = "%d–%d of %d delegations" // first, last, total
	textChooseCountry    = "Choose a delegation"     // heading of the country grid
)
