-- The plenary's quorum rule travels in the bundle (event.quorum, see
-- data.ParseQuorum); the presence board reads it from here. An event
-- installed before this migration reads as the default, a simple
-- majority, until its bundle is installed again.
ALTER TABLE event ADD COLUMN quorum TEXT NOT NULL DEFAULT '';
