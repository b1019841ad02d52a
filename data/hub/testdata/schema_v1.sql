-- The hub's SQLite schema, version 1. Times are Unix milliseconds.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE trusted_keys (
    key_id     TEXT PRIMARY KEY,
    public_key BLOB NOT NULL
) STRICT;

-- The installed bundle: one row at most.
CREATE TABLE bundle (
    one          INTEGER PRIMARY KEY CHECK (one = 1),
    event_id     TEXT NOT NULL,
    version      INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    signer       BLOB NOT NULL,
    installed_at INTEGER NOT NULL,
    bytes        BLOB NOT NULL
) STRICT;

CREATE TABLE bundle_kiosks (
    kiosk_id   TEXT PRIMARY KEY, -- the id the kiosk signs with (from its key)
    label      TEXT NOT NULL,    -- the id staff wrote in the bundle
    public_key BLOB NOT NULL
) STRICT;

CREATE TABLE kiosks (
    kiosk_id   TEXT PRIMARY KEY,
    public_key BLOB NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('pending', 'approved')),
    first_seen INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    offset_ms  INTEGER NOT NULL,
    flagged    INTEGER NOT NULL
) STRICT;

CREATE TABLE nonces (
    kiosk_id TEXT NOT NULL,
    nonce    TEXT NOT NULL,
    until_ms INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, nonce)
) STRICT, WITHOUT ROWID;
CREATE INDEX nonces_until ON nonces (until_ms);

CREATE TABLE checkins (
    id            TEXT PRIMARY KEY,
    event_id      TEXT NOT NULL,
    kiosk_id      TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    delegate_id   TEXT NOT NULL,
    badge_serial  INTEGER NOT NULL,
    purpose       TEXT NOT NULL,
    session_id    TEXT NOT NULL,
    room_id       TEXT NOT NULL,
    scanned_at    INTEGER NOT NULL, -- the kiosk's clock at the scan
    hlc           INTEGER NOT NULL,
    method        TEXT NOT NULL,
    clock_suspect INTEGER NOT NULL,
    signature     BLOB NOT NULL,
    received_at   INTEGER NOT NULL, -- the hub's clock when it was stored
    pushed_by     TEXT NOT NULL,    -- the kiosk whose push brought it
    UNIQUE (kiosk_id, seq)
) STRICT;

-- Per kiosk, the highest n such that check-ins 1..n are all here.
CREATE TABLE gapless (
    kiosk_id TEXT PRIMARY KEY,
    mark     INTEGER NOT NULL
) STRICT;
