package data

import (
	"fmt"
	"strconv"
	"strings"
)

// The quorum rule of an event's plenary, as its sources write it
// (event.quorum): empty for a simple majority of the member countries
// (more than half), a whole number for that many member countries, or a
// fraction such as 2/3 for at least that share of them, rounded up.
// Statutes differ between organisations, so the rule travels in the
// signed bundle rather than in the kiosk.

// maxQuorumPart bounds the numbers a rule may hold: far above any
// assembly's member count, far below overflow.
const maxQuorumPart = 100000

// Quorum is a parsed quorum rule.
type Quorum struct {
	count      int // a fixed number of countries, when > 0
	num, denom int // a share, when denom > 0
}

// ParseQuorum reads a rule; the error says what is wrong with it.
func ParseQuorum(s string) (Quorum, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Quorum{}, nil
	}
	if a, b, ok := strings.Cut(s, "/"); ok {
		num, err1 := strconv.Atoi(strings.TrimSpace(a))
		denom, err2 := strconv.Atoi(strings.TrimSpace(b))
		switch {
		case err1 != nil || err2 != nil:
			return Quorum{}, fmt.Errorf("%q is not a fraction of whole numbers such as 2/3", s)
		case num < 1 || denom < 1 || num > denom || denom > maxQuorumPart:
			return Quorum{}, fmt.Errorf("%q is not a share between 1/%d and 1: write it as 1/2, 2/3 or 3/4", s, max(denom, 1))
		}
		return Quorum{num: num, denom: denom}, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxQuorumPart {
		return Quorum{}, fmt.Errorf("%q is neither a number of member countries (such as 96) nor a share (such as 2/3); "+
			"leave it empty for a simple majority", s)
	}
	return Quorum{count: n}, nil
}

// Needed is how many of members member countries must be present.
func (q Quorum) Needed(members int) int {
	switch {
	case q.count > 0:
		return q.count
	case q.denom > 0:
		return (members*q.num + q.denom - 1) / q.denom
	}
	return members/2 + 1
}

// String says the rule in words, for the screens that show it.
func (q Quorum) String() string {
	switch {
	case q.count > 0:
		return fmt.Sprintf("%d member countries", q.count)
	case q.denom > 0:
		return fmt.Sprintf("%d/%d of the member countries", q.num, q.denom)
	}
	return "simple majority"
}

// QuorumRule is the event's rule; an invalid one, which validation
// refuses before a bundle is built or installed, reads as the default.
func (e Event) QuorumRule() Quorum {
	q, _ := ParseQuorum(e.Quorum)
	return q
}

// Parts are the rule's numbers, for screens that word the rule in their
// own language: a fixed count when count > 0, a share num/denom when
// denom > 0, else a simple majority.
func (q Quorum) Parts() (count, num, denom int) { return q.count, q.num, q.denom }
