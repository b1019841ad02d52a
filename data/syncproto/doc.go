// Package syncproto is the wire protocol between kiosks and the hub: the
// request and answer bodies, the request signature every kiosk request
// carries, and the limits both sides agree on. It holds no storage and no
// server, so the kiosk's sync client and the hub share one definition.
// The protocol is described in docs/sync-protocol.md.
package syncproto
