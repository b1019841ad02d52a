package bundle

import "fmt"

// Reason says why a bundle was refused; each has its own message so staff
// know what to do about it.
type Reason string

// The reasons a bundle is refused.
const (
	NotABundle     Reason = "not-a-bundle"
	TooLarge       Reason = "too-large"
	BadEntryName   Reason = "bad-entry-name"
	LinkEntry      Reason = "link-entry"
	DuplicateEntry Reason = "duplicate-entry"
	MissingFile    Reason = "missing-file"
	UnlistedFile   Reason = "unlisted-file"
	SizeMismatch   Reason = "size-mismatch"
	HashMismatch   Reason = "hash-mismatch"
	NoSignature    Reason = "no-signature"
	BadSignature   Reason = "bad-signature"
	UntrustedKey   Reason = "untrusted-key"
	BadManifest    Reason = "bad-manifest"
	OtherEvent     Reason = "other-event"
	Rollback       Reason = "rollback"
	SameVersion    Reason = "same-version"
	Expired        Reason = "expired"
	BadData        Reason = "bad-data"
	// RetiredKey: signed by a key that handed its event over to a newer
	// key; it still vouches for badges it signed, never for a bundle.
	RetiredKey Reason = "retired-key"
	// DemoKey: the published demo key signing what only a real event's
	// key may: another event, or a handover to a new key.
	DemoKey Reason = "demo-key"
)

// Refusal is the error for a bundle that is not taken. Nothing has been
// changed when a Refusal is returned.
type Refusal struct {
	Reason Reason
	Msg    string
}

func (r *Refusal) Error() string { return "bundle refused: " + r.Msg }

func refuse(reason Reason, format string, args ...any) *Refusal {
	return &Refusal{Reason: reason, Msg: fmt.Sprintf(format, args...)}
}
