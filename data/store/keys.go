package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"fmt"
	"time"

	"kiosk/data/keys"
)

// TrustedKey is an event key this kiosk believes, and for what.
type TrustedKey struct {
	ID      string
	Key     ed25519.PublicKey
	EventID string // the event the key belongs to; it signs nothing else
	Note    string // why the key is trusted
	// SignsBundles is false once the key handed its event over to a newer
	// key: it signs no more bundles, but the badges it signed stay valid,
	// so that a key rotation does not void badges already printed.
	SignsBundles bool
	Added        time.Time
}

// Trust adds an event key for the installed event: bundles and badges of
// that event may be signed with it. A key is always some event's key, so
// with nothing installed there is nothing to trust it for.
func (s *Store) Trust(ctx context.Context, pub ed25519.PublicKey, note string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var event string
		err := tx.QueryRowContext(ctx, `SELECT event_id FROM bundle WHERE id = 1`).Scan(&event)
		if err == sql.ErrNoRows {
			return fmt.Errorf("trusting key %s: %w (a key is trusted for an event)", keys.ID(pub), ErrNoEvent)
		}
		if err != nil {
			return err
		}
		if err := upsertKey(ctx, tx, event, TrustChange{Key: pub, Note: note}, s.now()); err != nil {
			return err
		}
		return countInstall(ctx, tx)
	})
}

// TrustedKeyList lists every trusted event key, oldest first.
func (s *Store) TrustedKeyList(ctx context.Context) ([]TrustedKey, error) {
	return s.trustedKeys(ctx, `SELECT key_id, public_key, event_id, note, signs_bundles, added_at
		FROM trusted_keys ORDER BY added_at, key_id`)
}

// BundleKeys are the keys that may sign a bundle of event: the event's
// own keys that have not handed it over.
func (s *Store) BundleKeys(ctx context.Context, event string) ([]ed25519.PublicKey, error) {
	return s.publicKeys(ctx, `SELECT key_id, public_key, event_id, note, signs_bundles, added_at
		FROM trusted_keys WHERE event_id = ? AND signs_bundles = 1 ORDER BY added_at, key_id`, event)
}

// BadgeKeys are the keys that may sign a badge of event: all of the
// event's keys, those handed over included.
func (s *Store) BadgeKeys(ctx context.Context, event string) ([]ed25519.PublicKey, error) {
	return s.publicKeys(ctx, `SELECT key_id, public_key, event_id, note, signs_bundles, added_at
		FROM trusted_keys WHERE event_id = ? ORDER BY added_at, key_id`, event)
}

// TrustedKeys lists the public keys of every trusted event key, oldest
// first.
func (s *Store) TrustedKeys(ctx context.Context) ([]ed25519.PublicKey, error) {
	list, err := s.TrustedKeyList(ctx)
	return publicOf(list), err
}

// TrustedKeyNotes gives the note of each trusted event key, by key id.
func (s *Store) TrustedKeyNotes(ctx context.Context) (map[string]string, error) {
	list, err := s.TrustedKeyList(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(list))
	for _, k := range list {
		out[k.ID] = k.Note
	}
	return out, nil
}

func (s *Store) publicKeys(ctx context.Context, query string, args ...any) ([]ed25519.PublicKey, error) {
	list, err := s.trustedKeys(ctx, query, args...)
	return publicOf(list), err
}

func publicOf(list []TrustedKey) []ed25519.PublicKey {
	out := make([]ed25519.PublicKey, 0, len(list))
	for _, k := range list {
		out = append(out, k.Key)
	}
	return out
}

func (s *Store) trustedKeys(ctx context.Context, query string, args ...any) ([]TrustedKey, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []TrustedKey
	for rows.Next() {
		var k TrustedKey
		var b []byte
		var added int64
		if err := rows.Scan(&k.ID, &b, &k.EventID, &k.Note, &k.SignsBundles, &added); err != nil {
			return nil, classify(s.path, err)
		}
		if len(b) != ed25519.PublicKeySize {
			continue
		}
		k.Key, k.Added = b, time.Unix(added, 0).UTC()
		out = append(out, k)
	}
	return out, classify(s.path, rows.Err())
}

// applyTrust brings the trusted keys in line with an install of event:
// the keys of any other event go (a replaced event's keys sign nothing
// for the next), then the request's removals, additions and handovers.
func applyTrust(ctx context.Context, tx *sql.Tx, event string, req InstallRequest, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM trusted_keys WHERE event_id != ?`, event); err != nil {
		return err
	}
	for _, note := range req.Untrust {
		if _, err := tx.ExecContext(ctx, `DELETE FROM trusted_keys WHERE note = ?`, note); err != nil {
			return err
		}
	}
	for _, t := range req.Trust {
		if err := upsertKey(ctx, tx, event, t, now); err != nil {
			return err
		}
	}
	for _, id := range req.Retire {
		if _, err := tx.ExecContext(ctx, `UPDATE trusted_keys SET signs_bundles = 0 WHERE key_id = ?`, id); err != nil {
			return err
		}
	}
	return nil
}

func upsertKey(ctx context.Context, tx *sql.Tx, event string, t TrustChange, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO trusted_keys (key_id, public_key, added_at, note, event_id, signs_bundles)
		VALUES (?,?,?,?,?,?)
		ON CONFLICT (key_id) DO UPDATE SET note = excluded.note, event_id = excluded.event_id,
			signs_bundles = excluded.signs_bundles`,
		keys.ID(t.Key), []byte(t.Key), now.Unix(), t.Note, event, !t.BadgesOnly)
	return err
}

// countInstall moves the install counter on, in the transaction that
// changed what is installed or trusted.
func countInstall(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE installs SET count = count + 1 WHERE id = 1`)
	return err
}

// InstallCount changes whenever a bundle is installed or a key trusted,
// by this process or any other: caches of installed data (the check-in
// desk's badge verifier, the directory index) compare it to know when to
// reload. It is one read of one row by its key.
func (s *Store) InstallCount(ctx context.Context) (int64, error) {
	st, err := s.prepared(ctx, `SELECT count FROM installs WHERE id = 1`)
	if err != nil {
		return 0, classify(s.path, err)
	}
	var n int64
	if err := st.QueryRowContext(ctx).Scan(&n); err != nil {
		return 0, classify(s.path, err)
	}
	return n, nil
}
