-- How often each word occurs in the passages: the spelling vocabulary of the home. Kept up to
-- date by every write, so a search process reads it instead of tokenising every passage.
CREATE TABLE word_counts (
    word TEXT PRIMARY KEY,
    count INTEGER NOT NULL
) WITHOUT ROWID;
