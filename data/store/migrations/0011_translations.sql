-- Translations of the installed event's content: session titles and
-- descriptions, room and country names, in the content languages
-- (data.ContentLanguages). Part of the event: replaced by every install.
-- A missing row means the plain column is shown.
CREATE TABLE translations (
    tbl   TEXT NOT NULL, -- 'sessions', 'rooms' or 'countries'
    id    TEXT NOT NULL, -- the row's id (a country's code)
    field TEXT NOT NULL, -- 'title', 'description' or 'name'
    lang  TEXT NOT NULL, -- 'en', 'fr', 'es', 'ar'
    text  TEXT NOT NULL,
    PRIMARY KEY (tbl, id, field, lang)
) STRICT, WITHOUT ROWID;
