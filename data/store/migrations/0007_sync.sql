-- A kiosk's sync state with its hub. Check-ins themselves stay untouched
-- (append-only); these tables only say what the hub answered about them.

-- Check-ins the hub answered "stored" or "duplicate" for, under the hub
-- identity in meta hub_push_id. The kiosk's own check-ins at or below the
-- acknowledged mark (meta hub_acked_seq) are done without a row here;
-- rows cover relayed check-ins and own ones above a mark held back by a
-- gap. A new hub identity empties this table: a replaced hub gets all
-- again.
CREATE TABLE sync_done (
    id TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

-- Check-ins the hub refused, with its reason. Kept for staff mode and
-- never sent again; the check-in itself stays in checkins.
CREATE TABLE sync_rejected (
    id          TEXT PRIMARY KEY,
    reason      TEXT NOT NULL,
    rejected_at INTEGER NOT NULL -- unix milliseconds, kiosk clock
) STRICT, WITHOUT ROWID;

-- The pull cursor: per kiosk, the highest number pulled from the hub
-- named by meta hub_pull_id.
CREATE TABLE sync_cursor (
    kiosk_id TEXT PRIMARY KEY,
    seq      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Relayed check-ins are pushed too; this partial index finds them without
-- reading the whole table, and costs nothing for the kiosk's own scans.
CREATE INDEX checkins_relayed ON checkins (kiosk_id, seq) WHERE origin IN ('code', 'export');
