package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"

	"kiosk/data"
	"kiosk/ui/i18n"
)

// queryTimeout bounds any one read; a stuck disk must not leave a screen
// waiting for ever.
const queryTimeout = 10 * time.Second

// run runs work off the UI goroutine, within timeout, and hands the
// outcome back on it with fyne.Do: done on success, fail on error. It is
// the one place where background work reaches widgets.
func run[T any](k *Kiosk, timeout time.Duration, work func(context.Context) (T, error), done func(T), fail func(error)) {
	// Counted before it starts, so that a Stop after run returns waits
	// for it; the kiosk's context ends it early on Stop.
	k.jobs.Add(1)
	// Reads give titles and names in the language on screen when asked.
	lang := i18n.Current()
	k.deps.Go(func() {
		defer k.jobs.Done()
		ctx, cancel := context.WithTimeout(data.WithLanguage(k.ctx, lang), timeout)
		defer cancel()
		v, err := work(ctx)
		fyne.Do(func() {
			if err != nil {
				fail(err)
				return
			}
			done(v)
		})
	})
}

// load is run for a read, whose failure goes to the kiosk's banner.
func load[T any](k *Kiosk, what string, work func(context.Context) (T, error), done func(T)) {
	run(k, queryTimeout, work, done, func(err error) { k.showError(what, err) })
}

// humanError turns an error into words for a public screen.
func humanError(what string, err error) string {
	switch {
	case errors.Is(err, data.ErrNotFound):
		return i18n.T("error.not_found", i18n.Args{"What": what})
	case errors.Is(err, context.DeadlineExceeded):
		return i18n.T("error.timeout", i18n.Args{"What": what})
	}
	return i18n.T("error.other", i18n.Args{"What": what, "Error": err.Error()})
}
