"""From crawl outcomes to what an ingest run writes: parsed documents, deletions, page states.

Each fetched body is parsed by the parser its type selects (registry.py), from a temporary file,
so a web page, a PDF report and a Word report read exactly as the same files on disk would.
"""

import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from innosearch.config import Settings
from innosearch.documents import DocumentRecord, ParsedDocument
from innosearch.errors import InnosearchError, LimitExceeded
from innosearch.index.store import Store
from innosearch.index.web_state import PageState, WebSource
from innosearch.ingest.base import warnings_of
from innosearch.ingest.decode import decode_bytes
from innosearch.ingest.html import declared_charset
from innosearch.ingest.registry import parser_for
from innosearch.ingest.report_cases import split_report
from innosearch.ingest.web.crawl import Crawler, Outcome
from innosearch.ingest.web.fetch import Fetcher
from innosearch.ingest.web.page import stated_dates

if TYPE_CHECKING:
    from innosearch.ingest.pipeline import IngestReport, ProgressCallback

RecordMaker = Callable[[ParsedDocument, str, str, str, str | None], DocumentRecord]

# URLs handled between writes at most, so that a crawl of pages without much text (or of pages
# answering 304) is written as it goes too.
_WRITE_EVERY_URLS = 50


class Harvest:
    """Collects one run's crawl of one or more sources."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        make_record: RecordMaker,
        version: str,
        report: "IngestReport",
    ):
        self.store = store
        self.make_record = make_record
        self.report = report
        self.fetcher = Fetcher(settings)
        self.crawler = Crawler(settings, self.fetcher, version)
        self.parsed: list[tuple[DocumentRecord, ParsedDocument]] = []
        self.deletions: list[str] = []
        self.pages: list[PageState] = []
        self.forget: list[str] = []
        self._crawled: list[str] = []
        self._taken = 0  # URLs handled since the last batch was handed over
        self._now = datetime.now(UTC).isoformat(timespec="seconds")

    def close(self) -> None:
        self.fetcher.close()

    @property
    def requests(self) -> int:
        return self.fetcher.requests

    @property
    def due(self) -> bool:
        """Whether enough URLs were handled since the last write to write again."""
        return self._taken >= _WRITE_EVERY_URLS

    def batch(
        self,
    ) -> tuple[list[tuple[DocumentRecord, ParsedDocument]], list[str], list[PageState], list[str]]:
        """What to write now (parsed documents, deletions, page states, URLs to forget); it is
        handed over and no longer kept here."""
        taken = (self.parsed, self.deletions, self.pages, self.forget)
        self.parsed, self.deletions, self.pages, self.forget = [], [], [], []
        self._taken = 0
        return taken

    def crawl(
        self,
        source: WebSource,
        progress: "ProgressCallback | None" = None,
        after_each: Callable[[], None] | None = None,
    ) -> None:
        """Crawl one source; `after_each` is called after every URL (to write when due)."""
        known = self.store.page_states(source.url)
        sources_of = {doc.id: doc.source for doc in self._documents(known)}

        def crawl_progress(done: int, total: int) -> None:
            if progress:
                progress(f"Henter {source.url}", done, total)

        for outcome in self.crawler.crawl(source, known, crawl_progress):
            self._take(outcome, source.url, sources_of)
            self._taken += 1
            if after_each:
                after_each()
        if not self.fetcher.unavailable(source.url):  # "sidst hentet" only when it answered
            self._crawled.append(source.url)

    def mark_crawled(self) -> None:
        for url in self._crawled:
            self.store.mark_crawled(url, self._now)

    def _documents(self, known: dict[str, PageState]) -> list[DocumentRecord]:
        ids = [s.document_id for s in known.values() if s.document_id]
        return list(self.store.documents(ids).values())

    def _take(self, outcome: Outcome, root: str, sources_of: dict[str, str]) -> None:
        state = outcome.state
        url = outcome.url
        if outcome.kind == "failed":
            self.report.failed.append((url, outcome.problem))
        elif outcome.kind == "skipped":
            self.report.skipped.append((url, outcome.problem))
        elif outcome.kind == "limited":
            self.report.warnings.append((url, outcome.problem))
        elif outcome.kind == "gone" and state:
            old_source = sources_of.get(state.document_id or "")
            if old_source:
                self.deletions.append(old_source)
                self.report.removed.append(old_source)
            self.forget.append(url)
        elif outcome.kind == "unchanged":
            # Named by where the page lives, also when it was reached through a redirect.
            self.report.unchanged.append(outcome.fetched.final_url if outcome.fetched else url)
            if outcome.fetched and state:  # fetched again but the same bytes: keep new validators
                self.pages.append(self._state(outcome, root, state.document_id))
        elif outcome.kind == "page":
            self._page(outcome, root, sources_of)

    def _page(self, outcome: Outcome, root: str, sources_of: dict[str, str]) -> None:
        assert outcome.fetched is not None
        state = outcome.state
        fetched = outcome.fetched
        # A page new to this source may be stored already, by a crawl from another start
        # address (one page first, then the whole site): the same page, not a new one.
        elsewhere = None if state else self.store.stored_pages([outcome.source]).get(outcome.source)
        if elsewhere and elsewhere[1] == outcome.content_hash:
            self.report.unchanged.append(outcome.source)
            self.pages.append(self._state(outcome, root, elsewhere[0]))
            return
        # A permanent move keeps the document's id, so links to it keep working.
        kept_id = state.document_id if state and fetched.moved_permanently else None
        previous_source = sources_of.get(kept_id or "") or (
            sources_of.get(state.document_id or "") if state else None
        )
        try:
            docs = self._parse(outcome)
        except InnosearchError as exc:
            if outcome.suffix != ".html":
                self.report.failed.append((outcome.url, exc.message))
                return
            # A page of links only (a front page, a list): no document, but its links and
            # validators are kept, so the next crawl can pass through it with a 304.
            self.report.skipped.append((outcome.url, exc.message))
            self.pages.append(self._state(outcome, root, None))
            return
        except Exception as exc:  # a parser bug must not stop the crawl
            self.report.failed.append((outcome.url, f"uventet fejl under læsning: {exc!r}"))
            return
        self.report.failed.extend((outcome.url, w) for w in warnings_of(docs))
        doc = docs[0]  # a page, a PDF or a Word file is one document
        if outcome.suffix == ".html":
            html = decode_bytes(fetched.body, declared_charset(fetched.body))
            dates = stated_dates(html)
            doc.extra.update(dates)
            if "year" not in doc.fields and "published" in dates:
                doc.fields["year"] = int(dates["published"][:4])
        doc.extra["url"] = outcome.source
        # A published report of several projects becomes the report and a document per project,
        # as a file does; the page's state points at the report, whose removal takes its cases.
        report_doc, *cases = split_report(doc)
        try:
            record = self.make_record(
                report_doc, outcome.source, outcome.content_hash, self._now, kept_id
            )
        except LimitExceeded as exc:  # the stored version, if any, stays
            self.report.failed.append((outcome.url, exc.message))
            return
        if previous_source and previous_source != outcome.source:
            self.deletions.append(previous_source)
        self.parsed.append((record, report_doc))
        for case in cases:
            case.extra["url"] = outcome.source
            case_source = outcome.source + case.source_suffix
            try:
                made = self.make_record(case, case_source, outcome.content_hash, self._now, None)
                self.parsed.append((made, case))
            except LimitExceeded as exc:
                self.report.failed.append((case_source, exc.message))
        was_stored = (
            previous_source is not None
            or outcome.source in sources_of.values()
            or elsewhere is not None
        )
        (self.report.updated if was_stored else self.report.added).append(outcome.source)
        if fetched.final_url != outcome.url:
            self.forget.append(outcome.url)  # the old address: its page now lives elsewhere
        self.pages.append(self._state(outcome, root, record.id))

    def _state(self, outcome: Outcome, root: str, document_id: str | None) -> PageState:
        fetched = outcome.fetched
        assert fetched is not None
        return PageState(
            url=fetched.final_url,
            root=root,
            fetched_at=self._now,
            document_id=document_id,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            content_hash=outcome.content_hash,
            links=outcome.links,
        )

    @staticmethod
    def _parse(outcome: Outcome) -> list[ParsedDocument]:
        assert outcome.fetched is not None
        with tempfile.TemporaryDirectory(prefix="innosearch-web-") as folder:
            path = Path(folder) / f"side{outcome.suffix}"
            path.write_bytes(outcome.fetched.body)
            return parser_for(path).parse(path)
