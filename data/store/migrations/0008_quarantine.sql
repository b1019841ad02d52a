-- Check-ins set aside: records a kiosk took in before every relayed record
-- was checked (one claiming this kiosk's own id, one that breaks the rules
-- of a record). They are kept here, never deleted, with the reason, so
-- that they neither break the kiosk's numbering nor its exports.

CREATE TABLE checkins_quarantine (
    id            TEXT NOT NULL,
    event_id      TEXT NOT NULL,
    kiosk_id      TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    delegate_id   TEXT NOT NULL,
    badge_serial  INTEGER NOT NULL,
    purpose       TEXT NOT NULL,
    session_id    TEXT NOT NULL,
    room_id       TEXT NOT NULL,
    scanned_at    INTEGER NOT NULL,
    hlc           INTEGER NOT NULL,
    method        TEXT NOT NULL,
    clock_suspect INTEGER NOT NULL,
    signature     BLOB NOT NULL,
    purpose_key   TEXT NOT NULL,
    origin        TEXT NOT NULL,
    received_at   INTEGER NOT NULL,
    reason        TEXT NOT NULL,
    moved_at      INTEGER NOT NULL
) STRICT;
