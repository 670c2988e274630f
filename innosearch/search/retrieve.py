"""Retrieval: the dense and lexical passage lists of a query, fused into ranked documents."""

import numpy as np

from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.search.corpus import Snapshot
from innosearch.search.fusion import DocumentHit, RankingConfig, aggregate, fuse
from innosearch.search.intent import wants_pitfalls
from innosearch.text.analysis import terms_expression, unique_stems
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
    if config.lexical_weight > 0 or config.fusion == "lexical":
        terms = _bounded_terms(snapshot, unique_stems(query), config.lexical_max_postings)
        expression = terms_expression(terms)
        if expression:
            lexical = _lexical(snapshot, config, expression, filters)
    return fuse(dense, lexical, config, len(unique_stems(query)))


def _dense(
    snapshot: Snapshot,
    config: RankingConfig,
    query: str,
    query_vector: np.ndarray,
    filters: Filters | None,
) -> dict[str, tuple[float, int]]:
    # With feedback, the first search only picks the documents the query moves towards.
    rough = bool(config.feedback_weight)
    passages = snapshot.index.search(query_vector, config.dense_candidates, filters, rough)
    if config.feedback_weight and passages:
        query_vector = _feedback(snapshot, query_vector, passages, config)
        passages = snapshot.index.search(query_vector, config.dense_candidates, filters)
    if wants_pitfalls(query):
        passages = _favour_pitfall_passages(snapshot.store, passages)
    similarity = None
    if config.document_weight:
        vectors = snapshot.document_matrix
        scores = (vectors.matrix @ query_vector).tolist()
        similarity = dict(zip(vectors.ids, scores, strict=True))
    return document_scores(snapshot, config, passages, similarity)


def document_scores(
    snapshot: Snapshot,
    config: RankingConfig,
    passages: list[tuple[int, float]],
    similarity: dict[str, float] | None = None,
) -> dict[str, tuple[float, int]]:
    """Per document of the passages (best first): aggregated dense score and best passage."""
    document_of = snapshot.table.documents_of([c for c, _ in passages]).__getitem__
    counts = snapshot.passage_counts
    return aggregate(passages, document_of, config, similarity, counts.__getitem__)


def _bounded_terms(snapshot: Snapshot, terms: list[str], budget: int) -> list[str]:
    """The query's rarest stems, as many as hold at most `budget` passages together.

    BM25 scores every passage any stem occurs in; OR-ing every stem of a long question matched a
    fifth of a large corpus. The stems left out are the commonest, whose low idf adds least to a
    passage's score; names, acronyms and exact terms, what lexical search is for, are rare and
    kept. A small corpus stays under the budget, so its lexical list is unchanged. 0: no bound.
    """
    if budget <= 0:
        return terms
    counts = {term: count or 0 for term, count in snapshot.term_counts.get_many(terms).items()}
    kept: list[str] = []
    held = 0
    for term in sorted((t for t in terms if counts[t]), key=lambda t: counts[t]):
        held += counts[term]
        if held > budget:
            break
        kept.append(term)
    return kept


def _lexical(
    snapshot: Snapshot, config: RankingConfig, expression: str, filters: Filters | None
) -> dict[str, tuple[float, int]]:
    """Best BM25 passage per document, among the documents the filters allow."""
    table = snapshot.table
    allowed = table.chunk_mask(filters)
    found: dict[str, tuple[float, int]] = {}
    matches = snapshot.store.lexical_search(expression, config.lexical_candidates)
    positions = table.positions([chunk_id for chunk_id, _ in matches]).tolist()
    for (chunk_id, score), position in zip(matches, positions, strict=True):
        if position < 0:  # written by an ingest after this snapshot was taken
            continue
        if allowed is None or allowed[position]:
            found.setdefault(table.documents.ids[table.doc_rows[position]], (score, chunk_id))
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
    sections = store.passage_sections([c for c, _ in passages])
    boosted = [
        (chunk_id, score + PITFALL_PASSAGE_BONUS * is_pitfall_section(sections.get(chunk_id, "")))
        for chunk_id, score in passages
    ]
    return sorted(boosted, key=lambda p: -p[1])
