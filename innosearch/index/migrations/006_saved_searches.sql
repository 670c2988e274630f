-- Saved searches ("Følg denne udfordring"). The secret link is the identity: its token is the id
-- (unguessable, 144 random bits), kept so digests and `innosearch saved list` can give the link;
-- deleting the row revokes it. Matches are recorded after every ingest; mailed_at marks those
-- already sent in a digest, so no document is mailed twice.
CREATE TABLE saved_searches (
    id TEXT PRIMARY KEY,                  -- the secret token itself (secrets.token_urlsafe)
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    filters TEXT NOT NULL DEFAULT '{}',   -- JSON of innosearch.filters.Filters
    own_sector TEXT,
    max_rank INTEGER NOT NULL,            -- the relevance cut: a match ranks this high or better
    email TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE saved_matches (
    search_id TEXT NOT NULL REFERENCES saved_searches(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    title TEXT NOT NULL,
    change TEXT NOT NULL,                 -- 'new' or 'changed'
    rank INTEGER NOT NULL,
    found_at TEXT NOT NULL,
    mailed_at TEXT,
    PRIMARY KEY (search_id, document_id)
);

CREATE INDEX saved_matches_found ON saved_matches(search_id, found_at);
