"""The Searcher: every read the product offers (search, documents, related, effects, stats).

A thin facade: it validates a request, takes the current snapshot of the home and calls the
module that does the work (retrieve, rank, facets, panel, related).
"""

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import numpy as np

from innosearch.config import Settings
from innosearch.documents import DocumentRecord
from innosearch.embed.base import Embedder
from innosearch.embed.query_cache import QueryVectors
from innosearch.errors import DocumentNotFound, InvalidFilter, StaleTable
from innosearch.filters import Filters
from innosearch.index.manifest import check_model
from innosearch.index.store import Store
from innosearch.search import panel
from innosearch.search.corpus import Corpus, Snapshot
from innosearch.search.facets import count_facets
from innosearch.search.fusion import DocumentHit, RankingConfig
from innosearch.search.hits import build_hits
from innosearch.search.intent import wants_pitfalls
from innosearch.search.notice import query_notice
from innosearch.search.outline import rescore_by_outline
from innosearch.search.query import SearchRequest, normalise_query, topic_words
from innosearch.search.rank import collapse_duplicate_ids, collapse_duplicates, reorder
from innosearch.search.related import linked_documents, nearest_documents
from innosearch.search.results import Facet, Hit, SearchResult
from innosearch.search.retrieve import retrieve
from innosearch.taxonomy import EVIDENCE_LEVELS, STAGES, unknown_value

# Snapshots tried before giving up while other processes keep committing.
_ATTEMPTS = 3
_Result = TypeVar("_Result")


