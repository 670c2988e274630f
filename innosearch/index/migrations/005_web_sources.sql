-- Web sources kept fresh by `innosearch ingest --refresh`, and what the crawler last saw of each
-- page: its validators (ETag, Last-Modified) for conditional GET, its content hash and its
-- same-site links, so a page that answers 304 still leads the crawl on to the pages it links to.
CREATE TABLE web_sources (
    url TEXT PRIMARY KEY,                 -- canonical start URL
    sitemap_only INTEGER NOT NULL DEFAULT 0,
    max_pages INTEGER,                    -- NULL: the INNOSEARCH_CRAWL_MAX_PAGES default
    include TEXT,                         -- URL path pattern; NULL: the whole site
    added_at TEXT NOT NULL,
    crawled_at TEXT
);

CREATE TABLE web_pages (
    url TEXT PRIMARY KEY,                 -- canonical URL as requested
    root TEXT NOT NULL,                   -- the start URL of the crawl that found it
    document_id TEXT,                     -- NULL when the page gave no document (a link list)
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    links TEXT NOT NULL DEFAULT '[]',     -- JSON list of canonical same-site URLs
    fetched_at TEXT NOT NULL
);

CREATE INDEX web_pages_root ON web_pages(root);
