package main

import (
	"fmt"
	"io"
	"path/filepath"

	"kiosk/data/keys"
)

func init() {
	register(command{name: "keygen", summary: "make an event key pair for signing bundles and badges", run: runKeygen})
}

func runKeygen(args []string, stdout, stderr io.Writer) error {
	fs := flags("keygen", "--out DIR [--name NAME]",
		"Makes a new Ed25519 event key pair: NAME.key, the private key (readable by you\n"+
			"only), and NAME.pub, the public key that kiosks trust. An existing private key is\n"+
			"never overwritten. Keep the private key off the kiosks and back it up: badges\n"+
			"signed with a lost key must be reprinted.", stderr)
	out := fs.String("out", "", "the folder (`DIR`) to write the key pair into, created if needed")
	name := fs.String("name", "event", "base `NAME` of the two files")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(fs, "out", "name"); err != nil {
		return err
	}
	if filepath.Base(*name) != *name || *name == "." || *name == ".." {
		fmt.Fprintf(stderr, "kioskctl keygen: --name %q must be a plain file name, without a folder\n\n", *name)
		fs.Usage()
		return errUsage
	}
	pub, priv, err := keys.Generate()
	if err != nil {
		return err
	}
	privPath, pubPath, err := keys.WritePair(*out, *name, pub, priv)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "private key: %s (keep it secret)\n", privPath)
	fmt.Fprintf(stdout, "public key:  %s\n", pubPath)
	fmt.Fprintf(stdout, "key id:      %s\n", keys.ID(pub))
	fmt.Fprintf(stdout, "fingerprint: %s\n", keys.Fingerprint(pub))
	return nil
}
