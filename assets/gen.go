package assets

// The demo event's sources and bundle are generated, never edited by hand.
//go:generate go run ../cmd/kioskctl demo --out demo/sources --bundle demo/demo.kbundle
