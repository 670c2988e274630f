-- Each document's outline (its title and own headings) embedded as a question, float16 like the
-- document's vector: the second stage of a search compares it with the question
-- (search/outline.py). Documents stored before this migration have none until the next ingest
-- writes them again (PIPELINE_VERSION 41 rereads every file); until every document has one, the
-- search leaves the second stage out.
ALTER TABLE document_vectors ADD COLUMN outline BLOB;
