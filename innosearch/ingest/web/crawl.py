"""The crawl of one web source: breadth first from its start URL, its sitemaps and the pages
found before, same site only, within the source's limits; one outcome per URL."""

import hashlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from innosearch.config import Settings
from innosearch.errors import ParseError
from innosearch.index.web_state import PageState, WebSource
from innosearch.ingest.decode import decode_bytes
from innosearch.ingest.html import declared_charset
from innosearch.ingest.web.fetch import Fetched, Fetcher
from innosearch.ingest.web.page import page_facts
from innosearch.ingest.web.sitemap import sitemap_pages
from innosearch.ingest.web.urls import matches_include, same_site

# Content types the crawl turns into documents, with the suffix whose parser reads them.
DOCUMENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
_SUFFIXES = {".pdf": ".pdf", ".docx": ".docx"}


@dataclass
class Outcome:
    """What happened to one URL.

    kind: "page" (new or changed content to parse), "unchanged", "gone" (404/410, or a stored
    page that now asks not to be indexed, that robots.txt now forbids, or that leads to another
    stored page: remove), "failed"
    (reported, the stored version stays), "skipped" (robots.txt, noindex, not a document
    type), "limited" (the source's page limit left addresses unfetched: a warning).
    """

    kind: str
    url: str
    problem: str = ""
    fetched: Fetched | None = None
    state: PageState | None = None  # what the previous crawl saw of this URL
    suffix: str = ""  # for "page": which parser reads it
    source: str = ""  # for "page": the document's source (final or rel=canonical URL)
    links: list[str] = field(default_factory=list)
    content_hash: str = ""


def content_hash(version: str, body: bytes) -> str:
    return hashlib.sha256(version.encode() + body).hexdigest()


class Crawler:
    """Crawls sources with one Fetcher, so robots.txt and host delays hold across sources."""

    def __init__(self, settings: Settings, fetcher: Fetcher, version: str):
        self.settings = settings
        self.fetcher = fetcher
        self.version = version  # part of content hashes: a new pipeline re-parses every page

    def crawl(
        self,
        source: WebSource,
        known: dict[str, PageState],
        progress: Callable[[int, int], None] | None = None,
    ) -> Iterator[Outcome]:
        root = source.url
        limit = source.max_pages or self.settings.crawl_max_pages
        queue: deque[str] = deque()
        queued: set[str] = set()

        def enqueue(url: str) -> None:
            wanted = url == root or matches_include(url, source.include)
            if url not in queued and same_site(url, root) and wanted:
                queued.add(url)
                queue.append(url)

        if not source.sitemap_only:
            enqueue(root)
        listed, problems = self._sitemap_pages(root, limit)
        stored = sum(1 for state in known.values() if state.document_id)
        if unavailable := self.fetcher.unavailable(root):
            # Every URL of the site would fail the same way (and wait out the same timeout).
            yield Outcome("failed", root, problem=unavailable + _kept(stored))
            return
        for problem in problems:
            yield Outcome("failed", root, problem=problem)
        if source.sitemap_only and not listed:
            yield Outcome("failed", root, problem="fandt intet sitemap med sider (kun-sitemap)")
        for url in [*listed, *sorted(known)]:
            enqueue(url)

        fetched = 0
        done: set[str] = set()
        contents: dict[str, str] = {}  # content hash -> the first address met with it
        while queue and fetched < limit:
            url = queue.popleft()
            if url in done:  # reached before through a redirect or as a page's canonical URL
                continue
            state = known.get(url)
            if progress:
                progress(fetched, min(limit, fetched + len(queue) + 1))
            outcome = self._visit(url, state, done, known, url == root)
            fetched += 1
            if outcome is not None:
                outcome = _unless_a_copy(outcome, contents)
                if not source.sitemap_only:
                    for link in outcome.links:
                        enqueue(link)
                yield outcome
            if unavailable := self.fetcher.unavailable(url):  # it went down, or asks us to wait
                yield Outcome("failed", root, problem=unavailable + _kept(stored))
                return
        if progress:
            progress(fetched, fetched)
        if left := {url for url in queue if url not in done}:
            yield Outcome("limited", root, problem=_limited(source, limit, len(left)))

    def _sitemap_pages(self, root: str, limit: int) -> tuple[list[str], list[str]]:
        parts = urlsplit(root)
        listed = self.fetcher.sitemaps(root) or [f"{parts.scheme}://{parts.netloc}/sitemap.xml"]
        pages: list[str] = []
        problems: list[str] = []
        for sitemap in listed:
            found, trouble = sitemap_pages(self.fetcher, sitemap, limit)
            pages.extend(found)
            problems.extend(trouble)
        return pages, problems

    def _visit(
        self,
        url: str,
        state: PageState | None,
        done: set[str],
        known: dict[str, PageState],
        is_root: bool = False,
    ) -> Outcome | None:
        """Fetch one URL; None when it led to a page this crawl has already seen."""
        got = self.fetcher.fetch(
            url, state.etag if state else None, state.last_modified if state else None
        )
        if got.blocked:
            # A page stored before leaves the index: a copy the site no longer lets us fetch
            # could never be brought up to date, and would be shown as it once was for ever.
            stored = state is not None and state.document_id is not None
            kind = "gone" if stored else "skipped"
            return Outcome(kind, url, problem=got.problem or "", state=state)
        if got.not_modified and state:
            done.add(url)
            return Outcome("unchanged", url, state=state, links=state.links)
        if got.gone and state:
            return Outcome("gone", url, problem=got.problem or "", state=state)
        if got.gone and not is_root:
            # A link on the site (or in its sitemap) that leads nowhere: the site's broken link,
            # worth naming, but not a failure of the run that a scheduled ingest should exit 1 on.
            return Outcome("skipped", url, problem=f"et link, der ikke virker: {got.problem}")
        if got.problem:
            return Outcome("failed", url, problem=got.problem, state=state)
        final = got.final_url
        if final in done:
            return _merged_into(url, final, state, known)
        done.add(final)
        suffix = _suffix(got)
        if not suffix:
            kind = got.content_type.split(";")[0] or "ukendt"
            return Outcome("skipped", url, problem=f"ikke en side, PDF eller Word-fil ({kind})")
        outcome = Outcome("page", url, fetched=got, state=state, suffix=suffix, source=final)
        outcome.content_hash = content_hash(self.version, got.body)
        if suffix == ".html":
            try:
                html = decode_bytes(got.body, declared_charset(got.body))
            except ParseError as exc:
                return Outcome("failed", url, problem=exc.message, state=state)
            facts = page_facts(html, final)
            outcome.links = [] if facts.nofollow else facts.links
            if facts.canonical and same_site(facts.canonical, final):
                outcome.source = facts.canonical
                done.add(facts.canonical)
            if facts.noindex:
                # A page stored before leaves the index: the site has asked for that (a page
                # that came to name a citizen, say), not merely stopped offering it.
                stored = state is not None and state.document_id is not None
                outcome.kind = "gone" if stored else "skipped"
                outcome.problem = "siden beder om ikke at blive indekseret"
                return outcome
        # A link that redirects to a known page (an old address in the sitemap, "/klima" for
        # "/klima/") is that page: unchanged when its bytes are, not parsed again every crawl.
        # An old address that held a document of its own is a move, handled as a page.
        target = state if final == url else None
        if final != url and not (state and state.document_id):
            target = known.get(final)
        if target and target.content_hash == outcome.content_hash:
            outcome.kind, outcome.state = "unchanged", target
        return outcome


