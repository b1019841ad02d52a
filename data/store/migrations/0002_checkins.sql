-- Check-ins: append-only events, kept across every bundle import.

CREATE TABLE checkins (
    id            TEXT PRIMARY KEY,
    kiosk_id      TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    -- No foreign key to delegates: a check-in outlives the bundle that
    -- listed its delegate.
    delegate_id   TEXT NOT NULL,
    badge_serial  INTEGER NOT NULL,
    purpose       TEXT NOT NULL,
    session_id    TEXT NOT NULL,
    room_id       TEXT NOT NULL,
    scanned_at    INTEGER NOT NULL, -- unix milliseconds, kiosk wall clock
    hlc           INTEGER NOT NULL,
    method        TEXT NOT NULL,
    clock_suspect INTEGER NOT NULL,
    signature     BLOB NOT NULL,
    -- What "already checked in" compares: arrival:<venue date> or
    -- session:<session id>.
    purpose_key   TEXT NOT NULL,
    origin        TEXT NOT NULL,
    received_at   INTEGER NOT NULL, -- unix milliseconds
    UNIQUE (kiosk_id, seq)
) STRICT;

CREATE INDEX checkins_by_delegate ON checkins (delegate_id, purpose_key, hlc);
CREATE INDEX checkins_by_session ON checkins (session_id);

CREATE TRIGGER checkins_are_never_updated BEFORE UPDATE ON checkins
BEGIN
    SELECT RAISE(ABORT, 'check-ins are append-only');
END;

CREATE TRIGGER checkins_are_never_deleted BEFORE DELETE ON checkins
BEGIN
    SELECT RAISE(ABORT, 'check-ins are append-only');
END;

-- Check-ins taken here that the hub has not acknowledged yet.
CREATE TABLE outbox (
    checkin_id TEXT PRIMARY KEY REFERENCES checkins (id),
    queued_at  INTEGER NOT NULL
) STRICT;

-- Installed with each bundle, replaced as a whole.
CREATE TABLE revoked_badges (
    serial INTEGER PRIMARY KEY,
    reason TEXT NOT NULL
) STRICT;

CREATE TABLE kiosk_keys (
    kiosk_id   TEXT PRIMARY KEY,
    public_key BLOB NOT NULL
) STRICT;

-- Event keys this kiosk believes bundles and badges from.
CREATE TABLE trusted_keys (
    key_id     TEXT PRIMARY KEY,
    public_key BLOB NOT NULL,
    added_at   INTEGER NOT NULL,
    note       TEXT NOT NULL
) STRICT;
