"""Retrieval: the dense and lexical passage lists of a query, fused into ranked documents."""

import numpy as np

from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.search.corpus import Snapshot
from innosearch.search.fusion import DocumentHit, RankingConfig, aggregate, fuse
from innosearch.search.intent import wants_pitfalls
from innosearch.text.analysis import match_expression, query_stems
from innosearch.text.headings import is_pitfall_section

# For questions about mistakes, passages from pitfall sections count this much more.
PITFALL_PASSAGE_BONUS = 0.03


def retrieve(
    snapshot: Snapshot,
    config: RankingConfig,
    query: str,
    query_vector: np.ndarray,
    filters: Filters | None,
) -> list[DocumentHit]:
    """Documents for a query, best first; `filters` (None: everything) run inside the index."""
    dense: dict[str, tuple[float, int]] = {}
    if config.fusion != "lexical":
        dense = _dense(snapshot, config, query, query_vector, filters)
    lexical: dict[str, tuple[float, int]] = {}
    expression = match_expression(query)
    if expression and (config.lexical_weight > 0 or config.fusion == "lexical"):
        lexical = _lexical(snapshot, config, expression, filters)
    return fuse(dense, lexical, config, len(query_stems(query)))


def _dense(
    snapshot: Snapshot,
    config: RankingConfig,
    query: str,
    query_vector: np.ndarray,
    filters: Filters | None,
) -> dict[str, tuple[float, int]]:
    passages = snapshot.index.search(query_vector, config.dense_candidates, filters)
    if config.feedback_weight and passages:
        query_vector = _feedback(snapshot, query_vector, passages, config)
        passages = snapshot.index.search(query_vector, config.dense_candidates, filters)
    if wants_pitfalls(query):
        passages = _favour_pitfall_passages(snapshot.store, passages)
    similarity = None
    if config.document_weight:
        vectors = snapshot.document_vectors
        scores = (vectors.matrix @ query_vector).tolist()
        similarity = dict(zip(vectors.ids, scores, strict=True))
    counts = snapshot.passage_counts
    return aggregate(passages, snapshot.table.document_of, config, similarity, counts.__getitem__)


def _lexical(
    snapshot: Snapshot, config: RankingConfig, expression: str, filters: Filters | None
) -> dict[str, tuple[float, int]]:
    """Best BM25 passage per document, among the documents the filters allow."""
    table = snapshot.table
    allowed = None if filters is None else filters.mask(table.documents)
    found: dict[str, tuple[float, int]] = {}
    for chunk_id, score in snapshot.store.lexical_search(expression, config.lexical_candidates):
        try:
            doc_id = table.document_of(chunk_id)
        except KeyError:  # written by an ingest after this snapshot was taken
            continue
        if allowed is not None and not allowed[snapshot.row_of[doc_id]]:
            continue
        found.setdefault(doc_id, (score, chunk_id))
    return found


def _feedback(
    snapshot: Snapshot,
    query_vector: np.ndarray,
    passages: list[tuple[int, float]],
    config: RankingConfig,
) -> np.ndarray:
    """The query moved towards the documents the first retrieval found best."""
    top: list[str] = []
    for chunk_id, _ in passages:
        doc_id = snapshot.table.document_of(chunk_id)
        if doc_id not in top:
            top.append(doc_id)
        if len(top) == config.feedback_documents:
            break
    vectors = snapshot.document_vectors
    mean = np.mean([vectors[d] for d in top], axis=0)
    moved = query_vector + config.feedback_weight * mean
    return (moved / np.linalg.norm(moved)).astype(np.float32)


def _favour_pitfall_passages(
    store: Store, passages: list[tuple[int, float]]
) -> list[tuple[int, float]]:
    sections = {c: chunk["section"] for c, chunk in store.chunks([c for c, _ in passages]).items()}
    boosted = [
        (chunk_id, score + PITFALL_PASSAGE_BONUS * is_pitfall_section(sections.get(chunk_id, "")))
        for chunk_id, score in passages
    ]
    return sorted(boosted, key=lambda p: -p[1])
