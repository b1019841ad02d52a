-- The plenary's quorum rule travels in the bundle (event.quorum, see
-- data.ParseQuorum); the presence board reads it from here. An event
-- installed before this migration reads as the default, a simple
-- majority, until its bundle is installed again.
ALTER TABLE event ADD COLUMN quorum TEXT NOT NULL DEFAULT '';

-- The presence board asks every second which sessions took plenary
-- check-ins and when the latest came (PlenaryCheckIns): a partial index
-- answers from the plenary check-ins alone, and costs nothing to any
-- other check-in.
CREATE INDEX checkins_plenary ON checkins (event_id, session_id, hlc) WHERE purpose = 'plenary';
