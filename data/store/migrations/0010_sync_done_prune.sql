-- sync_done held a row for every check-in the hub answered for, the
-- kiosk's own included, for good. The acknowledged mark covers own ones
-- at or below it, and the pull cursor of the same hub relayed ones at or
-- below it (RecordPush and SetPullCursor now keep rows only for what
-- neither covers); a row of a check-in no longer in checkins (set aside)
-- means nothing. All three kinds go, once.
DELETE FROM sync_done WHERE id IN (SELECT c.id FROM checkins c WHERE c.origin = 'here'
    AND c.seq <= coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'hub_acked_seq'), 0));
DELETE FROM sync_done WHERE id NOT IN (SELECT id FROM checkins);
-- Relayed check-ins the pull cursor of the hub pushed to covers: that hub
-- holds them (see SetPullCursor).
DELETE FROM sync_done WHERE (SELECT value FROM meta WHERE key = 'hub_pull_id') = (SELECT value FROM meta WHERE key = 'hub_push_id')
    AND id IN (SELECT c.id FROM sync_cursor s JOIN checkins c ON c.kiosk_id = s.kiosk_id AND c.seq <= s.seq
        WHERE c.origin IN ('code', 'export'));
