package ui

// The translation keys of the on-screen keyboard and of browsing the
// directory by touch (texts in assets/translations). The layout switch
// keeps its own names: each names the layout it switches to in its own
// script, whatever the interface language.
const (
	textKeyboardEnter    = "keyboard.enter"
	textKeyboardClose    = "keyboard.hide"
	textKeyboardSpace    = "keyboard.space"
	textKeyboardLatin    = "ABC"
	textKeyboardArabic   = "عربي"
	textBrowseAll        = "browse.all"
	textBrowseCountries  = "browse.countries"
	textBrowseBackToList = "browse.back_to_list"
	textPagePrevious     = "browse.previous"
	textPageNext         = "browse.next"
	textPageShowing      = "directory.showing"     // First, Last, Total ("N delegates")
	textPageCountries    = "browse.countries_page" // First, Last, Total ("N delegations")
	textChooseCountry    = "browse.choose_country" // heading of the country grid
)
