package usb

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"
)

func write(t *testing.T, path string, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeWhole writes a file under a hidden name and renames it, so that a
// scan never sees it half written (which it would rightly report).
func writeWhole(t *testing.T, path string, body string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	write(t, tmp, body)
	must(t, os.Rename(tmp, path))
}

func names(fs []File) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

func paths(ss []Stick) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Path)
	}
	return out
}

func TestScanFindsSticksAndTheirFiles(t *testing.T) {
	media := t.TempDir()
	a := filepath.Join(media, "KIOSK")
	write(t, filepath.Join(a, "event.kbundle"), "bundle")
	write(t, filepath.Join(a, "OLD.KBUNDLE"), "capitals, as FAT shows them")
	write(t, filepath.Join(a, "checkins-kiosk-1a2b3c4d-20161108T101500Z.kcheckins"), "export")
	write(t, filepath.Join(a, ".event.kbundle.partial-123"), "a write in progress")
	write(t, filepath.Join(a, "._event.kbundle"), "macOS companion file")
	write(t, filepath.Join(a, "notes.txt"), "ignored")
	write(t, filepath.Join(a, "sub", "deep.kbundle"), "not at the top level")
	if err := os.Mkdir(filepath.Join(a, "folder.kbundle"), 0o755); err != nil {
		t.Fatal(err)
	}
	b := filepath.Join(media, "STAFF")
	write(t, filepath.Join(b, "readme.txt"), "a stick with no bundle")
	// An empty folder is an unused mount point, not a stick.
	if err := os.Mkdir(filepath.Join(media, "usb0"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Hidden folders are not sticks.
	write(t, filepath.Join(media, ".Trash", "x.kbundle"), "x")

	got := Scan([]string{media, filepath.Join(media, "does-not-exist"), ""})
	if want := []string{a, b}; !reflect.DeepEqual(paths(got), want) {
		t.Fatalf("sticks %v, want %v", paths(got), want)
	}
	s := got[0]
	if want := []string{"OLD.KBUNDLE", "event.kbundle"}; !reflect.DeepEqual(names(s.Bundles), want) {
		t.Errorf("bundles %v, want %v", names(s.Bundles), want)
	}
	if len(s.Exports) != 1 || s.Exports[0].Name != "checkins-kiosk-1a2b3c4d-20161108T101500Z.kcheckins" {
		t.Errorf("exports %+v", s.Exports)
	}
	if f := s.Bundles[1]; f.Size != 6 || f.Path != filepath.Join(a, "event.kbundle") || f.ModTime.IsZero() {
		t.Errorf("file %+v", f)
	}
	if !s.Writable || !got[1].Writable {
		t.Errorf("temporary folders are writable: %+v", got)
	}
	if s.Name() != "KIOSK" {
		t.Errorf("name %q", s.Name())
	}
	// The write probe leaves nothing behind.
	entries, _ := os.ReadDir(a)
	for _, e := range entries {
		if len(e.Name()) > 18 && e.Name()[:18] == ".kiosk-write-test-" {
			t.Errorf("probe file left: %s", e.Name())
		}
	}
}

func TestScanRootThatIsAStick(t *testing.T) {
	mnt := t.TempDir()
	write(t, filepath.Join(mnt, "event.kbundle"), "bundle")
	write(t, filepath.Join(mnt, "photos", "a.jpg"), "a folder on the stick, not a stick")
	got := Scan([]string{mnt})
	if len(got) != 1 || got[0].Path != mnt || len(got[0].Bundles) != 1 {
		t.Fatalf("got %+v", got)
	}
}

func TestScanSkipsRootsBelowRoots(t *testing.T) {
	// /media and /media/$USER are both roots: the user's folder is where
	// sticks are, not a stick.
	media := t.TempDir()
	userDir := filepath.Join(media, "staff")
	write(t, filepath.Join(userDir, "KIOSK", "event.kbundle"), "b")
	got := Scan([]string{media, userDir})
	if want := []string{filepath.Join(userDir, "KIOSK")}; !reflect.DeepEqual(paths(got), want) {
		t.Fatalf("sticks %v, want %v", paths(got), want)
	}
	// The same root twice is looked at once.
	if got := Scan([]string{userDir, userDir + string(filepath.Separator)}); len(got) != 1 {
		t.Fatalf("duplicate roots: %v", paths(got))
	}
}

func TestScanIgnoresSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	elsewhere := t.TempDir()
	write(t, filepath.Join(elsewhere, "secret.kbundle"), "not on the stick")
	media := t.TempDir()
	stick := filepath.Join(media, "KIOSK")
	write(t, filepath.Join(stick, "real.kbundle"), "b")
	must(t, os.Symlink(filepath.Join(elsewhere, "secret.kbundle"), filepath.Join(stick, "link.kbundle")))
	must(t, os.Symlink(filepath.Join(stick, "missing"), filepath.Join(stick, "dangling.kbundle")))
	// A link to a folder below a root is not a stick (macOS keeps a link
	// to the boot disk in /Volumes).
	must(t, os.Symlink(elsewhere, filepath.Join(media, "Macintosh HD")))
	got := Scan([]string{media})
	if len(got) != 1 || got[0].Path != stick {
		t.Fatalf("sticks %v", paths(got))
	}
	if want := []string{"real.kbundle"}; !reflect.DeepEqual(names(got[0].Bundles), want) {
		t.Fatalf("bundles %v, want %v", names(got[0].Bundles), want)
	}
	// A root given as a link is followed: it is the staff's choice.
	link := filepath.Join(t.TempDir(), "media")
	must(t, os.Symlink(media, link))
	if got := Scan([]string{link}); len(got) != 1 || got[0].Path != filepath.Join(link, "KIOSK") {
		t.Fatalf("root through a link: %v", paths(got))
	}
}

func TestScanSkipsUnreadable(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("permissions do not stop root (or Windows' ACLs differ)")
	}
	media := t.TempDir()
	locked := filepath.Join(media, "LOCKED")
	write(t, filepath.Join(locked, "event.kbundle"), "b")
	write(t, filepath.Join(media, "OPEN", "event.kbundle"), "b")
	readonly := filepath.Join(media, "READONLY")
	write(t, filepath.Join(readonly, "event.kbundle"), "b")
	must(t, os.Chmod(locked, 0))
	must(t, os.Chmod(readonly, 0o555))
	t.Cleanup(func() { os.Chmod(locked, 0o755); os.Chmod(readonly, 0o755) })
	got := Scan([]string{media})
	if want := []string{filepath.Join(media, "OPEN"), readonly}; !reflect.DeepEqual(paths(got), want) {
		t.Fatalf("sticks %v, want %v", paths(got), want)
	}
	if !got[0].Writable || got[1].Writable {
		t.Fatalf("writable: %+v", got)
	}
	// An unreadable root is skipped too.
	lockedRoot := t.TempDir()
	write(t, filepath.Join(lockedRoot, "S", "event.kbundle"), "b")
	must(t, os.Chmod(lockedRoot, 0))
	t.Cleanup(func() { os.Chmod(lockedRoot, 0o755) })
	if got := Scan([]string{lockedRoot, media}); len(got) != 2 {
		t.Fatalf("with an unreadable root: %v", paths(got))
	}
}

