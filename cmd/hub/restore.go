package main

import (
	"context"
	"fmt"
	"io"

	"kiosk/data/hub"
)

// A hub's backup keeps its identity (the hub id kiosks tie their pull
// cursors and acknowledged marks to). Restored as it is, it would let
// kiosks believe it holds what it received after the backup; so every
// restore ends with a new identity, and kiosks start their pull again
// and push everything the backup lacks.

func backup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, file, err := oneFile("backup", args, stderr)
	if err != nil {
		return err
	}
	if o.db != "" {
		return fmt.Errorf("a hub on PostgreSQL is backed up with PostgreSQL's own tools (pg_dump); " +
			"after restoring one, run \"hub new-identity --db URL\" before serving it")
	}
	s, err := hub.OpenSQLite(ctx, o.data)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(ctx, file); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up hub %s to %s; restore it with \"hub restore %s --data NEWDIR\"\n", s.HubID(), file, file)
	return nil
}

func restore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, file, err := oneFile("restore", args, stderr)
	if err != nil {
		return err
	}
	if o.db != "" {
		return fmt.Errorf("restore a hub on PostgreSQL with pg_restore, then run \"hub new-identity %s\"", o.storeArg())
	}
	oldID, newID, err := hub.RestoreSQLite(ctx, file, o.data)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored hub %s from %s as hub %s in %s: kiosks pull again from the start and push what the backup lacks\n",
		oldID, file, newID, o.data)
	return nil
}

func newIdentity(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := flagsOnly("new-identity", args, stderr)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, o)
	if err != nil {
		return err
	}
	defer s.Close()
	old := s.HubID()
	id, err := s.NewIdentity(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "hub %s is now hub %s: restart every hub process on it; kiosks pull again from the start\n", old, id)
	return nil
}

// flagsOnly reads the flags of a command that takes no other argument.
func flagsOnly(name string, args []string, stderr io.Writer) (options, error) {
	o, rest, err := parse(name, args, stderr, false)
	if err == nil && len(rest) > 0 {
		fmt.Fprintf(stderr, "hub %s: unknown arguments %q\n\n%s", name, rest, usageText)
		err = errUsage
	}
	return o, err
}

// oneFile reads a command's flags and its one file argument.
func oneFile(name string, args []string, stderr io.Writer) (options, string, error) {
	o, rest, err := parse(name, args, stderr, false)
	if err != nil {
		return o, "", err
	}
	if len(rest) != 1 {
		fmt.Fprintf(stderr, "hub %s: give one file, then --data DIR\n\n%s", name, usageText)
		return o, "", errUsage
	}
	return o, rest[0], nil
}
