"""The Searcher: every read the product offers (search, documents, related, effects, stats).

A thin facade: it validates a request, takes the current snapshot of the home and calls the
module that does the work (retrieve, rank, facets, panel, related).
"""

from collections.abc import Iterator
from dataclasses import replace

import numpy as np

from innosearch.config import Settings
from innosearch.documents import DocumentRecord
from innosearch.embed.base import Embedder
from innosearch.errors import DocumentNotFound, InvalidFilter
from innosearch.filters import Filters
from innosearch.index.manifest import check_model
from innosearch.index.store import Store
from innosearch.search import panel
from innosearch.search.corpus import Corpus
from innosearch.search.facets import count_facets
from innosearch.search.fusion import DocumentHit, RankingConfig
from innosearch.search.hits import build_hits
from innosearch.search.intent import wants_pitfalls
from innosearch.search.query import SearchRequest, normalise_query
from innosearch.search.rank import collapse_duplicates, reorder
from innosearch.search.related import nearest_documents
from innosearch.search.results import Hit, SearchResult
from innosearch.search.retrieve import retrieve
from innosearch.taxonomy import EVIDENCE_LEVELS, STAGES


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
        self.store = store or Store(settings.store_path)
        check_model(self.store, embedder.model_id)
        self.corpus = Corpus(settings, self.store)

    def search(self, request: SearchRequest) -> SearchResult:
        query = normalise_query(request.query, self.settings.max_query_chars)
        self._check_paging(request.limit, request.offset)
        if request.my_stage and request.my_stage not in STAGES:
            raise InvalidFilter(
                f"Ukendt fase '{request.my_stage}'. Mulige værdier: {', '.join(STAGES)}."
            )
        filters = _active(request.filters)
        snapshot = self.corpus.current()
        query = snapshot.vocabulary.correct(query)
        query_vector = self.embedder.embed_queries([query])[0]
        ranked = retrieve(snapshot, self.ranking, query, query_vector, filters)
        ranked = reorder(snapshot, ranked, wants_pitfalls(query), request.my_stage)
        ranked = collapse_duplicates(snapshot, ranked)
        page = ranked[request.offset : request.offset + request.limit]
        sector = panel.own_sector(snapshot, request, ranked)
        return SearchResult(
            query=query,
            total=len(ranked),
            limit=request.limit,
            offset=request.offset,
            hits=build_hits(self.store, page, query),
            facets=count_facets(snapshot, [r.doc_id for r in ranked]),
            inspiration=panel.suggestions(
                snapshot, self.ranking, query, query_vector, request, sector.key, ranked, page
            ),
            own_sector=sector.key,
            own_sector_basis=sector.basis,
            own_sector_reason=sector.reason,
        )

    def _check_paging(self, limit: int, offset: int) -> None:
        if not 1 <= limit <= self.settings.max_limit:
            raise InvalidFilter(f"limit skal være mellem 1 og {self.settings.max_limit}.")
        if offset < 0:
            raise InvalidFilter("offset kan ikke være negativ.")

    def document(self, doc_id: str) -> DocumentRecord:
        record = self.store.document(doc_id)
        if record is None:
            raise DocumentNotFound(f"Der findes ingen sag med id '{doc_id}'.")
        return record

    def duplicates(self, doc_id: str) -> list[tuple[str, str, float]]:
        """(id, title, similarity) of the document's possible duplicates."""
        return self.store.duplicates_of(self.document(doc_id).id)

    def related(self, doc_id: str, other_sectors: bool = False, limit: int = 5) -> list[Hit]:
        """The nearest other documents; never the document's possible duplicates."""
        doc = self.document(doc_id)
        self._check_paging(limit, 0)
        excluded = {doc_id} | {other for other, _, _ in self.duplicates(doc_id)}
        snapshot = self.corpus.current()
        ranked = nearest_documents(snapshot, doc_id, doc.sector, excluded, other_sectors, limit)
        return build_hits(self.store, ranked, "")

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
        snapshot = self.corpus.current()
        end = None if limit is None else offset + limit
        if query and query.strip():
            text = normalise_query(query, self.settings.max_query_chars)
            vector = self.embedder.embed_queries([text])[0]
            ranked = retrieve(snapshot, self.ranking, text, vector, filters)
            return len(ranked), build_hits(self.store, ranked[offset:end], text)
        columns = snapshot.table.documents
        rows = np.flatnonzero(filters.mask(columns))
        level = columns.values["evidence_level"][rows]
        year = np.nan_to_num(columns.values["year"][rows])  # a missing year sorts last
        ids = np.asarray(columns.ids, dtype=str)[rows]
        by_level = ids[np.lexsort((ids, -year, -level))].tolist()
        page = [DocumentHit(d, 0.0, self._first_chunk(d), 0.0) for d in by_level[offset:end]]
        return len(by_level), build_hits(self.store, page, "")

    def _first_chunk(self, doc_id: str) -> int:
        chunks = self.store.chunks_of(doc_id)
        return chunks[0]["id"] if chunks else -1

    def delete(self, doc_id: str) -> None:
        """Remove a document and its passages; the next read sees the new generation."""
        if not self.store.delete_document(doc_id):
            raise DocumentNotFound(f"Der findes ingen sag med id '{doc_id}'.")

    def all_documents(self) -> Iterator[DocumentRecord]:
        return self.store.all_documents()

    def stats(self) -> dict:
        return {
            **self.store.stats(),
            "model": self.embedder.model_id,
            "dim": self.corpus.dim or None,
            "index_type": self.corpus.current().index.kind,
            "schema_version": self.store.schema_version,
        }


def _active(filters: Filters) -> Filters | None:
    """Validated filters, or None when they filter nothing."""
    filters.validate()
    return filters if filters.active else None
