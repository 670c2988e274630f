-- A passage's text is stored once, in its document's sections. Passages are cut from the
-- sections, so most are a slice of the document's text (its sections joined): such a passage
-- keeps only where it lies (text_start, text_end: characters) and chunks.text is NULL; a passage
-- that is not a slice keeps its compressed text (store/passages.py). Document vectors are stored
-- in float16, as passage vectors are since 009 (cosines within 1e-3; the full-precision copy of
-- an ingested passage's vector is its embedding_cache row). The data step (Store DATA_STEPS[11])
-- fills the new columns, replaces the old NOT NULL text column by the nullable one and halves
-- the document vectors; the store runs VACUUM once afterwards, so the home shrinks on disk.
ALTER TABLE chunks ADD COLUMN text_start INTEGER;
ALTER TABLE chunks ADD COLUMN text_end INTEGER;
ALTER TABLE chunks ADD COLUMN text_unless_slice BLOB;