def _merged_into(
    url: str, final: str, state: PageState | None, known: dict[str, PageState]
) -> Outcome | None:
    """A stored page that now redirects to a page this crawl has already taken (two pages
    merged into one) leaves the index: its old text is nowhere on the site any more, and kept
    it would be found for ever. None when it holds no document of its own."""
    target = known.get(final)
    if not (state and state.document_id) or (target and target.document_id == state.document_id):
        return None
    return Outcome("gone", url, problem=f"sender nu videre til {final}", state=state)


def _unless_a_copy(outcome: Outcome, contents: dict[str, str]) -> Outcome:
    """A new address serving the very bytes of a page met before in this crawl (the same page
    under other query parameters, a "not found" page answered with 200) is named, not stored
    as one more document. A page stored before keeps being updated as it was."""
    if outcome.kind not in ("page", "unchanged"):
        return outcome
    digest = outcome.content_hash or (outcome.state.content_hash if outcome.state else "")
    address = outcome.source or outcome.url
    first = contents.setdefault(digest, address) if digest else address
    stored = outcome.state is not None and outcome.state.document_id is not None
    if outcome.kind == "page" and first != address and not stored:
        return Outcome(
            "skipped", outcome.url, problem=f"samme indhold som {first}", links=outcome.links
        )
    return outcome


def _limited(source: WebSource, limit: int, left: int) -> str:
    """The page limit was reached: how many addresses wait, and which setting raises it."""
    raise_it = (
        f"innosearch sources add {source.url} --max-pages N"
        if source.max_pages
        else "INNOSEARCH_CRAWL_MAX_PAGES, eller giv kilden sin egen grænse med "
        f"innosearch sources add {source.url} --max-pages N"
    )
    pages = "1 side" if limit == 1 else f"{limit} sider"
    found = "1 fundet adresse" if left == 1 else f"{left} fundne adresser"
    return (
        f"grænsen på {pages} er nået, så {found} er ikke hentet denne gang; hæv grænsen med "
        f"{raise_it}"
    )


def _kept(stored: int) -> str:
    if not stored:
        return ""
    pages = "den ene side" if stored == 1 else f"de {stored} sider"
    return f"; {pages}, der er gemt fra webstedet, er bevaret"


def _suffix(fetched: Fetched) -> str:
    """The parser suffix for a fetched body: by Content-Type, else by the URL's file name."""
    media = fetched.content_type.split(";")[0].strip().lower()
    if media in DOCUMENT_TYPES:
        return DOCUMENT_TYPES[media]
    path = urlsplit(fetched.final_url).path.lower()
    for ending, suffix in _SUFFIXES.items():
        if path.endswith(ending):
            return suffix
    return ""
