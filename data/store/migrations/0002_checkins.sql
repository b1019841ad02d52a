-- Check-ins: append-only events, kept across every bundle import.

CREATE TABLE checkins (
    id            TEXT PRIMARY KEY,
    event_id      TEXT NOT NULL,
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
    -- What "already checked in" compares: <event>/arrival:<venue date> or
    -- <event>/session:<session id>. The event is part of it, so that the
    -- check-ins of the demo, kept when a real event replaces it, never
    -- count as check-ins of the real one.
    purpose_key   TEXT NOT NULL,
    origin        TEXT NOT NULL,
    received_at   INTEGER NOT NULL, -- unix milliseconds
    UNIQUE (kiosk_id, seq)
) STRICT, WITHOUT ROWID;
-- WITHOUT ROWID: the id is the key, so a check-in writes one B-tree fewer;
-- every page less is less to write before the commit is durable.

-- One index serves both "already checked in?" (purpose and delegate) and
-- "which countries are present at this plenary?" (purpose alone): every
-- index is one more page to write before a check-in is durable.
CREATE INDEX checkins_by_purpose ON checkins (purpose_key, delegate_id, hlc);

CREATE TRIGGER checkins_are_never_updated BEFORE UPDATE ON checkins
BEGIN
    SELECT RAISE(ABORT, 'check-ins are append-only');
END;

CREATE TRIGGER checkins_are_never_deleted BEFORE DELETE ON checkins
BEGIN
    SELECT RAISE(ABORT, 'check-ins are append-only');
END;

-- The sync outbox needs no table: a kiosk numbers its own check-ins 1, 2,
-- 3... without gaps, so "queued for sync" is every own check-in numbered
-- above the last one the hub acknowledged (meta key hub_acked_seq).

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
