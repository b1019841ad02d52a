package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"kiosk/data/export"
	"kiosk/data/store"
	kiosksync "kiosk/data/sync"
	"kiosk/data/termsafe"
)

func init() {
	register(command{name: "checkins push", summary: "upload kiosks' check-in exports to the hub", run: runCheckInsPush})
}

func runCheckInsPush(args []string, stdout, stderr io.Writer) error {
	fs := flags("checkins push", "FILE... --data DIR [--hub URL --hub-fingerprint sha256:…] [--insecure-http]",
		"Uploads check-in exports that kiosks wrote onto USB sticks (*"+export.Extension+") to the hub.\n"+
			"Each file is checked first as a kiosk checks it (its kiosk's signature, the event of\n"+
			"the kiosk in --data, its enrolled kiosks); a file that fails stops the upload before\n"+
			"anything is sent. Each check-in is sent once however many files hold it, and the\n"+
			"hub stores it once however often it is sent: a second upload only finds duplicates.\n"+
			"The requests are signed with the key of the kiosk in --data, which the hub must know\n"+
			"(enrolled in the bundle or approved). Nothing in --data changes.\n"+
			"The hub and the fingerprint of its key default to those of the kiosk in --data (set\n"+
			"there, or named by its bundle); an https hub is contacted only with a fingerprint,\n"+
			"and plain http only on this machine unless --insecure-http.", stderr)
	hubURL := fs.String("hub", "", "the hub's URL, e.g. https://10.0.0.2:8090 (default: the kiosk's in --data)")
	pin := fs.String("hub-fingerprint", "", "the fingerprint of the hub's key, as \"hub fingerprint\" prints it (default: the kiosk's in --data)")
	insecure := fs.Bool("insecure-http", false, "allow a plain http:// hub on another machine (check-ins cross the network in clear)")
	dir := fs.String("data", "", "a kiosk data folder: its event, enrolled kiosks, key and hub")
	files, err := exportFiles(fs, args, "data")
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, err := openDataDir(ctx, *dir)
	if err != nil {
		return err
	}
	defer s.Close()
	ev, err := s.Event(ctx)
	if err != nil {
		return err
	}
	kiosks, err := s.KioskKeys(ctx)
	if err != nil {
		return err
	}
	id, err := s.Identity(ctx)
	if err != nil {
		return err
	}
	target, err := pushTarget(ctx, s, store.HubSetting{URL: *hubURL, Fingerprint: *pin})
	if err != nil {
		return err
	}
	opts := export.ReadOptions{EventID: ev.ID, Kiosks: kiosks}
	exports, refused, err := readExports(files, &opts, "nothing sent")
	if err != nil {
		return err
	}
	all, _, _ := export.Merge(exports, opts.Kiosks)
	rep, err := kiosksync.Upload(ctx, kiosksync.UploadConfig{HubURL: target.URL, HubFingerprint: target.Fingerprint,
		InsecureHTTP: *insecure, Identity: id}, ev.ID, all)
	fmt.Fprintf(stdout, "%s of event %s to %s: %d stored, %d already there, %d rejected\n",
		count(len(all), "check-in"), termsafe.String(ev.ID), termsafe.String(target.URL), rep.Stored, rep.Duplicate, len(rep.Rejected))
	for _, r := range refused {
		fmt.Fprintf(stdout, "not sent (refused in its file): %s\n", termsafe.String(r))
	}
	for _, r := range rep.Rejected {
		fmt.Fprintf(stdout, "rejected by the hub: check-in %s (%s number %d): %s\n",
			r.CheckIn.ID, termsafe.String(r.CheckIn.KioskID), r.CheckIn.Seq, termsafe.String(r.Reason))
	}
	return err
}

// pushTarget is the hub to push to: the flags' over the kiosk's (set
// there or named by its bundle), as a kiosk resolves its own.
func pushTarget(ctx context.Context, s *store.Store, flags store.HubSetting) (store.Hub, error) {
	flags, err := store.CleanHubSetting(flags)
	if err != nil {
		return store.Hub{}, fmt.Errorf("--hub: %w", err)
	}
	folder, err := s.Hub(ctx)
	if err != nil {
		return store.Hub{}, err
	}
	h := store.ResolveHub(flags, store.HubSetting{URL: folder.URL, Fingerprint: folder.Fingerprint})
	if h.URL == "" {
		return h, errors.New("no hub: give --hub URL (the kiosk in --data has none set, and its bundle names none)")
	}
	return h, nil
}
