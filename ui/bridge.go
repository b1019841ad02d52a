package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"

	"kiosk/data"
)

// queryTimeout bounds any one read; a stuck disk must not leave a screen
// waiting for ever.
const queryTimeout = 10 * time.Second

// load runs work off the UI goroutine and hands the result back on it with
// fyne.Do: done on success, or the kiosk's error banner on failure. These
// are the only places where background work reaches widgets.
func load[T any](k *Kiosk, what string, work func(context.Context) (T, error), done func(T)) {
	k.deps.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		v, err := work(ctx)
		fyne.Do(func() {
			if err != nil {
				if k.current == ScreenStaff && k.Staff.failed(what, err) {
					return
				}
				k.showError(what, err)
				return
			}
			done(v)
		})
	})
}

// humanError turns an error into words for a public screen.
func humanError(what string, err error) string {
	switch {
	case errors.Is(err, data.ErrNotFound):
		return what + ": not found."
	case errors.Is(err, context.DeadlineExceeded):
		return what + ": the kiosk took too long to answer. Please try again."
	}
	return what + ": " + err.Error()
}
