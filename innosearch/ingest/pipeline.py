"""The ingest pipeline: find files, parse, classify, chunk, embed, and store them atomically.

Embedding is the slow part, so vectors are cached by text as soon as they are computed; each
file's documents are then written in one transaction as soon as that file is done. A run that is
killed therefore leaves every file either as it was or completely replaced, never half-written,
and running it again does no embedding work twice.
"""

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from innosearch.classify.classifier import Classifier
from innosearch.config import Settings
from innosearch.documents import (
    Classification,
    DocumentLink,
    DocumentRecord,
    ParsedDocument,
    StoredChunk,
)
from innosearch.embed.base import Embedder
from innosearch.errors import (
    InnosearchError,
    LimitExceeded,
    ParseError,
    StaleTable,
    UnsupportedSource,
)
from innosearch.index.manifest import check_model
from innosearch.index.store import Store
from innosearch.index.vectors.factory import open_vector_index
from innosearch.index.web_state import PageState, WebSource
from innosearch.ingest.base import ParseLimits, access_problem, read_bytes, warnings_of
from innosearch.ingest.case_records import stated_value_problems
from innosearch.ingest.chunk import chunk_document
from innosearch.ingest.duplicates import centroid, find_duplicates
from innosearch.ingest.origins import SourceFile, claim_sources
from innosearch.ingest.registry import parse_file, parser_for
from innosearch.ingest.report_cases import split_report
from innosearch.text.headings import outline_text

# Bump when parsing, classification or chunking changes what is stored for the same file, so
# the next ingest redoes unchanged files instead of skipping them.
PIPELINE_VERSION = "42"

# "1,234.5" as Danish writes it: "1.234,5".
_DANISH_DIGITS = str.maketrans(",.", ".,")

# Documents given their outline per transaction when filling in those stored without one.
_OUTLINES_PER_WRITE = 500

# Marks the stored content hash of a file some of whose records could not be read.
_PARTLY_READ = "delvis:"

_NOT_UTF8_NAME = (
    "navnet er ikke gyldig UTF-8 (tegnene vises som �) og kan ikke gemmes; giv filen et nyt navn"
)

ProgressCallback = Callable[[str, int, int], None]
"""Called as progress(stage, done, total) during long work."""

