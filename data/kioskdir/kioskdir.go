// Package kioskdir manages a kiosk's data folder: it creates it, makes sure
// it can be written, opens the database in it, moves a damaged database
// aside (never deleting it: it may hold check-ins someone can recover),
// restores the last installed bundle kept beside it (importer.Restore) and
// seeds an empty one.
package kioskdir

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"kiosk/data"
	"kiosk/data/importer"
	"kiosk/data/store"
)

// DBName is the database file's name inside the data folder.
const DBName = "kiosk.db"

// AppFolder is the data folder's name under the user's config folder.
const AppFolder = "assembly-kiosk"

// DefaultDir is the data folder used when none is given.
func DefaultDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no data folder given and no user config folder: %w", err)
	}
	return filepath.Join(base, AppFolder), nil
}

// Seeder installs an event into a store that has none.
type Seeder func(ctx context.Context, s *store.Store) error

// Opened is a ready data folder.
type Opened struct {
	Store *store.Store
	Dir   string
	// Recovered is where a damaged database was moved, "" if none was.
	Recovered string
	// Restored is the kept bundle put back into the fresh database after
	// a damaged one was moved aside; nil when none was.
	Restored *importer.Restored
	// Emptied is true when the folder had kept a bundle but its database
	// held no event: the kept bundle was restored (Restored) or not
	// (NotRestored, and set aside as SetAside).
	Emptied bool
	// SetAside is where a kept bundle that could not be restored went.
	SetAside string
	// NotRestored says why no kept bundle was put back after a damage.
	NotRestored error
	// Seeded is true when the store was empty and seed filled it.
	Seeded bool
	// Now installed, for the notice: nil when nothing is.
	Installed *data.BundleInfo
	// InstalledDemo is true when what is installed is the demo, whose key
	// and staff PIN are published.
	InstalledDemo bool
}

// Notice is what staff should be told about the opening, "" if nothing:
// after a damaged database, exactly what happened and what is installed
// now.
func (o *Opened) Notice() string {
	if o.Emptied {
		return o.emptyNotice()
	}
	if o.Recovered == "" {
		return ""
	}
	moved := fmt.Sprintf("The kiosk's database was damaged and was moved aside to %s. ", o.Recovered)
	keep := fmt.Sprintf(" Check-ins recorded before the damage are only in %s: staff, keep that file.", o.Recovered)
	if o.Restored != nil {
		return moved + fmt.Sprintf("The kiosk restored its last installed bundle, event %s version %d, "+
			"from %s, with the event keys trusted with it.", o.Restored.EventID, o.Restored.Version, o.Restored.Path) + keep
	}
	why := "no installed bundle was kept in the data folder"
	if o.NotRestored != nil && !errors.Is(o.NotRestored, importer.ErrNothingKept) {
		why = "the kept bundle could not be restored (" + o.NotRestored.Error() + ")"
	}
	switch {
	case o.Installed != nil && o.InstalledDemo:
		return moved + fmt.Sprintf("As %s, the kiosk started with the built-in demo event %s version %d, "+
			"whose key and staff PIN are published: install the event's bundle again.",
			why, o.Installed.EventID, o.Installed.Version) + keep
	case o.Installed != nil:
		return moved + fmt.Sprintf("As %s, the kiosk started with its built-in event %s version %d: "+
			"install the event's bundle again.", why, o.Installed.EventID, o.Installed.Version) + keep
	}
	return moved + fmt.Sprintf("As %s, nothing is installed: install the event's bundle again.", why) + keep
}

// emptyNotice says what happened when the database of a folder that had
// kept a bundle held no event (missing, emptied, replaced by an empty file).
func (o *Opened) emptyNotice() string {
	gone := fmt.Sprintf("The kiosk's database %s held no event (it was missing or empty). ", filepath.Join(o.Dir, DBName))
	lost := " Check-ins recorded before are not in it: if the old file was moved elsewhere, staff, keep it."
	if o.Restored != nil {
		return gone + fmt.Sprintf("The kiosk restored its last installed bundle, event %s version %d, from %s, "+
			"with the event keys trusted with it.", o.Restored.EventID, o.Restored.Version, o.Restored.Path) + lost
	}
	what := "nothing is installed"
	if o.Installed != nil {
		what = fmt.Sprintf("it started with the built-in event %s version %d", o.Installed.EventID, o.Installed.Version)
	}
	return gone + fmt.Sprintf("The kept bundle could not be restored (%v) and was set aside as %s, so %s: "+
		"install the event's bundle again.", o.NotRestored, o.SetAside, what) + lost
}

