package sync

import (
	"math/rand/v2"
	"time"
)

// backoff is exponential backoff with jitter: each failure doubles the
// wait up to max, and the wait is drawn from its upper half, so that
// kiosks that lost the hub together do not all come back at once.
type backoff struct {
	min, max time.Duration
	cur      time.Duration
}

func (b *backoff) next() time.Duration {
	if b.cur == 0 {
		b.cur = b.min
	} else {
		b.cur = min(2*b.cur, b.max)
	}
	half := b.cur / 2
	return half + rand.N(b.cur-half+1)
}

func (b *backoff) reset() { b.cur = 0 }
