"""What the store keeps about the web: the sources to keep fresh and the state of each page."""

from dataclasses import dataclass, field


@dataclass
class WebSource:
    """A site to crawl: its start URL and the limits the user gave."""

    url: str
    sitemap_only: bool = False
    max_pages: int | None = None
    include: str | None = None
    added_at: str = ""
    crawled_at: str | None = None


@dataclass
class PageState:
    """What the last crawl saw of one URL (for conditional GET and to keep following links)."""

    url: str
    root: str
    fetched_at: str
    document_id: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    links: list[str] = field(default_factory=list)
