// Package usb notices USB sticks by itself. At a venue without a network,
// staff carry bundles to kiosks and check-in exports away from them on
// sticks; nobody should have to tell a kiosk that one was plugged in. The
// operating system (or the desktop's automounter) mounts a stick below a
// well-known folder, so the package polls those folders and reports the
// volumes it finds there with the files the kiosk cares about.
//
// Polling rather than listening to udev, FSEvents or WM_DEVICECHANGE keeps
// the package pure Go, the same on every system, and free of cgo; a scan
// lists a handful of folders and costs next to nothing every two seconds.
package usb

import (
	"context"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// The extensions of the files reported on a stick, compared without
// regard to case: sticks formatted FAT by Windows may show names in
// capitals.
const (
	BundleExt = ".kbundle"   // a signed data bundle (package bundle)
	ExportExt = ".kcheckins" // a kiosk's check-in export (package export)
)

// DefaultInterval is how often Watch looks: quick enough that a stick
// shows up while the person who plugged it in is still looking, slow
// enough to cost nothing.
const DefaultInterval = 2 * time.Second

// File is one file of interest on a stick.
type File struct {
	Name    string // base name
	Path    string // full path
	Size    int64
	ModTime time.Time
}

// Stick is one mounted volume.
type Stick struct {
	Path string // where it is mounted
	// Writable says a file could be created on it, so exports can go
	// there. A stick with its write-protect switch on, or one the system
	// mounted read-only after finding errors on it, is not.
	Writable bool
	Bundles  []File // *.kbundle at the top level, by name
	Exports  []File // *.kcheckins at the top level, by name
}

// Name is the stick's label as people see it: the name of the folder it
// is mounted on ("KIOSK" for /media/staff/KIOSK, "E:" for E:\).
func (s Stick) Name() string {
	if v := filepath.VolumeName(s.Path); v != "" && len(strings.Trim(s.Path[len(v):], `\/`)) == 0 {
		return v
	}
	return filepath.Base(s.Path)
}

// DefaultRoots lists the folders below which this system mounts removable
// volumes: on Linux /media, /media/$USER, /run/media/$USER (udisks, the
// desktops' automounter) and /mnt; on macOS /Volumes; on Windows every
// drive letter from D: to Z: that exists now (a stick gets a letter of its
// own, so Watch asks again at every scan).
func DefaultRoots() []string {
	name := ""
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	if name == "" {
		name = os.Getenv("USER")
	}
	return defaultRoots(runtime.GOOS, name, func(p string) bool {
		_, err := os.Stat(p)
		return err == nil
	})
}

func defaultRoots(goos, userName string, exists func(string) bool) []string {
	switch goos {
	case "windows":
		var out []string
		for l := 'D'; l <= 'Z'; l++ {
			if p := string(l) + `:\`; exists(p) {
				out = append(out, p)
			}
		}
		return out
	case "darwin", "ios":
		return []string{"/Volumes"}
	}
	roots := []string{"/media"}
	// A user name with a slash would point elsewhere; Windows domain
	// names ("DOMAIN\user") do not occur here.
	if userName != "" && !strings.ContainsAny(userName, `/\`) && userName != "." && userName != ".." {
		roots = append(roots, "/media/"+userName, "/run/media/"+userName)
	}
	return append(roots, "/mnt")
}

// Scan looks once below each root and returns the sticks found, by path.
// It never fails: a root that does not exist, a folder it may not read or
// a file that vanishes while it looks is left out, because a stick being
// pulled out is normal and the next scan sees the truth.
//
// A stick is a real folder (not a symbolic link, not hidden) one level
// below a root that is a mount point or has something in it; an empty
// folder that is not a mount point is a mount point with nothing mounted
// on it (usbmount's /media/usb0, say), and exporting into it would write
// onto the kiosk's own disk. A root that is itself a mount point with
// something in it, or that holds files at its top level, is a stick of
// its own (a stick mounted on /mnt), and then nothing below it is. A
// folder that is itself one of the roots (/media/$USER below /media) is
// not a stick. Each stick found is probed for writing once.
func Scan(roots []string) []Stick {
	return newScanner().scan(roots)
}

// scanner remembers which sticks it has probed for writing, so that a
// watcher creates a probe file once per stick that appears rather than
// once every two seconds on every stick.
type scanner struct {
	writable map[string]bool
}

func newScanner() *scanner { return &scanner{writable: map[string]bool{}} }

func (sc *scanner) scan(roots []string) []Stick {
	isRoot := map[string]bool{}
	var clean []string
	for _, r := range roots {
		if r == "" {
			continue
		}
		r = filepath.Clean(r)
		if !isRoot[r] {
			isRoot[r] = true
			clean = append(clean, r)
		}
	}
	found := map[string]Stick{}
	for _, root := range clean {
		fi, err := os.Stat(root) // a root may be a link (/media -> /run/media)
		if err != nil || !fi.IsDir() {
			continue
		}
		entries, err := os.ReadDir(root)
		if err != nil {
			continue
		}
		if rootIsStick(root, entries) {
			if _, ok := found[root]; !ok {
				found[root] = sc.stick(root, entries)
			}
			continue
		}
		for _, e := range entries {
			if !e.IsDir() || hidden(e.Name()) { // IsDir is false for a link to a folder
				continue
			}
			p := filepath.Join(root, e.Name())
			if isRoot[p] {
				continue
			}
			if _, ok := found[p]; ok {
				continue
			}
			sub, err := os.ReadDir(p)
			if err != nil {
				continue
			}
			if len(visible(sub)) == 0 && !isMountPoint(p) {
				continue
			}
			found[p] = sc.stick(p, sub)
		}
	}
	out := make([]Stick, 0, len(found))
	for _, s := range found {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Stick) int { return strings.Compare(a.Path, b.Path) })
	// Forget sticks that are gone, so that one plugged in again is probed
	// again: it may be another stick, or the same with its switch moved.
	for p := range sc.writable {
		if _, ok := found[p]; !ok {
			delete(sc.writable, p)
		}
	}
	return out
}

// rootIsStick reports whether a root is a volume of its own rather than a
// folder of mount points.
func rootIsStick(root string, entries []os.DirEntry) bool {
	vis := visible(entries)
	for _, e := range vis {
		if e.Type().IsRegular() {
			return true
		}
	}
	return isVolumeRoot(root) || (len(vis) > 0 && isMountPoint(root))
}

func (sc *scanner) stick(path string, entries []os.DirEntry) Stick {
	s := Stick{Path: path}
	for _, e := range entries {
		name := e.Name()
		// Only regular files: a link could lead off the stick, and a folder
		// named like a bundle is not one. Hidden names cover the ".x.partial-*"
		// files of a write in progress and macOS's "._x.kbundle" companions.
		if hidden(name) || !e.Type().IsRegular() {
			continue
		}
		var list *[]File
		switch ext := filepath.Ext(name); {
		case strings.EqualFold(ext, BundleExt):
			list = &s.Bundles
		case strings.EqualFold(ext, ExportExt):
			list = &s.Exports
		default:
			continue
		}
		fi, err := e.Info()
		if err != nil || !fi.Mode().IsRegular() {
			continue // gone since the folder was read
		}
		*list = append(*list, File{Name: name, Path: filepath.Join(path, name), Size: fi.Size(), ModTime: fi.ModTime()})
	}
	w, ok := sc.writable[path]
	if !ok {
		w = probeWritable(path)
		sc.writable[path] = w
	}
	s.Writable = w
	return s
}

// probeWritable creates and removes a file: asking for permissions would
// not tell a read-only mount or a write-protected stick apart from a
// writable one.
func probeWritable(dir string) bool {
	f, err := os.CreateTemp(dir, ".kiosk-write-test-*")
	if err != nil {
		return false
	}
	name := f.Name()
	err = f.Close()
	os.Remove(name)
	return err == nil
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") }

func visible(entries []os.DirEntry) []os.DirEntry {
	var out []os.DirEntry
	for _, e := range entries {
		if !hidden(e.Name()) {
			out = append(out, e)
		}
	}
	return out
}

// Watcher polls mount roots and reports the sticks when they change.
type Watcher struct {
	// Roots are the folders to look below; nil means DefaultRoots, asked
	// again at every scan.
	Roots []string
	// Interval is the time between scans; DefaultInterval if zero.
	Interval time.Duration
}

// Run scans until ctx is done. It calls fn with the first scan, then only
// after a scan that differs from the last one reported: a stick came or
// went, became writable or read-only, or a file on it appeared, vanished,
// or changed size or time (a file still being copied changes at each scan
// until it is complete). fn runs on Run's goroutine; a slow fn delays the
// next scan, it never overlaps it.
func (w *Watcher) Run(ctx context.Context, fn func([]Stick)) {
	interval := w.Interval
	if interval <= 0 {
		interval = DefaultInterval
	}
	sc := newScanner()
	var last []Stick
	first := true
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		roots := w.Roots
		if roots == nil {
			roots = DefaultRoots()
		}
		now := sc.scan(roots)
		if ctx.Err() != nil {
			return
		}
		if first || !Equal(now, last) {
			first, last = false, now
			fn(now)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Watch is a Watcher on roots (nil for DefaultRoots) that scans every
// interval (DefaultInterval if zero) until ctx is done; see Watcher.Run.
func Watch(ctx context.Context, roots []string, interval time.Duration, fn func([]Stick)) {
	(&Watcher{Roots: roots, Interval: interval}).Run(ctx, fn)
}

// Equal reports whether two scans found the same sticks with the same
// files.
func Equal(a, b []Stick) bool {
	return slices.EqualFunc(a, b, func(x, y Stick) bool {
		return x.Path == y.Path && x.Writable == y.Writable &&
			slices.EqualFunc(x.Bundles, y.Bundles, sameFile) && slices.EqualFunc(x.Exports, y.Exports, sameFile)
	})
}

func sameFile(a, b File) bool {
	return a.Path == b.Path && a.Name == b.Name && a.Size == b.Size && a.ModTime.Equal(b.ModTime)
}
