// Package demokey holds the demo event's private key, for the staff tool
// to sign demo bundles and badges. It is published on purpose and protects
// nothing; the kiosk itself never links it.
package demokey

import (
	"crypto/ed25519"
	_ "embed"

	"kiosk/data/keys"
)

//go:embed DEMO-ONLY-event.key
var privatePEM []byte

// Private is the demo event's private key.
func Private() ed25519.PrivateKey {
	k, err := keys.ParsePrivate(privatePEM)
	if err != nil {
		panic("embedded demo key: " + err.Error())
	}
	return k
}

// Public is the demo event's public key.
func Public() ed25519.PublicKey { return Private().Public().(ed25519.PublicKey) }
