package ui

import (
	"fyne.io/fyne/v2/theme"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/ui/i18n"
)

// The desk words its outcomes in English, with the exact figures staff
// need (serials, validity dates); in English the result screen shows them
// as they are. In another language the screen words the outcome itself,
// from its status and reason.

// refusedTexts are the headline and detail keys of each refusal.
var refusedTexts = map[checkin.Reason][2]string{
	checkin.ReasonNotABadge:       {"outcome.not_a_badge", "outcome.detail.not_a_badge"},
	checkin.ReasonLayoutMismatch:  {"outcome.see_desk", "outcome.detail.layout_mismatch"},
	checkin.ReasonUnsupported:     {"outcome.badge_refused", "outcome.detail.unsupported"},
	checkin.ReasonOtherEvent:      {"outcome.badge_refused", "outcome.detail.other_event"},
	checkin.ReasonNotGenuine:      {"outcome.badge_refused", "outcome.detail.not_genuine"},
	checkin.ReasonRevoked:         {"outcome.badge_refused", "outcome.detail.revoked"},
	checkin.ReasonNotYetValid:     {"outcome.badge_refused", "outcome.detail.not_yet_valid"},
	checkin.ReasonExpired:         {"outcome.badge_refused", "outcome.detail.expired"},
	checkin.ReasonUnknownDelegate: {"outcome.see_desk", "outcome.detail.unknown_delegate"},
	checkin.ReasonNoSession:       {"outcome.no_session", "outcome.detail.no_session"},
	checkin.ReasonCodeUnknown:     {"outcome.code_refused", "outcome.detail.code_unknown"},
	checkin.ReasonCodeNotGenuine:  {"outcome.code_refused", "outcome.detail.code_not_genuine"},
	checkin.ReasonCodeOtherEvent:  {"outcome.code_refused", "outcome.detail.code_other_event"},
	checkin.ReasonCodeRefused:     {"outcome.code_refused", "outcome.detail.code_refused"},
}

// outcomeWords are an outcome's headline, detail and purpose in the
// current language; plenary says the kiosk checks in to the plenary, when
// is when the check-in was taken, in the venue's words.
func outcomeWords(o checkin.Outcome, plenary bool, when func() string) (headline, detail, what string) {
	if i18n.Current() == "en" {
		return o.Headline, o.Detail, o.What
	}
	what = o.What
	if what == data.PurposeArrival.Label() {
		what = i18n.T("purpose.arrival")
	}
	quoted := what
	if o.What != data.PurposeArrival.Label() {
		quoted = "« " + what + " »"
		if i18n.Current() != "fr" {
			quoted = "«" + what + "»"
		}
	}
	where := i18n.T("outcome.here")
	if !o.Here {
		where = i18n.T("outcome.at_kiosk", i18n.Args{"Kiosk": o.CheckIn.KioskID})
	}
	switch o.Status {
	case checkin.Welcome:
		return i18n.T("outcome.welcome"), i18n.T("outcome.detail.welcome", i18n.Args{"What": quoted}), what
	case checkin.Already:
		return i18n.T("outcome.already"),
			i18n.T("outcome.detail.already", i18n.Args{"What": quoted, "Where": where, "When": when()}), what
	case checkin.Received:
		if o.Known {
			return i18n.T("outcome.received"), i18n.T("outcome.detail.received_again", i18n.Args{"Kiosk": o.CheckIn.KioskID}), what
		}
		return i18n.T("outcome.received"), i18n.T("outcome.detail.received", i18n.Args{"Where": where, "When": when()}), what
	}
	keys, ok := refusedTexts[o.Reason]
	if !ok {
		return o.Headline, o.Detail, ""
	}
	if o.Reason == checkin.ReasonNoSession && plenary {
		keys[0] = "outcome.no_plenary"
	}
	return i18n.T(keys[0]), i18n.T(keys[1]), ""
}

// retext puts an outcome on screen in the current language.
func (r *ResultView) retext(o checkin.Outcome) {
	c, icon := toneRefused, theme.CancelIcon()
	switch o.Status {
	case checkin.Welcome:
		c, icon = toneWelcome, theme.ConfirmIcon()
	case checkin.Already, checkin.Received:
		c, icon = toneAlready, theme.InfoIcon()
	}
	when := func() string { return i18n.DayAndTime(o.CheckIn.ScannedAt.In(r.k.loc)) }
	headline, detail, what := outcomeWords(o, r.k.CheckIns.plenary, when)
	r.set(c, icon, headline)
	r.Name.SetText(o.Name)
	r.Country.SetText(o.Country)
	r.What.SetText(what)
	if o.Status == checkin.Refused {
		r.What.SetText("")
	}
	if o.Repaired != "" {
		detail += "\n" + i18n.T("result.repaired", i18n.Args{"What": o.Repaired})
	}
	r.Detail.SetText(detail)
	if o.Members > 0 {
		r.Presence.SetText(i18n.N("result.presence", o.Present, i18n.Args{"Members": i18n.Number(o.Members)}))
	} else {
		r.Presence.SetText("")
	}
}