PassageVectors = Callable[[list[tuple[str, str]]], Iterator[dict[str, bytes]]]
"""Vectors of (text hash, text) pairs, yielded a batch at a time as {text hash: vector bytes}."""


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Files of a folder of a kind not read, and URLs a crawl left alone on purpose (robots.txt,
    # noindex, not a document), with why.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # Documents stored with a stated value that fits no field value (set aside, not used).
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # id -> "new" or "changed", for the documents this run wrote whose content a reader would
    # find new or changed (what saved searches check); see Ingestor._changes.
    documents: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed


def document_id(source: str) -> str:
    """A stable id derived from the source, so re-ingesting keeps links working."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]


def find_files(paths: list[Path]) -> tuple[list[SourceFile], list[tuple[str, str]]]:
    """Files under the given paths (recursively), with the problems of paths that can't be read."""
    found: list[SourceFile] = []
    problems: list[tuple[str, str]] = []

    def add(path: Path, source: str, root: Path) -> None:
        try:
            os.path.abspath(path).encode("utf-8")
        except UnicodeEncodeError:
            # A name in another encoding (an old Windows share) can be neither stored nor shown
            # as it is.
            problems.append((_shown(source), _NOT_UTF8_NAME))
            return
        found.append(SourceFile(path, source, root))

    def unreadable(exc: OSError) -> None:
        # A folder that can't be listed is named; its stored files are not taken for gone.
        problems.append((_shown(os.fsdecode(exc.filename)), access_problem(exc, "mappen")))

    for root in paths:
        if root.is_dir():
            for path in _walk(root, unreadable):
                add(path, path.relative_to(root).as_posix(), root)
        elif root.exists():  # a file, or something that only reading it tells is no file
            add(root, root.name, root)
        else:
            problems.append((_shown(str(root)), "findes ikke"))
    return found, problems


# The folder a browser saves a whole page's parts in ("Gem som: Webside, komplet"): the page's
# name with "_files" (Danish Windows: "_filer"). Its frames and fragments are no documents.
_SAVED_PAGE_PARTS = re.compile(r"(.+)_(files|filer)")


def _saved_page_parts(folder: str, names: set[str]) -> bool:
    """Whether `folder` holds the parts of a page saved beside it (`names` are its neighbours)."""
    match = _SAVED_PAGE_PARTS.fullmatch(folder)
    if match is None:
        return False
    return any(match[1] + suffix in names for suffix in (".html", ".htm"))


def _walk(root: Path, unreadable: Callable[[OSError], None]) -> Iterator[Path]:
    """The files under `root`: each folder's own in name order, then its sub-folders', hidden
    ones left out (also Office's "~$rapport.docx", which Windows hides: the note of who has the
    document open). As os.walk, but without its recursion, so a tree deeper than a thousand
    folders (a backup copied into itself) is read too.

    Folders reached through a link are read too (a shared drive linked in); a link back to a
    folder already walked is not, so a loop ends. A saved web page's folder of parts is left out.
    """
    walked = {_identity(root.stat())}
    folders = [os.fspath(root)]
    while folders:
        try:
            with os.scandir(folders.pop()) as scan:
                entries = sorted(
                    (e for e in scan if not e.name.startswith(_HIDDEN)), key=lambda e: e.name
                )
        except OSError as exc:
            unreadable(exc)
            continue
        below = []
        names = {e.name for e in entries}
        for entry in entries:
            folder = _folder(entry)
            if folder is None:
                yield Path(entry.path)
            elif _saved_page_parts(entry.name, names):
                continue
            elif folder not in walked:
                walked.add(folder)
                below.append(entry.path)
        folders.extend(reversed(below))  # the first sub-folder is walked next


_HIDDEN = (".", "~$")


def _folder(entry: os.DirEntry[str]) -> tuple[int, int] | None:
    """Which folder `entry` is, or leads to through a link; None for a file."""
    try:
        return _identity(entry.stat()) if entry.is_dir() else None
    except OSError:  # no access to tell: read as a file, whose reading names the problem
        return None


def _identity(info: os.stat_result) -> tuple[int, int]:
    # One call per folder, where its real path would take one per folder above it.
    return info.st_dev, info.st_ino


def _shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as escapes) shown as �."""
    return os.fsencode(name).decode("utf-8", "replace")


class Ingestor:
    """Ingests files and folders into one home (store + vector index)."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        store: Store | None = None,
        classifier: Classifier | None = None,
    ):
        self.settings = settings
        self.limits = ParseLimits.of(settings)
        self.embedder = embedder
        self._passage_vectors: PassageVectors = self._embed_here
        if settings.ingest_workers:  # checked before the home is touched
            from innosearch.ingest.distributed import RayPassageVectors

            self._passage_vectors = RayPassageVectors(settings, settings.ingest_workers)
        self.store = store or Store.of(settings)
        self.classifier = classifier or Classifier(embedder)

    def ingest(
        self, paths: list[Path], prune: bool = False, progress: ProgressCallback | None = None
    ) -> IngestReport:
        check_model(self.store, self.embedder.model_id, self.embedder.dim)
        report = IngestReport()
        found, missing = find_files(paths)
        report.failed.extend(missing)
        stored_hashes = self.store.content_hashes()
        hashes_of_file = _by_file(stored_hashes)
        origins = self.store.file_origins()
        files = claim_sources(found, origins, hashes_of_file)
        deletions: list[str] = []
        seen_sources: set[str] = set()
        pending: list[tuple[DocumentRecord, ParsedDocument]] = []
        gone: list[str] = []
        written = False

        for done, source_file in enumerate(files):
            if progress:
                progress("Indlæser filer", done, len(files))
            self._ingest_file(source_file, hashes_of_file, pending, gone, seen_sources, report)
            if self._due(pending):
                # Files land in transactions of their own as they finish: a huge file holds
                # back nobody, and a killed run keeps every file written before it.
                self._finish(pending, gone, report, progress)
                pending, gone, written = [], [], True
        if progress:
            progress("Indlæser filer", len(files), len(files))
        pruned: list[str] = []
        if prune:
            pruned = _gone(paths, files, origins, hashes_of_file)
            deletions.extend(s for f in pruned for s in hashes_of_file[f] if s not in seen_sources)
            report.removed.extend(deletions)
        if pending or gone or deletions or (not written and self.store.get_meta("model") is None):
            self._finish(pending, gone + deletions, report, progress)
            written = True
        written |= self._fill_outlines(progress)
        if written:
            self._build_index()
        moved = {f.source: f.origin for f in files if origins.get(f.source) != f.origin}
        if moved or pruned:
            self.store.record_origins(moved, pruned)
        return report

    def _due(self, pending: list[tuple[DocumentRecord, ParsedDocument]]) -> bool:
        """Whether the files read so far are enough for one write.

        A few hundred passages keep the model's batches full; with Ray (`--workers`) a run is
        written once at the end, since each write would start the cluster's workers again.
        """
        if self.settings.ingest_workers:
            return False
        passages = sum(len(record.chunks) for record, _ in pending)
        return passages >= self.settings.write_every_passages

    def ingest_web(
        self, sources: list[WebSource], progress: ProgressCallback | None = None
    ) -> IngestReport:
        """Crawl web sources and store what is new or changed; see ingest/web/harvest.py."""
        from innosearch.ingest.web.harvest import Harvest

        check_model(self.store, self.embedder.model_id, self.embedder.dim)
        report = IngestReport()
        harvest = Harvest(self.settings, self.store, self._record, PIPELINE_VERSION, report)

        def write() -> None:
            parsed, deletions, pages, forget = harvest.batch()
            self._finish(parsed, deletions, report, progress, pages, forget)

        def write_when_due() -> None:
            # Pages land as the crawl goes, as files do: an interrupted crawl of a large site
            # keeps what it fetched, and the next run asks for those pages with a 304.
            if not self.settings.ingest_workers and (self._due(harvest.parsed) or harvest.due):
                write()

        try:
            for source in sources:
                harvest.crawl(source, progress, write_when_due)
        finally:
            harvest.close()
        write()
        harvest.mark_crawled()
        self._fill_outlines(progress)
        self._build_index()
        return report

    def _build_index(self) -> None:
        # Built now, so the first search after an ingest doesn't wait for it. When another
        # writer changed the store meanwhile, that writer's own run builds it.
        with suppress(StaleTable):
            open_vector_index(
                self.settings, self.store, self.embedder.dim, self.store.passage_table()
            )

    def _finish(
        self,
        parsed: list[tuple[DocumentRecord, ParsedDocument]],
        deletions: list[str],
        report: IngestReport,
        progress: ProgressCallback | None = None,
        pages: list[PageState] | None = None,
        forget: list[str] | None = None,
    ) -> None:
        """Embed, classify and write documents (and crawl state) in one transaction."""
        records = [record for record, _ in parsed]
        self._embed(records, progress)
        # Classified after embedding, so the sector model reuses the passage vectors instead of
        # embedding every document a second time.
        today = datetime.now().date()
        for done, (record, doc) in enumerate(parsed):
            if progress:  # a file of thousands of cases takes minutes here
                progress("Klassificerer", done, len(parsed))
            vector = centroid(record, self.embedder.dim)
            classification = self.classifier.classify(doc, vector, today=today)
            _merge_classification(record, doc.fields, classification)
        if progress and parsed:
            progress("Klassificerer", len(parsed), len(parsed))
        report.documents.update(self._changes(records, set(report.added)))
        self._write(records, deletions, pages or [], forget or [])

    def _changes(self, records: list[DocumentRecord], added: set[str]) -> dict[str, str]:
        """id -> "new" or "changed" for the records a reader would find new or changed.

        A record written again only because its file changed elsewhere (another record of the
        same JSON Lines file) or the pipeline changed reads as before: it is not news.
        """
        before = self.store.documents([r.id for r in records if r.source not in added])
        changes: dict[str, str] = {}
        for record in records:
            if record.source in added or record.id not in before:
                changes[record.id] = "new"
            elif _reads_differently(before[record.id], record):
                changes[record.id] = "changed"
        return changes

    def _write(
        self,
        records: list[DocumentRecord],
        deletions: list[str],
        pages: list[PageState],
        forget: list[str],
    ) -> None:
        """Store documents, deletions and crawl state in one transaction."""
        dim = self.embedder.dim
        ids, vectors = self.store.document_vectors()
        self.store.write(
            records,
            deletions,
            meta={
                "model": self.embedder.model_id,
                "dim": str(dim),
                "embed_precision": self.embedder.precision,
            },
            duplicates=find_duplicates(
                records,
                ids,
                vectors,
                lambda doc_id: self.store.passage_vectors_of(doc_id, dim),
                dim,
                leaving={document_id(source) for source in deletions},
            ),
            pages=pages,
            forget_pages=forget,
        )

    def _ingest_file(
        self,
        source_file: SourceFile,
        hashes_of_file: dict[str, dict[str, str]],
        parsed_docs: list[tuple[DocumentRecord, ParsedDocument]],
        deletions: list[str],
        seen_sources: set[str],
        report: IngestReport,
    ) -> None:
        source = source_file.source
        previous = dict(hashes_of_file.get(source, {}))
        if source_file.root.is_dir():
            try:
                parser_for(source_file.path)
            except UnsupportedSource as exc:
                # A folder holds other files too (a script, a spreadsheet, a picture): passed
                # over and named, not a failure. A file given by name that can't be read is one.
                report.skipped.append((source, exc.message))
                return
        size = _size(source_file.path)
        if size > self.settings.max_file_bytes:
            report.failed.append((source, _too_big(size, self.settings.max_file_bytes)))
            seen_sources.update(previous)  # keep what was stored before
            return
        try:
            content = read_bytes(source_file.path)
        except ParseError as exc:
            report.failed.append((source, exc.message))
            seen_sources.update(previous)
            return
        content_hash = hashlib.sha256(PIPELINE_VERSION.encode() + content).hexdigest()
        if previous and all(h == content_hash for h in previous.values()):
            report.unchanged.extend(sorted(previous))
            seen_sources.update(previous)
            return
        try:
            parsed = parse_file(source_file.path, self.limits)
            if not parsed:
                raise ParseError("filen indeholder ingen dokumenter")
        except InnosearchError as exc:
            report.failed.append((source, exc.message))
            seen_sources.update(previous)  # keep what was stored before
            return
        except Exception as exc:  # a parser bug must not stop the rest of the batch
            report.failed.append((source, f"uventet fejl under læsning: {exc!r}"))
            seen_sources.update(previous)
            return
        # Records a parser skipped count as failures of this file; its good records still land.
        skipped = warnings_of(parsed)
        report.failed.extend((source, warning) for warning in skipped)
        if skipped:
            # The stored versions of the skipped records stay (they are only broken now), and
            # the file is stored as not yet read in full, so the next run reads it again and
            # reports them again instead of passing it as unchanged.
            content_hash = _PARTLY_READ + content_hash
        # A report of several projects: the report first, so that writing it again (which
        # removes its cases) comes before its cases are written.
        parsed = [part for doc in parsed for part in split_report(doc)]
        now = datetime.now(UTC).isoformat(timespec="seconds")
        new_sources = set()
        for doc in parsed:
            doc_source = source + doc.source_suffix
            new_sources.add(doc_source)
            report.warnings.extend((doc_source, p) for p in stated_value_problems(doc))
            try:
                record = self._record(doc, doc_source, content_hash, now)
            except LimitExceeded as exc:  # this document is refused; the file's others land
                report.failed.append((doc_source, exc.message))
                new_sources.discard(doc_source)
                if doc_source in previous:
                    seen_sources.add(doc_source)
                    previous.pop(doc_source)  # the stored version stays
                continue
            parsed_docs.append((record, doc))
            (report.updated if doc_source in previous else report.added).append(doc_source)
        if skipped:
            seen_sources.update(set(previous) - new_sources)
        else:
            # A record taken out of a file, a chapter out of a report: removed, and said so.
            taken_out = sorted(set(previous) - new_sources)
            deletions.extend(taken_out)
            report.removed.extend(taken_out)
        seen_sources.update(new_sources)

    def _record(
        self,
        doc: ParsedDocument,
        source: str,
        content_hash: str,
        now: str,
        doc_id: str | None = None,
    ) -> DocumentRecord:
        """The stored form of a parsed document; `doc_id` keeps the id of a page that moved."""
        stated = doc.fields
        _check_fields(doc, self.settings.max_field_chars)
        record = DocumentRecord(
            id=doc_id or document_id(source),
            source=source,
            kind=doc.kind,
            title=doc.title,
            text=doc.text,
            sections=doc.sections,
            content_hash=content_hash,
            ingested_at=now,
            organisation=stated.get("organisation"),
            place=stated.get("place"),
            year=stated.get("year"),
            contact_name=stated.get("contact_name"),
            contact_email=stated.get("contact_email"),
            contact_phone=stated.get("contact_phone"),
            tags=list(stated.get("tags") or []),
            links=list(stated.get("links") or []),
            extra=doc.extra,
        )
        if doc.part_of_suffix is not None:  # a case of a report (ingest/report_cases.py)
            report_source = source.removesuffix(doc.source_suffix) + doc.part_of_suffix
            record.part_of = DocumentLink(document_id(report_source), doc.part_of_title)
        record.chunks = self._passages(doc)
        return record

    def _passages(self, doc: ParsedDocument) -> list[StoredChunk]:
        """A document's passages, not yet embedded; LimitExceeded when there are too many."""
        drafts = chunk_document(doc, self.settings.chunk_min_words, self.settings.chunk_max_words)
        if len(drafts) > self.settings.max_passages:
            raise LimitExceeded(
                f"dokumentet giver {len(drafts)} tekstafsnit; grænsen er "
                f"{self.settings.max_passages} (INNOSEARCH_MAX_PASSAGES)"
            )
        return [
            StoredChunk(
                text=d.text,
                section=d.section,
                page=d.page,
                embed_text=d.embed_text or d.text,
                vector=b"",
            )
            for d in drafts
        ]

    def add_records(self, records: list[tuple[DocumentRecord, ParsedDocument]]) -> None:
        """Store documents whose fields are already known (an import): chunk, embed, write.

        Nothing is classified: the records carry their stated and inferred values.
        """
        check_model(self.store, self.embedder.model_id, self.embedder.dim)
        for record, doc in records:
            record.chunks = self._passages(doc)
        self._embed([record for record, _ in records], None)
        self._write([record for record, _ in records], [], [], [])
        self._build_index()

    def _embed(self, records: list[DocumentRecord], progress: ProgressCallback | None) -> None:
        """Fill every chunk's vector, from the cache where possible, caching new ones at once."""
        model = self.embedder.model_id
        chunks = [chunk for record in records for chunk in record.chunks]
        keys = [hashlib.sha256(c.embed_text.encode("utf-8")).hexdigest() for c in chunks]
        cached = self.store.cached_vectors(model, list(set(keys)))
        # Longest first, so each batch holds passages of about one length and pads little.
        todo = sorted(
            {k: c.embed_text for k, c in zip(keys, chunks, strict=True) if k not in cached}.items(),
            key=lambda item: -len(item[1]),
        )
        if progress and todo:
            progress("Beregner vektorer", 0, len(todo))
        done = 0
        for fresh in self._passage_vectors(todo):
            self.store.cache_vectors(model, fresh)
            cached.update(fresh)
            done += len(fresh)
            if progress:
                progress("Beregner vektorer", done, len(todo))
        for chunk, key in zip(chunks, keys, strict=True):
            chunk.vector = cached[key]
        self._embed_outlines([record for record in records if record.chunks])

    def _fill_outlines(self, progress: ProgressCallback | None) -> bool:
        """Give documents stored before outlines were (and not written again since: an imported
        record, a page not due) theirs; whether any were written. Until every document has one,
        searches rank by the first stage alone (search/outline.py)."""
        filled: set[str] = set()
        while ids := [
            i for i in self.store.without_outline(_OUTLINES_PER_WRITE) if i not in filled
        ]:
            if progress:
                progress("Beregner dokumenternes overblik", len(filled), len(filled) + len(ids))
            records = list(self.store.documents(ids).values())
            self._embed_outlines(records)
            self.store.write_outlines({r.id: r.outline_vector for r in records})
            filled.update(ids)  # a document deleted meanwhile is not asked for again
        return bool(filled)

    def _embed_outlines(self, records: list[DocumentRecord]) -> None:
        """Each document's outline as a question (search/outline.py), from the cache where
        possible. Short texts, one per document: embedded here, never on the workers."""
        model = self.embedder.model_id
        texts = [outline_text(r.title, [s.heading for s in r.sections]) for r in records]
        # The question form: a key of its own, so no passage of the same words shares it.
        keys = [hashlib.sha256(f"query: {t}".encode()).hexdigest() for t in texts]
        cached = self.store.cached_vectors(model, list(set(keys)))
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in cached}
        batch = max(1, self.settings.embed_batch_size)
        pending = list(todo.items())
        for start in range(0, len(pending), batch):
            part = pending[start : start + batch]
            vectors = self.embedder.embed_queries([text for _, text in part])
            fresh = {
                key: vectors[i].astype(np.float32).tobytes() for i, (key, _) in enumerate(part)
            }
            self.store.cache_vectors(model, fresh)
            cached.update(fresh)
        for record, key in zip(records, keys, strict=True):
            record.outline_vector = cached[key]

    def _embed_here(self, todo: list[tuple[str, str]]) -> Iterator[dict[str, bytes]]:
        """Vectors computed in this process, a few model batches at a time."""
        batch = max(1, self.settings.embed_batch_size * 4)
        for start in range(0, len(todo), batch):
            part = todo[start : start + batch]
            vectors = self.embedder.embed_passages([text for _, text in part])
            yield {key: vectors[i].tobytes() for i, (key, _) in enumerate(part)}


