-- sync_done held a row for every check-in the hub answered for, the
-- kiosk's own included, for good. The acknowledged mark covers own ones
-- at or below it, and RecordPush now keeps rows only for own ones above
-- the mark and relayed ones; a row of a check-in no longer in checkins
-- (set aside) means nothing. Both kinds go, once.
DELETE FROM sync_done WHERE id IN (SELECT c.id FROM checkins c WHERE c.origin = 'here'
    AND c.seq <= coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'hub_acked_seq'), 0));
DELETE FROM sync_done WHERE id NOT IN (SELECT id FROM checkins);
