-- Trusted event keys belong to an event, and a key that handed its event
-- over to a newer key signs no more bundles (its badges stay valid).
-- Keys trusted before this migration belong to the installed event: a
-- kiosk trusted no other event's keys on purpose.
ALTER TABLE trusted_keys ADD COLUMN event_id TEXT NOT NULL DEFAULT '';
ALTER TABLE trusted_keys ADD COLUMN signs_bundles INTEGER NOT NULL DEFAULT 1;
UPDATE trusted_keys SET event_id = coalesce((SELECT event_id FROM bundle WHERE id = 1), '');

-- Counts installs (and changes of trust), whoever made them: a running
-- kiosk compares it on every scan and search with the count its caches
-- were loaded at, so a bundle installed by another process (kioskctl
-- bundle import) takes effect at once. One row, read by its key.
CREATE TABLE installs (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    count INTEGER NOT NULL
) STRICT;
INSERT INTO installs (id, count) VALUES (1, 0);
