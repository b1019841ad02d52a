package badge

import (
	"crypto/sha256"
	"encoding/binary"

	"kiosk/data"
)

// DerivedSerial is the badge serial of a delegate whose sources give none:
// taken from a hash of the delegate's id, so that it is the same for every
// print and stays the delegate's when rows are added, deleted or sorted.
// It lies above data.MaxGivenBadgeSerial, where no serial staff give can
// be. Two ids may share one (among 10,000 delegates with no serial given,
// a pair turns up once in forty events; among 100,000, two or three pairs
// are to be expected): the badge printer refuses to print either badge of
// such a pair until staff give one of them a serial.
func DerivedSerial(delegateID string) uint32 {
	sum := sha256.Sum256([]byte("kiosk badge serial\x00" + delegateID))
	return binary.BigEndian.Uint32(sum[:4])>>1 + data.MaxGivenBadgeSerial + 1
}

// SerialOf is the serial of a delegate's current badge: the one the
// sources give, or else the one derived from the id.
func SerialOf(d data.Delegate) uint32 {
	if d.BadgeSerial != 0 {
		return d.BadgeSerial
	}
	return DerivedSerial(d.ID)
}
