"""The Searcher: every read the product offers (search, documents, related, effects, stats)."""

import re
from collections import Counter
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
from innosearch.index.vectors import VectorIndex
from innosearch.search import inspiration
from innosearch.search.fusion import DocumentHit, RankingConfig, aggregate, fuse
from innosearch.search.query import SearchRequest, normalise_query
from innosearch.search.results import Facet, Hit, SearchResult
from innosearch.search.snippet import snippet
from innosearch.search.spelling import Vocabulary
from innosearch.taxonomy import EVIDENCE_LEVELS, SECTORS, STAGES, label
from innosearch.text.analysis import match_expression

# Multipliers on the fused score; they reorder without hiding anything.
PITFALL_BOOST = 1.25
PITFALL_PASSAGE_BONUS = 0.03
STAGE_BOOST = 1.15

FACET_FIELDS = (
    "sector",
    "stage",
    "status",
    "organisation_type",
    "kind",
    "evidence_level",
    "has_pitfalls",
)


class Searcher:
    """Read side of one home: FAISS for passages, SQLite for everything else."""

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
        self._generation = -1
        self._index: VectorIndex | None = None
        self._chunk_doc: dict[int, str] = {}
        self._doc_values: dict[str, dict] = {}
        self._doc_centroids: dict[str, np.ndarray] | None = None
        self._centroid_rows: tuple[list[str], np.ndarray] | None = None
        self._problems: dict[str, np.ndarray] | None = None
        self._chunk_section: dict[int, str] | None = None
        self._words: Vocabulary | None = None
        self._duplicate_of: dict[str, set[str]] | None = None

    # --- state ------------------------------------------------------------------------------

    def _refresh(self) -> VectorIndex:
        """Reload the index and in-memory maps when an ingest has changed the store."""
        generation = self.store.generation
        if self._index is None or generation != self._generation:
            self._index = VectorIndex.open(
                self.store, self.settings.vectors_path, self.embedder.dim
            )
            self._chunk_doc = self.store.chunk_documents()
            self._doc_values = self.store.document_facets()
            self._doc_centroids = None
            self._centroid_rows = None
            self._problems = None
            self._chunk_section = None
            self._words = None
            self._duplicate_of = None
            self._generation = generation
        return self._index

    # --- retrieval --------------------------------------------------------------------------

    def _rank(
        self, query: str, query_vector: np.ndarray, allowed_docs: set[str] | None
    ) -> list[DocumentHit]:
        """Documents for a query, best first: dense and lexical passage lists, fused."""
        index = self._refresh()
        config = self.ranking
        allowed_chunks = None
        if allowed_docs is not None:
            allowed_chunks = np.fromiter(
                (c for c, d in self._chunk_doc.items() if d in allowed_docs), dtype=np.int64
            )
        dense: dict[str, tuple[float, int]] = {}
        if config.fusion != "lexical":
            passages = index.search(query_vector, config.dense_candidates, allowed_chunks)
            if config.feedback_weight and passages:
                query_vector = self._feedback(query_vector, passages, config)
                passages = index.search(query_vector, config.dense_candidates, allowed_chunks)
            if wants_pitfalls(query):
                passages = self._favour_pitfall_passages(passages)
            similarity = None
            if config.document_weight:
                ids, matrix = self._centroid_matrix()
                similarity = dict(zip(ids, (matrix @ query_vector).tolist(), strict=True))
            dense = aggregate(passages, self._chunk_doc, config, similarity)
        lexical: dict[str, tuple[float, int]] = {}
        expression = match_expression(query)
        if expression and (config.lexical_weight > 0 or config.fusion == "lexical"):
            for chunk_id, score in self.store.lexical_search(expression, config.lexical_candidates):
                doc_id = self._chunk_doc.get(chunk_id)
                if doc_id is None or (allowed_docs is not None and doc_id not in allowed_docs):
                    continue
                if doc_id not in lexical:
                    lexical[doc_id] = (score, chunk_id)
        return fuse(dense, lexical, config)

    def _feedback(
        self, query_vector: np.ndarray, passages: list[tuple[int, float]], config: RankingConfig
    ) -> np.ndarray:
        """The query moved towards the documents the first retrieval found best."""
        top: list[str] = []
        for chunk_id, _ in passages:
            doc_id = self._chunk_doc[chunk_id]
            if doc_id not in top:
                top.append(doc_id)
            if len(top) == config.feedback_documents:
                break
        centroids = self._centroids()
        mean = np.mean([centroids[d] for d in top], axis=0)
        moved = query_vector + config.feedback_weight * mean
        return (moved / np.linalg.norm(moved)).astype(np.float32)

    def _favour_pitfall_passages(
        self, passages: list[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        """For questions about mistakes, passages from pitfall sections count a little more."""
        if self._chunk_section is None:
            self._chunk_section = self.store.chunk_sections()
        boosted = [
            (
                chunk_id,
                score + PITFALL_PASSAGE_BONUS * is_pitfall_section(self._chunk_section[chunk_id]),
            )
            for chunk_id, score in passages
        ]
        return sorted(boosted, key=lambda p: -p[1])

    def _allowed(self, filters: Filters) -> set[str] | None:
        filters.validate()
        if not filters.active:
            return None
        return {d for d, values in self._doc_values.items() if filters.matches(values)}

    def _hits(self, ranked: list[DocumentHit], query: str) -> list[Hit]:
        docs = self.store.documents([r.doc_id for r in ranked])
        chunks = self.store.chunks([r.chunk_id for r in ranked])
        hits = []
        for r in ranked:
            chunk = chunks.get(r.chunk_id, {"text": "", "section": "", "page": None})
            text, marks = snippet(chunk["text"], query)
            hits.append(Hit(docs[r.doc_id], r.score, chunk["section"], chunk["page"], text, marks))
        return hits

    # --- public reads -----------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        query = normalise_query(request.query, self.settings.max_query_chars)
        self._check_paging(request.limit, request.offset)
        if request.my_stage and request.my_stage not in STAGES:
            raise InvalidFilter(
                f"Ukendt fase '{request.my_stage}'. Mulige værdier: {', '.join(STAGES)}."
            )
        self._refresh()
        query = self._vocabulary().correct(query)
        query_vector = self.embedder.embed_queries([query])[0]
        ranked = self._rank(query, query_vector, self._allowed(request.filters))
        ranked = self._collapse_duplicates(self._reorder(ranked, query, request.my_stage))
        page = ranked[request.offset : request.offset + request.limit]
        own_sector = self._own_sector(request, ranked)
        return SearchResult(
            query=query,
            total=len(ranked),
            limit=request.limit,
            offset=request.offset,
            hits=self._hits(page, query),
            facets=self._facets([r.doc_id for r in ranked]),
            inspiration=self._inspiration(
                query, query_vector, request, own_sector, ranked, shown=page
            ),
            own_sector=own_sector,
        )

    def _reorder(
        self, ranked: list[DocumentHit], query: str, my_stage: str | None
    ) -> list[DocumentHit]:
        """Favour pitfall passages for questions about mistakes, and the asker's stage."""
        asks_pitfalls = wants_pitfalls(query)
        if not asks_pitfalls and not my_stage:
            return ranked
        for r in ranked:
            values = self._doc_values[r.doc_id]
            if asks_pitfalls and values["has_pitfalls"]:
                r.score *= PITFALL_BOOST
            if my_stage and values["stage"] == my_stage:
                r.score *= STAGE_BOOST
        return sorted(ranked, key=lambda r: (-r.score, -r.dense, r.doc_id))

    def _collapse_duplicates(self, ranked: list[DocumentHit]) -> list[DocumentHit]:
        """Leave out a possible duplicate of a document already higher in the list."""
        if self._duplicate_of is None:
            self._duplicate_of = {}
            for a, b in self.store.duplicate_pairs():
                self._duplicate_of.setdefault(a, set()).add(b)
                self._duplicate_of.setdefault(b, set()).add(a)
        if not self._duplicate_of:
            return ranked
        kept, seen = [], set()
        for hit in ranked:
            if not self._duplicate_of.get(hit.doc_id, set()) & seen:
                kept.append(hit)
            seen.add(hit.doc_id)
        return kept

    def _check_paging(self, limit: int, offset: int) -> None:
        if not 1 <= limit <= self.settings.max_limit:
            raise InvalidFilter(f"limit skal være mellem 1 og {self.settings.max_limit}.")
        if offset < 0:
            raise InvalidFilter("offset kan ikke være negativ.")

    def _own_sector(self, request: SearchRequest, ranked: list[DocumentHit]) -> str | None:
        if request.own_sector:
            if request.own_sector not in SECTORS:
                raise InvalidFilter(
                    f"Ukendt sektor '{request.own_sector}'. Mulige værdier: {', '.join(SECTORS)}."
                )
            return request.own_sector
        if len(request.filters.sector) == 1:
            return request.filters.sector[0]
        top = [self._doc_values[r.doc_id]["sector"] for r in ranked[:5]]
        counts = Counter(s for s in top if s)
        return counts.most_common(1)[0][0] if counts else None

    def _inspiration(
        self,
        query: str,
        query_vector: np.ndarray,
        request: SearchRequest,
        own_sector: str | None,
        ranked: list[DocumentHit],
        shown: list[DocumentHit],
    ) -> list[Hit]:
        """Cases from other sectors that address the same underlying problem."""
        if own_sector is None:
            return []
        # When the asker named no sector, the main results already span all sectors: suggest
        # only what the page doesn't show. A named sector makes the panel the other sectors'
        # view of the problem, so it may hold cases that also rank in the main list.
        named = bool(request.own_sector or request.filters.sector)
        hidden = set() if named else {h.doc_id for h in shown}
        if request.filters.sector:
            filters = replace(request.filters, sector=[])
            candidates = self._rank(query, query_vector, self._allowed(filters))
        else:
            candidates = ranked  # same filters: the main ranking already holds every candidate
        if self._problems is None:
            self._problems = inspiration.problem_vectors(self.store.passage_vectors())
        sectors = {doc_id: values["sector"] for doc_id, values in self._doc_values.items()}
        chosen = inspiration.choose(
            candidates, own_sector, sectors, self._problems, self._centroids(), hidden
        )
        hits = self._hits(chosen, query)
        for hit in hits:
            hit.reason = inspiration.reason(hit.document.sector, hit.snippet)
        return hits

    def _centroids(self) -> dict[str, np.ndarray]:
        self._refresh()
        if self._doc_centroids is None:
            self._doc_centroids = self.store.document_centroids(self.embedder.dim)
        return self._doc_centroids

    def _vocabulary(self) -> Vocabulary:
        if self._words is None:
            self._words = Vocabulary(self.store.passage_texts())
        return self._words

    def _centroid_matrix(self) -> tuple[list[str], np.ndarray]:
        if self._centroid_rows is None:
            centroids = self._centroids()
            ids = list(centroids)
            matrix = np.vstack([centroids[d] for d in ids]) if ids else np.zeros((0, 1))
            self._centroid_rows = (ids, matrix.astype(np.float32))
        return self._centroid_rows

    def _facets(self, doc_ids: list[str]) -> dict[str, list[Facet]]:
        facets: dict[str, list[Facet]] = {}
        for name in FACET_FIELDS:
            counts = Counter(self._doc_values[d][name] for d in doc_ids)
            entries = []
            for value, count in counts.items():
                if value is None:
                    continue
                if name == "has_pitfalls":
                    value = bool(value)
                    text = "Beskriver faldgruber" if value else "Ingen faldgruber beskrevet"
                else:
                    text = label(name, value) or str(value)
                entries.append(Facet(value, text, count))
            entries.sort(key=lambda f: (-f.count, str(f.value)))
            facets[name] = entries
        return facets

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
        centroids = self._centroids()
        if doc_id not in centroids:
            return []
        excluded = {doc_id} | {other for other, _, _ in self.duplicates(doc_id)}
        vector = centroids[doc_id]
        scored = []
        for other, other_vector in centroids.items():
            if other in excluded:
                continue
            if other_sectors and self._doc_values[other]["sector"] in (doc.sector, None):
                continue
            scored.append((float(other_vector @ vector), other))
        scored.sort(key=lambda t: (-t[0], t[1]))
        ranked = [
            DocumentHit(other, score, self._best_chunk(other, vector), score)
            for score, other in scored[:limit]
        ]
        return self._hits(ranked, "")

    def _best_chunk(self, doc_id: str, vector: np.ndarray) -> int:
        chunk_ids = [c["id"] for c in self.store.chunks_of(doc_id)]
        vectors = self._refresh().vectors(chunk_ids)
        return chunk_ids[int(np.argmax(vectors @ vector))]

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
        self._refresh()
        filters = replace(filters, min_level=max(min_level, filters.min_level or 0))
        allowed = self._allowed(filters)
        assert allowed is not None  # min_level is always set, so the filter is active
        end = None if limit is None else offset + limit
        if query and query.strip():
            text = normalise_query(query, self.settings.max_query_chars)
            vector = self.embedder.embed_queries([text])[0]
            ranked = self._rank(text, vector, allowed)
            return len(ranked), self._hits(ranked[offset:end], text)
        by_level = sorted(
            allowed,
            key=lambda d: (
                -(self._doc_values[d]["evidence_level"] or 0),
                -(self._doc_values[d]["year"] or 0),
                d,
            ),
        )
        page = [DocumentHit(d, 0.0, self._first_chunk(d), 0.0) for d in by_level[offset:end]]
        return len(by_level), self._hits(page, "")

    def _first_chunk(self, doc_id: str) -> int:
        chunks = self.store.chunks_of(doc_id)
        return chunks[0]["id"] if chunks else -1

    def delete(self, doc_id: str) -> None:
        """Remove a document and its passages; the next read reloads the index."""
        if not self.store.delete_document(doc_id):
            raise DocumentNotFound(f"Der findes ingen sag med id '{doc_id}'.")
        VectorIndex.open(self.store, self.settings.vectors_path, self.embedder.dim)

    def all_documents(self) -> Iterator[DocumentRecord]:
        return self.store.all_documents()

    def stats(self) -> dict:
        index = self._refresh()
        return {
            **self.store.stats(),
            "model": self.embedder.model_id,
            "dim": self.embedder.dim,
            "index_type": index.kind,
            "schema_version": self.store.schema_version,
        }


_PITFALL_QUESTION = re.compile(
    r"gik galt|går galt|faldgrube|undgå|fejl|faldt igennem|lære af|advarsel|bøvl|"
    r"problemer (?:undervejs|med)|hvad (?:skal|bør) vi (?:passe på|undgå)|barrierer|"
    r"pitfall|went wrong|mistake",
    re.IGNORECASE,
)


_PITFALL_SECTION = re.compile(
    r"faldgrube|benspænd|barrier|gik galt|fejl|erfaring|læring|udfordringer undervejs|risici",
    re.IGNORECASE,
)


def is_pitfall_section(section: str) -> bool:
    return bool(_PITFALL_SECTION.search(section or ""))


def wants_pitfalls(query: str) -> bool:
    """Whether a question asks about mistakes and what to avoid."""
    return bool(_PITFALL_QUESTION.search(query))
