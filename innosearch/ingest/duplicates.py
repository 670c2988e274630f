"""Near-duplicate detection at ingest: the same case submitted twice, the same text on two sites.

Two signals, both measured with the default model:
- the documents' mean passage vectors are close (cosine >= CENTROID_SIMILARITY), and
- every passage of each document has a near-copy in the other (PASSAGE_COVERAGE).
The second one is what tells a case submitted twice in other words (coverage 0.951) from two
documents filled in from one template for different products (centroids 0.992, but coverage
0.932: their summaries differ), a case and its evaluation report (0.89), or a case and the news
page about it (0.89).
"""

from collections.abc import Callable, Collection

import numpy as np

from innosearch.documents import DocumentRecord
from innosearch.index.store import document_vector

CENTROID_SIMILARITY = 0.97
PASSAGE_COVERAGE = 0.94


def passage_matrix(record: DocumentRecord, dim: int) -> np.ndarray:
    matrix = np.frombuffer(b"".join(c.vector for c in record.chunks), dtype=np.float32)
    return matrix.reshape(len(record.chunks), dim)


def centroid(record: DocumentRecord, dim: int) -> np.ndarray | None:
    """The record's document vector, as the store will keep it."""
    return document_vector(passage_matrix(record, dim)) if record.chunks else None


def coverage(a: np.ndarray, b: np.ndarray) -> float:
    """The weakest best match of any passage of either document in the other."""
    similarities = a @ b.T
    return float(min(similarities.max(axis=1).min(), similarities.max(axis=0).min()))


def find_duplicates(
    records: list[DocumentRecord],
    stored_ids: list[str],
    stored_vectors: np.ndarray,
    stored_passages: Callable[[str], np.ndarray],
    dim: int,
    leaving: Collection[str] = (),
) -> list[tuple[str, str, float]]:
    """Pairs (new id, other id, centroid similarity) between new records and everything kept.

    `stored_ids` and `stored_vectors` are the stored documents and their vectors (see
    Store.document_vectors), of which those in `leaving` (deleted by the same write) and those
    the records replace are not compared; `stored_passages(id)` gives the passage vectors of
    the few documents whose vector is close. The stored matrix is never copied: at 1M passages
    it holds 200,000 documents, and copying it cost more than comparing with it.
    """
    fresh = {r.id: r for r in records if r.chunks}
    if not fresh:
        return []
    vectors = {d: document_vector(passage_matrix(r, dim)) for d, r in fresh.items()}
    skipped = set(fresh) | set(leaving)
    stored_vectors = stored_vectors.reshape(-1, dim)  # (0, 0) in a home without documents
    fresh_ids = list(vectors)
    fresh_matrix = np.vstack(list(vectors.values()))
    pairs: dict[tuple[str, str], float] = {}
    for doc_id, record in fresh.items():
        close = [
            (stored_ids[j], float(s))
            for j, s in _at_least(stored_vectors @ vectors[doc_id], CENTROID_SIMILARITY)
            if stored_ids[j] not in skipped
        ]
        close += [
            (fresh_ids[j], float(s))
            for j, s in _at_least(fresh_matrix @ vectors[doc_id], CENTROID_SIMILARITY)
        ]
        for other, similarity in close:
            key = (min(doc_id, other), max(doc_id, other))
            if other == doc_id or key in pairs:
                continue
            other_passages = (
                passage_matrix(fresh[other], dim) if other in fresh else stored_passages(other)
            )
            if coverage(passage_matrix(record, dim), other_passages) >= PASSAGE_COVERAGE:
                pairs[key] = round(similarity, 4)
    return [(a, b, sim) for (a, b), sim in sorted(pairs.items())]


def _at_least(similarities: np.ndarray, threshold: float) -> list[tuple[int, float]]:
    rows = np.flatnonzero(similarities >= threshold)
    return list(zip(rows.tolist(), similarities[rows].tolist(), strict=True))
