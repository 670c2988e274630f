-- Lexical index over chunks (rowid = chunks.id). The text is stored already stemmed (Danish
-- Snowball) by the application, so FTS5's own tokenizer only splits and folds case.
CREATE VIRTUAL TABLE chunks_fts USING fts5(
    stemmed,
    tokenize='unicode61 remove_diacritics 0'
);
