# The two commands of the README's quick start, and the pieces they use.
# Fyne's fyne.Do migration is on (FyneApp.toml); plain `go` needs the tag.
GO      ?= go
TAGS    := migrated_fynedo
BIN     := bin
# The venue time the demo starts at, so that it shows the event live.
DEMO_CLOCK ?= 2016-11-08 10:15
DEMO_DATA  ?= $(HOME)/.local/share/assembly-kiosk-demo
DEBS    := gcc libc6-dev libgl1-mesa-dev xorg-dev xvfb xauth x11-apps pkg-config git zbar-tools poppler-utils xdotool chromium openssl postgresql
GO_MIN  := 1.26

.PHONY: demo demo-sync test deps check-go build vet bench generate screenshot screenshots clean

## demo: install what is missing, then run the kiosk in a window on the demo event
demo: deps
	$(GO) run -tags $(TAGS) ./cmd/kiosk --windowed --data "$(DEMO_DATA)" --clock "$(DEMO_CLOCK)"

## demo-sync: a hub and two kiosks on the demo event on this machine, syncing
## check-ins over HTTPS pinned to the hub's key (scan a badge at one, then at
## the other: "already checked in")
demo-sync: deps
	$(GO) build -tags $(TAGS) -o $(BIN)/ ./cmd/...
	pin=$$($(BIN)/hub fingerprint --data "$(DEMO_DATA)-hub") || exit 1; \
	$(BIN)/hub --data "$(DEMO_DATA)-hub" & hub=$$!; trap 'kill $$hub' EXIT INT TERM; \
	$(BIN)/kiosk --windowed --data "$(DEMO_DATA)-north" --clock "$(DEMO_CLOCK)" --hub https://127.0.0.1:8090 --hub-fingerprint $$pin & \
	$(BIN)/kiosk --windowed --data "$(DEMO_DATA)-south" --clock "$(DEMO_CLOCK)" --hub https://127.0.0.1:8090 --hub-fingerprint $$pin; \
	wait

# The walks over every screen and every delegate: one goroutine tapping
# through layouts, where the race detector finds nothing and costs seven
# minutes of the suite's ten. They run in full, without it.
WALKS   := ^(TestGoldenMatrix|TestEveryRangeFitsOnOneScreen|TestFindAColleagueInThreeTouches)$$

## test: install what is missing, then run vet, gofmt and the whole suite under Xvfb
test: deps vet
	xvfb-run -a -s "-screen 0 1920x1080x24" $(GO) test -race -tags $(TAGS) -timeout 20m -skip '$(WALKS)' ./...
	xvfb-run -a -s "-screen 0 1920x1080x24" $(GO) test -tags $(TAGS) -timeout 10m -run '$(WALKS)' ./ui

## deps: install the Debian packages the build and the tests need, if missing
deps: check-go
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

check-go:
	@command -v $(GO) >/dev/null || { echo "Go $(GO_MIN) or newer is needed: https://go.dev/doc/install"; exit 1; }
	@v=$$($(GO) env GOVERSION | sed 's/^go//'); \
	if [ "$$(printf '%s\n%s\n' "$(GO_MIN)" "$$v" | sort -V | head -1)" != "$(GO_MIN)" ]; then \
		echo "Go $(GO_MIN) or newer is needed, this is $$v"; exit 1; fi

## build: build both binaries into bin/
build: deps
	$(GO) build -tags $(TAGS) -o $(BIN)/ ./cmd/...

vet:
	$(GO) vet -tags $(TAGS) ./...
	$(GO) tool staticcheck -tags $(TAGS) ./...
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

## bench: the figures the issues ask for (see the README)
bench: deps
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./data/...

## screenshot: redraw the README's pictures: the hub's dashboard in headless chromium, the presence board under Xvfb
screenshot: deps
	DASHBOARD_SCREENSHOT=$(CURDIR)/docs/dashboard.png $(GO) test -tags $(TAGS) -run TestDashboardScreenshot -count=1 ./data/hub/dashboard/
	BOARD_SCREENSHOT=$(CURDIR)/docs/board.png xvfb-run -a $(GO) test -tags $(TAGS) -run TestBoardScreenshot -count=1 ./ui/

## screenshots: redraw the README's pictures of every main screen in English and Arabic
## (docs/screens), from the real kiosk on the demo event under Xvfb
screenshots: deps
	$(GO) build -tags $(TAGS) -o $(BIN)/ ./cmd/kiosk ./cmd/kioskctl
	badge=$$($(BIN)/kioskctl token --demo --delegate D000007) || exit 1; \
	xvfb-run -a -s "-screen 0 1920x1080x24" $(BIN)/kiosk --screenshots docs/screens --screenshot-badge "$$badge" --clock "$(DEMO_CLOCK)"

## generate: rebuild the embedded demo event from the generator
generate:
	$(GO) generate ./assets

clean:
	rm -rf $(BIN)
