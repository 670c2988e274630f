-- Documents, their chunks and the vectors of those chunks. The FAISS file is a cache of
-- chunks.vector: it is rebuilt from here whenever its generation differs from the store's.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    sections TEXT NOT NULL,            -- JSON list of {heading, text, page}
    organisation TEXT,
    organisation_type TEXT,
    place TEXT,
    sector TEXT,
    stage TEXT,
    status TEXT,
    year INTEGER,
    contact_name TEXT,
    contact_email TEXT,
    contact_phone TEXT,
    evidence_level INTEGER,
    evidence_sentences TEXT NOT NULL DEFAULT '[]',
    has_pitfalls INTEGER,
    tags TEXT NOT NULL DEFAULT '[]',
    links TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}',
    inferred TEXT NOT NULL DEFAULT '{}',   -- JSON {field: confidence} for classified fields
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE INDEX documents_sector ON documents(sector);

CREATE TABLE chunks (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    section TEXT NOT NULL DEFAULT '',
    page INTEGER,
    text TEXT NOT NULL,
    embed_text TEXT NOT NULL,
    vector BLOB NOT NULL
);

CREATE INDEX chunks_document ON chunks(document_id);

-- Vectors by (model, text hash), written as soon as they are computed, so an ingest that was
-- killed does its embedding work only once when it is run again.
CREATE TABLE embedding_cache (
    model TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text_hash)
);
