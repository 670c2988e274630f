-- The sentences that say what went wrong, clearest first (JSON list), shown with a case as
-- evidence_sentences show what it achieved. Homes from before have none until their next ingest.
ALTER TABLE documents ADD COLUMN pitfall_sentences TEXT NOT NULL DEFAULT '[]';
