-- The hub's PostgreSQL schema, version 1 (postgres.go brings later ones
-- up in order). The same tables as the SQLite schema: times are Unix
-- milliseconds, so that both stores read rows the same way.
CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE trusted_keys (
    key_id     text PRIMARY KEY,
    public_key bytea NOT NULL
);

-- The installed bundle: one row at most.
CREATE TABLE bundle (
    one          integer PRIMARY KEY CHECK (one = 1),
    event_id     text NOT NULL,
    version      bigint NOT NULL,
    sha256       text NOT NULL,
    signer       bytea NOT NULL,
    installed_at bigint NOT NULL,
    bytes        bytea NOT NULL
);

CREATE TABLE bundle_kiosks (
    kiosk_id   text PRIMARY KEY, -- the id the kiosk signs with (from its key)
    label      text NOT NULL,    -- the id staff wrote in the bundle
    public_key bytea NOT NULL
);

CREATE TABLE kiosks (
    kiosk_id   text PRIMARY KEY,
    public_key bytea NOT NULL,
    status     text NOT NULL CHECK (status IN ('pending', 'approved')),
    first_seen bigint NOT NULL,
    last_seen  bigint NOT NULL,
    offset_ms  bigint NOT NULL,
    flagged    boolean NOT NULL,
    -- what the kiosk last said of itself (KioskReport); reported_at 0: never
    report_bundle_version bigint NOT NULL DEFAULT 0,
    report_waiting        bigint NOT NULL DEFAULT 0,
    reported_at           bigint NOT NULL DEFAULT 0
);

CREATE TABLE nonces (
    kiosk_id text NOT NULL,
    nonce    text NOT NULL,
    until_ms bigint NOT NULL,
    PRIMARY KEY (kiosk_id, nonce)
);
CREATE INDEX nonces_until ON nonces (until_ms);

CREATE TABLE checkins (
    id            text PRIMARY KEY,
    event_id      text NOT NULL,
    kiosk_id      text NOT NULL,
    seq           bigint NOT NULL,
    delegate_id   text NOT NULL,
    badge_serial  bigint NOT NULL,
    purpose       text NOT NULL,
    session_id    text NOT NULL,
    room_id       text NOT NULL,
    scanned_at    bigint NOT NULL, -- the kiosk's clock at the scan
    hlc           bigint NOT NULL,
    method        text NOT NULL,
    clock_suspect boolean NOT NULL,
    signature     bytea NOT NULL,
    received_at   bigint NOT NULL, -- the hub's clock when it was stored
    pushed_by     text NOT NULL,   -- the kiosk whose push brought it
    UNIQUE (kiosk_id, seq)
);
CREATE INDEX checkins_event ON checkins (event_id, kiosk_id, seq);

-- Per kiosk, the highest n such that check-ins 1..n are all here.
CREATE TABLE gapless (
    kiosk_id text PRIMARY KEY,
    mark     bigint NOT NULL
);

-- Hub settings (Store.Setting): the staff password's hash, keys.
CREATE TABLE settings (
    name  text PRIMARY KEY,
    value bytea NOT NULL
);
