-- Which file on disk each ingested file's documents came from: a source is a path relative to the
-- folder given to ingest ("sag.json"), so two folders may both hold one; the absolute path tells
-- them apart, recognises a file whichever folder above it is given, and bounds --prune to the
-- folders given. Homes from before have no rows: their documents are kept by --prune.
CREATE TABLE IF NOT EXISTS file_origins (
    source TEXT PRIMARY KEY,
    origin TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS file_origins_origin ON file_origins(origin);
