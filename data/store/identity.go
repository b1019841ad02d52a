package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"kiosk/data"
	"kiosk/data/keys"
)

// Identity is who this kiosk is: an id and the Ed25519 key it signs its
// check-ins with. It lives in the database, so a kiosk whose database had
// to be replaced gets a new identity and can never reuse a sequence number
// under its old one.
type Identity struct {
	KioskID string
	Key     ed25519.PrivateKey
}

// Public is the kiosk's public key.
func (id Identity) Public() ed25519.PublicKey { return id.Key.Public().(ed25519.PublicKey) }

// Identity returns the kiosk's identity, creating it on first use.
func (s *Store) Identity(ctx context.Context) (Identity, error) {
	s.idMu.Lock()
	defer s.idMu.Unlock()
	if s.id.Key != nil {
		return s.id, nil
	}
	var id Identity
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var pemText string
		err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, metaKioskKey).Scan(&pemText)
		if err == nil {
			k, err := keys.ParsePrivate([]byte(pemText))
			if err != nil {
				return fmt.Errorf("the kiosk's own key: %w", err)
			}
			id = Identity{KioskID: keys.KioskID(k.Public().(ed25519.PublicKey)), Key: k}
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		pub, priv, err := keys.Generate()
		if err != nil {
			return err
		}
		b, err := keys.EncodePrivate(priv)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)`, metaKioskKey, string(b)); err != nil {
			return err
		}
		id = Identity{KioskID: keys.KioskID(pub), Key: priv}
		return nil
	})
	if err != nil {
		return Identity{}, err
	}
	s.id = id
	return id, nil
}

// Revoked lists the serials of withdrawn badges.
func (s *Store) Revoked(ctx context.Context) (map[uint32]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT serial FROM revoked_badges`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	out := map[uint32]bool{}
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			return nil, classify(s.path, err)
		}
		out[uint32(n)] = true
	}
	return out, classify(s.path, rows.Err())
}

// KioskKeys lists the enrolled kiosks' public keys, with this kiosk's own.
func (s *Store) KioskKeys(ctx context.Context) ([]data.KioskKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kiosk_id, public_key FROM kiosk_keys ORDER BY kiosk_id`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []data.KioskKey
	for rows.Next() {
		var k data.KioskKey
		var b []byte
		if err := rows.Scan(&k.KioskID, &b); err != nil {
			return nil, classify(s.path, err)
		}
		if len(b) == ed25519.PublicKeySize {
			k.PublicKey = b
			out = append(out, k)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	id, err := s.Identity(ctx)
	if err != nil {
		return nil, err
	}
	return append(out, data.KioskKey{KioskID: id.KioskID, PublicKey: id.Public()}), nil
}

func unixMilli(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
