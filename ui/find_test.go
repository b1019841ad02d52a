package ui

import (
	"kiosk/ui/rtl"

	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// findButton finds a button by the start of its text in a tree of
// containers: staff mode builds its stick rows as sticks come and go.
func findButton(o fyne.CanvasObject, prefix string) *widget.Button {
	switch v := o.(type) {
	case *widget.Button:
		if strings.HasPrefix(v.Text, prefix) {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if b := findButton(c, prefix); b != nil {
				return b
			}
		}
	case *container.ThemeOverride:
		return findButton(v.Content, prefix)
	}
	return nil
}

// renderText gathers the labels' text in a tree of containers.
func renderText(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widget.Label:
		return v.Text + "\n"
	case *rtl.Label:
		return v.Text + "\n"
	case *fyne.Container:
		var b strings.Builder
		for _, c := range v.Objects {
			b.WriteString(renderText(c))
		}
		return b.String()
	case *container.ThemeOverride:
		return renderText(v.Content)
	}
	return ""
}
