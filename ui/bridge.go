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

// run runs work off the UI goroutine, within timeout, and hands the
// outcome back on it with fyne.Do: done on success, fail on error. It is
// the one place where background work reaches widgets.
func run[T any](k *Kiosk, timeout time.Duration, work func(context.Context) (T, error), done func(T), fail func(error)) {
	// Counted before it starts, so that a Stop after run returns waits
	// for it; the kiosk's context ends it early on Stop.
	k.jobs.Add(1)
	k.deps.Go(func() {
		defer k.jobs.Done()
		ctx, cancel := context.WithTimeout(k.ctx, timeout)
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
		return what + ": not found."
	case errors.Is(err, context.DeadlineExceeded):
		return what + ": the kiosk took too long to answer. Please try again."
	}
	return what + ": " + err.Error()
}
