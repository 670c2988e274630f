-- Each text is stored once, compressed. A passage's text (chunks.text) and a document's sections
-- (documents.sections, JSON) are stored zlib-compressed (store/texts.py, packed_text). A
-- passage's embed text ("{title}. {section}: {text}") is never read back (the embedding cache is
-- keyed by its hash at ingest), so the column goes. A document's text is its sections joined
-- (documents.sections_text) in every home written by the pipeline; it is kept only where it
-- differs (NULL: derive it). The lexical index keeps no copy of the stemmed passages
-- (contentless): BM25 reads only the index, and a passage's stemmed text is derived again from
-- its title, section and text when it is deleted (store/texts.py, lexical_text). The data step
-- compresses, clears the derivable texts and fills the new index (Store DATA_STEPS[10]); the
-- store runs VACUUM once afterwards, so the home shrinks on disk.
ALTER TABLE chunks DROP COLUMN embed_text;

ALTER TABLE documents ADD COLUMN text_if_not_sections TEXT;
UPDATE documents SET text_if_not_sections = text;
ALTER TABLE documents DROP COLUMN text;
ALTER TABLE documents RENAME COLUMN text_if_not_sections TO text;

DROP TABLE chunks_fts;
CREATE VIRTUAL TABLE chunks_fts USING fts5(
    stemmed,
    content='',
    tokenize='unicode61 remove_diacritics 0'
);
