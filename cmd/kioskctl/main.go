// Command kioskctl is the staff tool: demo data, keys, bundles, badges and
// check-in exports.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"kiosk/data/termsafe"
)

// command is one subcommand of kioskctl.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// errUsage marks a mistake in the command line; usage has been printed.
var errUsage = errors.New("usage")

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		return 0
	}
	name := args[0]
	rest := args[1:]
	// Two-word commands such as "bundle build".
	if len(rest) > 0 {
		if _, ok := commands[name+" "+rest[0]]; ok {
			name, rest = name+" "+rest[0], rest[1:]
		}
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "kioskctl: unknown command %q\n\n", strings.Join(args[:1], " "))
		usage(stderr)
		return 2
	}
	err := c.run(rest, stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	// Errors quote what files hold (names, ids, manifest fields).
	fmt.Fprintf(stderr, "kioskctl %s: %s\n", name, termsafe.Text(err.Error()))
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: kioskctl COMMAND [flags]\n\nThe staff tool of the conference kiosk.\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-18s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"kioskctl COMMAND --help\" for a command's flags.")
}

// flags makes a flag set for a command that prints its usage on -h and on
// mistakes, to the command's stderr.
func flags(name, args, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: kioskctl %s %s\n\n%s\n\nFlags:\n", name, args, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning a mistake into errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// parseMixed parses flags that may come before, between or after the
// other arguments ("bundle verify FILE --pub KEY" as well as
// "bundle verify --pub KEY FILE"), and returns the other arguments.
func parseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		args = fs.Args()
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// required reports the first empty required flag as a usage mistake.
func required(fs *flag.FlagSet, names ...string) error {
	for _, n := range names {
		if fs.Lookup(n).Value.String() == "" {
			fmt.Fprintf(fs.Output(), "kioskctl %s: --%s is required\n\n", fs.Name(), n)
			fs.Usage()
			return errUsage
		}
	}
	return nil
}
