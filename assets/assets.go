// Package assets holds what the kiosk carries inside its binary: the icon
// and the demo event, so that a kiosk runs out of the box.
package assets

import (
	"crypto/ed25519"
	_ "embed"

	"kiosk/data/keys"
)

// Icon is the app icon (512×512 PNG).
//
//go:embed icon.png
var Icon []byte

// DemoBundle is the demo event (the 85th INTERPOL General Assembly) as a
// bundle signed with the demo key. It is rebuilt by `go generate ./assets`
// and a test checks it matches what the generator makes today.
//
//go:embed demo/demo.kbundle
var DemoBundle []byte

// demoPublicKey is the demo event key. Its private half is in the
// repository for anyone to try the kiosk: it protects nothing.
//
//go:embed demo/DEMO-ONLY-event.pub
var demoPublicKey []byte

// DemoPublicKey is the public demo event key.
func DemoPublicKey() ed25519.PublicKey {
	k, err := keys.ParsePublic(demoPublicKey)
	if err != nil {
		panic("embedded demo key: " + err.Error())
	}
	return k
}
