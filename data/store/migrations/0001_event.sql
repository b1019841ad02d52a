-- The installed event: replaced as a whole by every bundle import.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE bundle (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    event_id   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    created    INTEGER NOT NULL, -- unix seconds
    expires    INTEGER NOT NULL, -- unix seconds, 0 for never
    signer_key TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    installed  INTEGER NOT NULL  -- unix seconds
) STRICT;

CREATE TABLE event (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    short_name   TEXT NOT NULL,
    organiser    TEXT NOT NULL,
    venue        TEXT NOT NULL,
    city         TEXT NOT NULL,
    country_code TEXT NOT NULL,
    time_zone    TEXT NOT NULL,
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL,
    languages    TEXT NOT NULL -- ';'-separated
) STRICT;

CREATE TABLE countries (
    code      TEXT PRIMARY KEY,
    code2     TEXT NOT NULL,
    name      TEXT NOT NULL,
    alt_names TEXT NOT NULL, -- ';'-separated
    region    TEXT NOT NULL
) STRICT;

CREATE TABLE rooms (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    floor    TEXT NOT NULL,
    capacity INTEGER NOT NULL
) STRICT;

CREATE TABLE speakers (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL,
    country_code TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    start_at    INTEGER NOT NULL, -- unix seconds
    end_at      INTEGER NOT NULL,
    room_id     TEXT NOT NULL REFERENCES rooms (id),
    kind        TEXT NOT NULL,
    languages   TEXT NOT NULL, -- ';'-separated
    search      TEXT NOT NULL  -- folded title, speakers and room, for search
) STRICT;

CREATE INDEX sessions_by_start ON sessions (start_at, end_at);

CREATE TABLE session_speakers (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    speaker_id TEXT NOT NULL REFERENCES speakers (id),
    PRIMARY KEY (session_id, position)
) STRICT;

CREATE TABLE delegates (
    id                TEXT PRIMARY KEY,
    honorific         TEXT NOT NULL,
    given_names       TEXT NOT NULL,
    family_name       TEXT NOT NULL,
    family_first      INTEGER NOT NULL,
    title             TEXT NOT NULL,
    organisation      TEXT NOT NULL,
    country_code      TEXT NOT NULL REFERENCES countries (code),
    role              TEXT NOT NULL,
    listed            INTEGER NOT NULL,
    show_organisation INTEGER NOT NULL,
    show_title        INTEGER NOT NULL
) STRICT;

-- The directory's search index, built at import and stored whole: a
-- kiosk's cold start reads this one row instead of every delegate.
CREATE TABLE directory_index (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    blob BLOB NOT NULL
) STRICT;