def _gone(
    paths: list[Path],
    files: list[SourceFile],
    origins: dict[str, str],
    hashes_of_file: dict[str, dict[str, str]],
) -> list[str]:
    """Stored files from under the given folders that are no longer there (for --prune).

    Only files known to come from those folders: another folder's files, uploads, web pages and
    documents of a home from before file origins were kept are never pruned. Nor is a file still
    there that was not found (its folder could not be listed).
    """
    folders = [os.path.join(os.path.abspath(p), "") for p in paths if p.is_dir()]
    present = {f.source for f in files}
    return sorted(
        source
        for source, origin in origins.items()
        if source not in present
        and source in hashes_of_file
        and any(origin.startswith(folder) for folder in folders)
        and _deleted(origin)
    )


def _deleted(path: str) -> bool:
    """Whether the file at `path` is gone; False when that can't be told (no access)."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def _by_file(hashes: dict[str, str]) -> dict[str, dict[str, str]]:
    """Stored content hashes by file: a file's own source and its documents ("<file>#2").

    Looked up per file instead of scanning every stored source for each file (200,000 sources
    at 1M passages). A file name may hold "#" itself, so each source is filed under every
    prefix that ends before one.
    """
    grouped: dict[str, dict[str, str]] = {}
    for source, content_hash in hashes.items():
        grouped.setdefault(source, {})[source] = content_hash
        for at in (i for i, c in enumerate(source) if c == "#"):
            grouped.setdefault(source[:at], {})[source] = content_hash
    return grouped


# Short fields a title-sized limit applies to (the body text is bounded by the file size and
# the number of passages).
_SHORT_FIELDS = ("organisation", "place", "contact_name", "contact_email", "contact_phone")


def _check_fields(doc: ParsedDocument, limit: int) -> None:
    """Refuse a document whose title or another short field is longer than `limit` characters."""
    values = [("titel", doc.title)] + [(name, doc.fields.get(name)) for name in _SHORT_FIELDS]
    values += [("tags", tag) for tag in doc.fields.get("tags") or []]
    for name, value in values:
        if isinstance(value, str) and len(value) > limit:
            raise LimitExceeded(
                f"feltet {name} har {len(value)} tegn; grænsen er {limit} "
                "(INNOSEARCH_MAX_FIELD_CHARS)"
            )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it reports the problem


def _too_big(size: int, limit: int) -> str:
    # Both sizes in the limit's unit, with a Danish decimal comma: "1,9 MB; grænsen er 1,0 MB".
    unit, scale = ("MB", 2**20) if limit >= 2**20 else ("kB", 1000)

    def amount(n: int) -> str:
        return f"{n / scale:,.1f}".translate(_DANISH_DIGITS) + f" {unit}"

    return f"filen fylder {amount(size)}; grænsen er {amount(limit)} (INNOSEARCH_MAX_FILE_BYTES)"


# What a reader of a case sees of it: a change to any of these is news to those who follow it.
_READ_FIELDS = (
    "title",
    "text",
    "organisation",
    "sector",
    "stage",
    "status",
    "year",
    "contact_name",
    "contact_email",
    "contact_phone",
    "evidence_level",
)


def _reads_differently(before: DocumentRecord, after: DocumentRecord) -> bool:
    return any(getattr(before, name) != getattr(after, name) for name in _READ_FIELDS)


def _merge_classification(
    record: DocumentRecord, stated: dict, classification: Classification
) -> None:
    """Stated values win; classified values fill the gaps and are recorded as inferred."""
    for name in ("sector", "stage", "status", "organisation_type", "evidence_level"):
        if stated.get(name) is not None:
            setattr(record, name, stated[name])
            continue
        guess = getattr(classification, name)
        if guess is not None:
            setattr(record, name, guess.value)
            record.inferred[name] = round(float(guess.confidence), 3)
    record.evidence_sentences = list(classification.evidence_sentences)
    contact = classification.contact
    if contact is not None:  # only found when no contact field is stated
        record.contact_name = contact.name
        record.contact_email = contact.email
        record.contact_phone = contact.phone
        record.inferred["contact"] = contact.confidence
    if classification.organisation is not None:  # only found when no organisation is stated
        record.organisation = classification.organisation.value
        record.inferred["organisation"] = classification.organisation.confidence
    if stated.get("has_pitfalls") is not None:
        record.has_pitfalls = bool(stated["has_pitfalls"])
    elif classification.has_pitfalls is not None:
        record.has_pitfalls = bool(classification.has_pitfalls.value)
        record.inferred["has_pitfalls"] = round(float(classification.has_pitfalls.confidence), 3)
    if record.has_pitfalls:
        record.pitfall_sentences = list(classification.pitfall_sentences)
