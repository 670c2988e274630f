"""Sitemaps (sitemaps.org): page URLs from <urlset>, nested sitemaps from <sitemapindex>."""

import gzip
import xml.etree.ElementTree as ET

from innosearch.ingest.web.fetch import Fetcher
from innosearch.ingest.web.urls import canonical_url

# A sitemap index nests sitemaps one level; deeper nesting is not in the protocol.
_MAX_DEPTH = 2


def sitemap_pages(fetcher: Fetcher, sitemap_url: str, limit: int) -> tuple[list[str], list[str]]:
    """Canonical page URLs listed by a sitemap (following an index), and problems met on the way.

    A missing sitemap is no problem; a broken one is reported and the crawl goes on without it.
    """
    pages: list[str] = []
    problems: list[str] = []
    todo = [(sitemap_url, 0)]
    seen: set[str] = set()
    while todo and len(pages) < limit:
        url, depth = todo.pop(0)
        if url in seen or depth >= _MAX_DEPTH:
            continue
        seen.add(url)
        fetched = fetcher.fetch(url)
        if fetched.gone or fetched.blocked or fetched.unreachable:
            continue  # an unreachable site is reported once, by its pages
        if fetched.problem:
            problems.append(f"sitemap {url}: {fetched.problem}")
            continue
        try:
            kind, locations = _read(fetched.body)
        except ET.ParseError as exc:
            problems.append(f"sitemap {url}: ikke gyldig XML ({exc})")
            continue
        found = [u for u in (canonical_url(loc, url) for loc in locations) if u]
        if kind == "sitemapindex":
            todo.extend((u, depth + 1) for u in found)
        else:
            pages.extend(found)
    return pages[:limit], problems


def _read(body: bytes) -> tuple[str, list[str]]:
    """('urlset' or 'sitemapindex', the <loc> values)."""
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    root = ET.fromstring(body)
    kind = root.tag.rsplit("}", 1)[-1]
    locations = [
        (el.text or "").strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc"
    ]
    return kind, [loc for loc in locations if loc]
