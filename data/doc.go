// Package data holds the kiosk's domain types and the rules that apply to
// them. It knows nothing of widgets, SQL or files: the store, the bundle
// format and the UI are adapters around it.
package data