class Searcher:
    """Read side of one home."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        store: Store | None = None,
        ranking: RankingConfig | None = None,
    ):
        self.settings = settings
        self.ranking = ranking or RankingConfig()
        self.embedder = embedder
        self.query_vectors = QueryVectors(embedder, settings.query_cache_size)
        self.store = store or Store.of(settings)
        check_model(self.store, embedder.model_id)
        self.corpus = Corpus(settings, self.store)

    def search(self, request: SearchRequest) -> SearchResult:
        query = normalise_query(request.query, self.settings.max_query_chars)
        self._check_paging(request.limit, request.offset)
        if request.my_stage and request.my_stage not in STAGES:
            raise InvalidFilter(unknown_value("stage", request.my_stage, "my_stage"))
        filters = _active(request.filters)
        return self._consistent(lambda snapshot: self._search(snapshot, request, query, filters))

    def _search(
        self,
        snapshot: Snapshot,
        request: SearchRequest,
        query: str,
        filters: Filters | None,
    ) -> SearchResult:
        asked = query
        if not request.as_typed:
            query = snapshot.vocabulary.correct(query)
        notice = query_notice(snapshot, query)
        searched = notice is None or notice.searched
        query_vector = self.query_vector(query) if searched else None
        ranked: list[DocumentHit] = []
        if query_vector is not None:
            ranked = retrieve(snapshot, self.ranking, query, query_vector, filters)
            ranked = reorder(snapshot, ranked, wants_pitfalls(query), request.my_stage)
            ranked = collapse_duplicates(snapshot, ranked)
            ranked = rescore_by_outline(snapshot, self.ranking, query_vector, ranked)
        sector = panel.own_sector(snapshot, request, ranked)
        inspiration: list[Hit] = []
        if query_vector is not None:
            inspiration = panel.suggestions(
                snapshot, self.ranking, query, query_vector, request, sector.key, ranked
            )
        page = ranked[request.offset : request.offset + request.limit]
        return SearchResult(
            query=query,
            total=len(ranked),
            limit=request.limit,
            offset=request.offset,
            hits=build_hits(self.store, page, query),
            facets=count_facets(snapshot, [r.doc_id for r in ranked]),
            inspiration=inspiration,
            own_sector=sector.key,
            own_sector_basis=sector.basis,
            own_sector_reason=sector.reason,
            corrected_from=asked if query != asked else None,
            notice=notice,
        )

    def query_vector(self, query: str) -> np.ndarray:
        """The question's vector, blended with its content words' (`topic_words_weight`)."""
        weight = self.ranking.topic_words_weight
        topic = topic_words(query) if weight else ""
        if not topic or topic == query.lower():
            return self.query_vectors.vector(query)
        whole, words = self.query_vectors.vectors([query, topic])
        blended = (1 - weight) * whole + weight * words
        return blended / np.linalg.norm(blended)

    def _consistent(self, work: Callable[[Snapshot], _Result]) -> _Result:
        """Run `work` on the current snapshot with every store read at its generation.

        An ingest by another process may commit between taking the snapshot and reading rows;
        the read then refuses (StaleTable) and the work starts again on the new snapshot, so a
        search never mixes two generations.
        """
        for attempt in range(_ATTEMPTS):
            snapshot = self.corpus.current()
            try:
                with self.store.reading(snapshot.generation):
                    return work(snapshot)
            except StaleTable:
                if attempt == _ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _check_paging(self, limit: int, offset: int) -> None:
        if not 1 <= limit <= self.settings.max_limit:
            # Named as a reader knows it, with the parameter's name for the API's callers.
            raise InvalidFilter(
                f"Antal resultater (limit) skal være mellem 1 og {self.settings.max_limit}."
            )
        if offset < 0:
            raise InvalidFilter("Antal sprungne resultater (offset) kan ikke være negativt.")

    def document(self, doc_id: str) -> DocumentRecord:
        record = self.store.document(doc_id)
        if record is None:
            raise DocumentNotFound(f"Der findes ingen sag med id '{doc_id}'.")
        return record

    def document_page(
        self, doc_id: str
    ) -> tuple[DocumentRecord, list[tuple[str, str, float]], bool]:
        """A document, its possible duplicates and whether its original file can be opened: what
        its page shows."""
        record = self.document(doc_id)  # read once: a report's record holds its whole text
        duplicates = self.store.duplicates_of(record.id)
        return record, duplicates, self._original_of(record) is not None

    def original_file(self, doc_id: str) -> Path | None:
        """The file the document was read from, where it still lies (a folder's file, an
        upload); None for a web page, an imported record or a file moved or deleted since."""
        return self._original_of(self.document(doc_id))

    def _original_of(self, record: DocumentRecord) -> Path | None:
        # A report's case ("rapport.pdf#sag-2") was read from the report's file.
        origin = self.store.file_origin(record.source.split("#")[0])
        path = Path(origin) if origin else None
        return path if path is not None and path.is_file() else None

    def duplicates(self, doc_id: str) -> list[tuple[str, str, float]]:
        """(id, title, similarity) of the document's possible duplicates."""
        return self.store.duplicates_of(self.document(doc_id).id)

    def related(self, doc_id: str, other_sectors: bool = False, limit: int = 5) -> list[Hit]:
        """The nearest other documents; never the document's possible duplicates, nor the
        report it is a case of or the cases of a report (its page links to those already)."""
        self._check_paging(limit, 0)

        def nearest(snapshot: Snapshot) -> list[Hit]:
            doc = self.document(doc_id)
            excluded = {doc_id} | {other for other, _, _ in self.duplicates(doc_id)}
            excluded |= linked_documents(doc)
            ranked = nearest_documents(snapshot, doc_id, doc.sector, excluded, other_sectors, limit)
            return build_hits(self.store, ranked, "")

        return self._consistent(nearest)

    def effects(
        self,
        query: str | None,
        filters: Filters,
        min_level: int = 2,
        limit: int | None = 50,
        offset: int = 0,
    ) -> tuple[int, list[Hit]]:
        """Cases with evidence level >= min_level: by relevance to the query, else by level.

        Returns the number of such cases and one page of them; `limit=None` gives all (export).
        """
        if min_level not in EVIDENCE_LEVELS:
            raise InvalidFilter("min_level skal være et tal fra 0 til 4.")
        if limit is not None:
            self._check_paging(limit, offset)
        filters = replace(filters, min_level=max(min_level, filters.min_level or 0))
        filters.validate()
        return self._consistent(
            lambda snapshot: self._effects(snapshot, query, filters, offset, limit)
        )

    def _effects(
        self,
        snapshot: Snapshot,
        query: str | None,
        filters: Filters,
        offset: int,
        limit: int | None,
    ) -> tuple[int, list[Hit]]:
        end = None if limit is None else offset + limit
        if query and query.strip():
            text = normalise_query(query, self.settings.max_query_chars)
            vector = self.query_vector(text)
            ranked = collapse_duplicates(
                snapshot, retrieve(snapshot, self.ranking, text, vector, filters)
            )
            ranked = rescore_by_outline(snapshot, self.ranking, vector, ranked)
            return len(ranked), build_hits(self.store, ranked[offset:end], text)
        by_level = _listing(snapshot, filters, -snapshot.table.documents.values["evidence_level"])
        return len(by_level), self._listed_hits(by_level[offset:end])

    def overview(
        self, filters: Filters, limit: int = 50, offset: int = 0
    ) -> tuple[int, list[Hit], dict[str, list[Facet]]]:
        """What goes on in a sector or stage: ongoing work first, then newest first.

        Returns the number of documents, one page of them and their facet counts (how many are
        ongoing, in which stage, from which kind of organisation).
        """
        self._check_paging(limit, offset)
        filters.validate()

        # On one generation, as every read: a case listed from the snapshot may be gone from
        # the store after an ingest or delete in between.
        def listing(snapshot: Snapshot) -> tuple[int, list[Hit], dict[str, list[Facet]]]:
            ongoing = snapshot.table.documents.values["status"] == "igangvaerende"
            listed = _listing(snapshot, filters, ~ongoing)
            page = self._listed_hits(listed[offset : offset + limit])
            return len(listed), page, count_facets(snapshot, listed)

        return self._consistent(listing)

    def _listed_hits(self, doc_ids: list[str]) -> list[Hit]:
        page = [DocumentHit(d, 0.0, self._first_chunk(d), 0.0) for d in doc_ids]
        return build_hits(self.store, page, "")

    def _first_chunk(self, doc_id: str) -> int:
        chunks = self.store.chunks_of(doc_id)
        return chunks[0]["id"] if chunks else -1

    def all_documents(self) -> Iterator[DocumentRecord]:
        return self.store.all_documents()

    def health(self) -> dict:
        """What the server knows without reading the store: safe to answer under any load."""
        snapshot = self.corpus.latest
        return {
            "documents": None if snapshot is None else len(snapshot.table.documents.ids),
            "generation": None if snapshot is None else snapshot.generation,
            "model": self.embedder.model_id,
        }

    def stats(self) -> dict:
        return {
            **self.store.stats(),
            "model": self.embedder.model_id,
            "embed_precision": self.store.get_meta("embed_precision"),
            "dim": self.corpus.dim or None,
            "backend": self.settings.vector_backend,
            "index_type": self.corpus.current().index.kind,
            "schema_version": self.store.schema_version,
        }


def _listing(snapshot: Snapshot, filters: Filters, first_key: np.ndarray) -> list[str]:
    """Ids of the documents that pass the filters, by `first_key` (per document row, ascending),
    then newest year first (a missing year last), then id; one of two possible duplicates, as
    in search, so that a case submitted twice is not counted twice."""
    columns = snapshot.table.documents
    rows = np.flatnonzero(filters.mask(columns))
    year = np.nan_to_num(columns.values["year"][rows])
    ids = np.asarray(columns.ids, dtype=str)[rows]
    return collapse_duplicate_ids(snapshot, ids[np.lexsort((ids, -year, first_key[rows]))].tolist())


def _active(filters: Filters) -> Filters | None:
    """Validated filters, or None when they filter nothing."""
    filters.validate()
    return filters if filters.active else None
