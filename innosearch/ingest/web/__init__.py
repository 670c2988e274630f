"""Web sources: canonical URLs, polite fetching, sitemaps, links and the crawl itself."""
