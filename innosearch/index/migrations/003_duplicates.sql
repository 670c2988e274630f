-- Possible near-duplicates found at ingest (the same case submitted twice, the same text on two
-- sites). Stored once per pair, lower id first; shown on both documents, never as "related".
CREATE TABLE duplicates (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    other_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    similarity REAL NOT NULL,
    PRIMARY KEY (document_id, other_id)
);

CREATE INDEX duplicates_other ON duplicates(other_id);