func TestScanOddRoots(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	write(t, file, "not a folder")
	if got := Scan([]string{file, "", "relative/does/not/exist", string([]byte{0})}); len(got) != 0 {
		t.Fatalf("got %v", paths(got))
	}
	if got := Scan(nil); len(got) != 0 {
		t.Fatalf("no roots: %v", got)
	}
}

func TestDefaultRoots(t *testing.T) {
	all := func(string) bool { return true }
	if got, want := defaultRoots("linux", "staff", all), []string{"/media", "/media/staff", "/run/media/staff", "/mnt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("linux: %v", got)
	}
	if got, want := defaultRoots("linux", "", all), []string{"/media", "/mnt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("linux without a user: %v", got)
	}
	if got, want := defaultRoots("linux", "../etc", all), []string{"/media", "/mnt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("odd user name: %v", got)
	}
	if got := defaultRoots("darwin", "staff", all); !reflect.DeepEqual(got, []string{"/Volumes"}) {
		t.Errorf("macOS: %v", got)
	}
	some := func(p string) bool { return p == `E:\` || p == `Z:\` || p == `C:\` }
	if got := defaultRoots("windows", "staff", some); !reflect.DeepEqual(got, []string{`E:\`, `Z:\`}) {
		t.Errorf("windows: %v", got)
	}
	_ = DefaultRoots() // runs on this system without failing
}

// watch runs Watch in the background and hands each report to a channel.
func watch(t *testing.T, roots []string) (<-chan []Stick, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan []Stick, 100)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		Watch(ctx, roots, 5*time.Millisecond, func(s []Stick) { ch <- s })
	}()
	return ch, func() { cancel(); wg.Wait() }
}

func next(t *testing.T, ch <-chan []Stick) []Stick {
	t.Helper()
	select {
	case s := <-ch:
		return s
	case <-time.After(5 * time.Second):
		t.Fatal("no report")
		return nil
	}
}

func quiet(t *testing.T, ch <-chan []Stick) {
	t.Helper()
	select {
	case s := <-ch:
		t.Fatalf("report with nothing changed: %+v", s)
	case <-time.After(100 * time.Millisecond): // twenty scans
	}
}

func TestWatchReportsChangesOnly(t *testing.T) {
	media := t.TempDir()
	ch, stop := watch(t, []string{media})
	defer stop()

	if s := next(t, ch); len(s) != 0 {
		t.Fatalf("first report %v", paths(s))
	}
	quiet(t, ch)

	stick := filepath.Join(media, "KIOSK")
	write(t, filepath.Join(stick, "readme.txt"), "x")
	if s := next(t, ch); len(s) != 1 || s[0].Path != stick || len(s[0].Bundles) != 0 {
		t.Fatalf("stick in: %+v", s)
	}
	quiet(t, ch)

	writeWhole(t, filepath.Join(stick, "event.kbundle"), "bundle")
	if s := next(t, ch); len(s) != 1 || len(s[0].Bundles) != 1 {
		t.Fatalf("bundle copied: %+v", s)
	}
	quiet(t, ch)

	// A file that grows is reported again.
	writeWhole(t, filepath.Join(stick, "event.kbundle"), "bundle, longer")
	if s := next(t, ch); len(s) != 1 || s[0].Bundles[0].Size != 14 {
		t.Fatalf("bundle grown: %+v", s)
	}
	quiet(t, ch)

	// Files the kiosk does not care about change nothing.
	write(t, filepath.Join(stick, "notes.txt"), "x")
	quiet(t, ch)

	must(t, os.RemoveAll(stick))
	if s := next(t, ch); len(s) != 0 {
		t.Fatalf("stick out: %+v", s)
	}
	quiet(t, ch)
}

func TestWatchStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		Watch(ctx, []string{t.TempDir()}, time.Hour, func([]Stick) {})
		close(done)
	}()
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Watch did not stop")
	}
}

func TestScannerProbesOncePerStick(t *testing.T) {
	media := t.TempDir()
	stick := filepath.Join(media, "KIOSK")
	write(t, filepath.Join(stick, "event.kbundle"), "b")
	sc := newScanner()
	if got := sc.scan([]string{media}); len(got) != 1 || !got[0].Writable {
		t.Fatalf("got %+v", got)
	}
	// A cached answer stands while the stick stays.
	sc.writable[stick] = false
	if got := sc.scan([]string{media}); got[0].Writable {
		t.Fatal("probed again")
	}
	// Gone and back: probed afresh.
	must(t, os.Rename(stick, stick+"-away"))
	sc.scan([]string{media})
	must(t, os.Rename(stick+"-away", stick))
	if got := sc.scan([]string{media}); !got[0].Writable {
		t.Fatal("not probed after coming back")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
