-- Each document's vector: the normalised mean of its passage vectors (float32), written with the
-- document, so similar documents and duplicates are compared without reading every passage.
-- Documents stored before this migration get theirs from their passages in the same transaction
-- (Store._backfill_document_vectors). A document without passages has none.
CREATE TABLE document_vectors (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    vector BLOB NOT NULL
);
