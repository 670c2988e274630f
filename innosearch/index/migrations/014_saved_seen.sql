-- When a followed challenge's page last showed its matches: those found later are marked as not
-- yet seen. No row for a challenge whose page was never opened (every match is then unseen).
CREATE TABLE IF NOT EXISTS saved_seen (
    search_id TEXT PRIMARY KEY REFERENCES saved_searches(id) ON DELETE CASCADE,
    seen_at TEXT NOT NULL
);
