"""The web sources kept in a home: added, listed and removed by `innosearch sources …`."""

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

from innosearch.errors import DocumentNotFound, InvalidQuery
from innosearch.index.store import Store
from innosearch.index.web_state import WebSource
from innosearch.ingest.web.urls import canonical_url

# "scheme://": an address, even of a kind innosearch does not fetch (ftp://), so that it is
# refused as one instead of looked for as a file named "ftp:/…".
_ADDRESS_RE = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)


def is_url(argument: str) -> bool:
    return bool(_ADDRESS_RE.match(argument.strip()))


def web_source(
    url: str,
    sitemap_only: bool = False,
    max_pages: int | None = None,
    include: str | None = None,
) -> WebSource:
    """A source for `url`, refused with a Danish message when it is no usable web address."""
    canonical = canonical_url(url) if is_url(url) else None
    if canonical is None:
        raise InvalidQuery(f"'{url}' er ikke en gyldig webadresse (http:// eller https://).")
    if max_pages is not None and max_pages < 1:
        raise InvalidQuery("--max-pages skal være mindst 1.")
    return WebSource(
        url=canonical,
        sitemap_only=sitemap_only,
        max_pages=max_pages,
        include=_include_pattern(include),
        added_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _include_pattern(include: str | None) -> str | None:
    """--include as a path: "aeldre" means "/aeldre", as a path never matches without its "/"."""
    pattern = (include or "").strip()
    if is_url(pattern):  # a whole address pasted: its path is meant
        pattern = urlsplit(pattern).path
    if not pattern:
        return None
    if not pattern.startswith(("/", "*", "?", "[")):
        pattern = "/" + pattern
    return pattern


class WebSources:
    """The sources of one home."""

    def __init__(self, store: Store):
        self.store = store

    def add(self, source: WebSource) -> bool:
        """Add a source, or change the limits of one already there; True when it is new."""
        return self.store.add_web_source(source)

    def all(self) -> list[WebSource]:
        return self.store.web_sources()

    def remove(self, url: str, purge: bool = False) -> int:
        """Stop crawling a source; with `purge` its documents leave the index too.

        Returns how many documents were removed.
        """
        canonical = canonical_url(url) or url
        gone = self.store.sources_under(canonical) if purge else []
        if not self.store.remove_web_source(canonical):
            raise DocumentNotFound(f"'{url}' er ikke en af kilderne (se innosearch sources list).")
        if purge:
            self.store.write([], gone, forget_pages=list(self.store.page_states(canonical)))
        return len(gone)