// Open prepares dir and opens its store. seed may be nil.
func Open(ctx context.Context, dir string, seed Seeder, opts ...store.Option) (*Opened, error) {
	if err := Prepare(dir); err != nil {
		return nil, err
	}
	o := &Opened{Dir: dir}
	path := filepath.Join(dir, DBName)
	s, err := store.Open(ctx, path, opts...)
	switch {
	case errors.Is(err, store.ErrCorrupt):
		o.Recovered, err = moveAside(path, time.Now())
		if err != nil {
			return nil, fmt.Errorf("the database %s is damaged and could not be moved aside: %w", path, err)
		}
		s, err = store.Open(ctx, path, opts...)
		if err == nil {
			o.restore(ctx, s)
		}
	case err == nil:
		err = o.restoreIfEmpty(ctx, s)
	}
	if err != nil {
		return nil, err
	}
	o.Store = s
	if err := o.seedIfEmpty(ctx, seed); err != nil {
		s.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return o, nil
}

// restoreIfEmpty restores the kept bundle into a database that holds no
// event: a folder that kept a bundle had one, so its database went
// missing or was emptied. Nothing kept is a first start, which the seed
// serves.
func (o *Opened) restoreIfEmpty(ctx context.Context, s *store.Store) error {
	_, err := s.Bundle(ctx)
	if !errors.Is(err, store.ErrNoEvent) {
		if err != nil {
			s.Close()
		}
		return err
	}
	o.restore(ctx, s)
	if errors.Is(o.NotRestored, importer.ErrNothingKept) {
		o.NotRestored = nil
		return nil
	}
	o.Emptied = true
	return nil
}

// restore puts the kept bundle back into s. A kept bundle that cannot be
// restored is set aside first, so that seeding the demo (which keeps its
// own bundle) never writes over it: staff may still want it.
func (o *Opened) restore(ctx context.Context, s *store.Store) {
	o.Restored, o.NotRestored = importer.Restore(ctx, s, o.Dir)
	if o.NotRestored == nil || errors.Is(o.NotRestored, importer.ErrNothingKept) {
		return
	}
	stamp := time.Now().UTC().Format("20060102T150405Z")
	for _, name := range []string{importer.KeptBundleName, importer.KeptKeysName} {
		p := filepath.Join(o.Dir, name)
		if _, err := os.Lstat(p); err == nil && os.Rename(p, p+".not-restored-"+stamp) == nil && name == importer.KeptBundleName {
			o.SetAside = p + ".not-restored-" + stamp
		}
	}
}

// seedIfEmpty fills an empty store with seed, and notes what is installed.
func (o *Opened) seedIfEmpty(ctx context.Context, seed Seeder) error {
	_, err := o.Store.Bundle(ctx)
	if errors.Is(err, store.ErrNoEvent) && seed != nil {
		if err := seed(ctx, o.Store); err != nil {
			return fmt.Errorf("seeding: %w", err)
		}
		o.Seeded = true
	} else if err != nil && !errors.Is(err, store.ErrNoEvent) {
		return err
	}
	info, err := o.Store.Bundle(ctx)
	if errors.Is(err, store.ErrNoEvent) {
		return nil
	}
	if err != nil {
		return err
	}
	o.Installed = &info
	o.InstalledDemo, err = o.Store.Replaceable(ctx)
	return err
}

// Prepare creates dir if needed and proves it can be written, so that an
// unwritable folder is reported plainly at start and not as a failed
// check-in later.
func Prepare(dir string) error {
	if dir == "" {
		return errors.New("no data folder given")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the data folder %s: %w", dir, err)
	}
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("cannot use the data folder %s: %w", dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("the data folder %s is not a folder", dir)
	}
	if err := restrict(dir); err != nil {
		return err
	}
	removePartials(dir)
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return fmt.Errorf("the data folder %s cannot be written: %w", dir, err)
	}
	name := f.Name()
	f.Close()
	if err := os.Remove(name); err != nil {
		return fmt.Errorf("the data folder %s: cannot remove a test file: %w", dir, err)
	}
	return nil
}

// removePartials deletes what a kept-bundle write cut short (the process
// killed between creating its temporary file and renaming it) left
// behind: a bundle-sized file each time, otherwise never cleaned.
func removePartials(dir string) {
	for _, name := range []string{importer.KeptBundleName, importer.KeptKeysName} {
		paths, _ := filepath.Glob(filepath.Join(dir, "."+name+".partial-*"))
		for _, p := range paths {
			os.Remove(p)
		}
	}
}

// restrict takes group and other permissions off the data folder and off
// the database files in it (the live one, its WAL files, damaged copies):
// they hold the kiosk's private key. Only the kiosk's own files are
// touched, in case the folder given is shared with other things.
func restrict(dir string) error {
	paths, err := filepath.Glob(filepath.Join(dir, DBName+"*"))
	if err != nil {
		return err
	}
	for _, p := range append([]string{dir}, paths...) {
		st, err := os.Lstat(p)
		if err != nil || st.Mode()&os.ModeSymlink != 0 || st.Mode().Perm()&0o077 == 0 {
			continue
		}
		if err := os.Chmod(p, st.Mode().Perm()&^0o077); err != nil {
			return fmt.Errorf("cannot make %s private to the kiosk: %w", p, err)
		}
	}
	return nil
}

// moveAside renames a damaged database and its WAL files out of the way.
func moveAside(path string, now time.Time) (string, error) {
	dest := fmt.Sprintf("%s.damaged-%s", path, now.UTC().Format("20060102T150405Z"))
	if err := os.Rename(path, dest); err != nil {
		return "", err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			if err := os.Rename(path+suffix, dest+suffix); err != nil {
				return dest, err
			}
		}
	}
	return dest, nil
}
