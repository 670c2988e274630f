"""What a crawler needs from a fetched HTML page: its links, its canonical URL, robots meta tags,
and the publication and modification dates it states (htmldate)."""

import logging
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from htmldate import find_date

from innosearch.ingest.web.urls import canonical_url

# htmldate logs every date candidate it rejects; the crawl reports its own outcome per URL.
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass
class PageFacts:
    links: list[str] = field(default_factory=list)
    canonical: str | None = None
    noindex: bool = False
    nofollow: bool = False


def page_facts(html: str, url: str) -> PageFacts:
    """Canonical same-scheme links of the page (in order, once each) and what it asks of robots."""
    soup = BeautifulSoup(html, "html.parser")
    facts = PageFacts()
    base = soup.find("base", href=True)
    base_url = canonical_url(str(base["href"]), url) if isinstance(base, Tag) else None
    base_url = base_url or url
    robots = soup.find("meta", attrs={"name": lambda v: (v or "").lower() == "robots"})
    if isinstance(robots, Tag):
        directives = str(robots.get("content", "")).lower()
        facts.noindex = "noindex" in directives or "none" in directives
        facts.nofollow = "nofollow" in directives or "none" in directives
    for link in soup.find_all("link", href=True):
        if "canonical" in [r.lower() for r in link.get("rel") or []]:
            facts.canonical = canonical_url(str(link["href"]), base_url)
            break
    seen: set[str] = set()
    for anchor in soup.find_all("a", href=True):
        if "nofollow" in [r.lower() for r in anchor.get("rel") or []]:
            continue
        target = canonical_url(str(anchor["href"]), base_url)
        if target and target not in seen:
            seen.add(target)
            facts.links.append(target)
    return facts


def stated_dates(html: str) -> dict[str, str]:
    """{"published": ..., "modified": ...} as ISO dates, for the dates the page itself states.

    Only markup and metadata are read (no guessing from the URL or free text), so a page that
    states no date gets none.
    """
    dates = {}
    for key, original in (("published", True), ("modified", False)):
        try:
            found = find_date(html, original_date=original, extensive_search=False)
        except Exception:  # htmldate on broken markup; a date is a bonus, never a failure
            found = None
        if found:
            dates[key] = found
    return dates
