-- Check-ins the hub sent that this kiosk refused: a forged or changed
-- signature of an enrolled kiosk, a broken record, another check-in here
-- under its id or its kiosk's number. They are not in checkins; this is
-- what the hub said of each, for staff mode. The pull cursor moves past
-- them, so they are not asked for again. Only the newest are kept (see
-- RefuseFromHub); meta sync_pull_refused_total counts them all.
CREATE TABLE sync_pull_refused (
    id          TEXT PRIMARY KEY, -- as the hub sent it, cut to a bounded length
    kiosk_id    TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    delegate_id TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    scanned_at  INTEGER NOT NULL, -- unix milliseconds, 0 if unreadable
    reason      TEXT NOT NULL,
    refused_at  INTEGER NOT NULL  -- unix milliseconds, kiosk clock
) STRICT, WITHOUT ROWID;
