"""Near-duplicate detection at ingest: the same case submitted twice, the same text on two sites.

Two signals, both measured with the default model:
- the documents' mean passage vectors are close (cosine >= CENTROID_SIMILARITY), and
- every passage of each document has a near-copy in the other (PASSAGE_COVERAGE).
The second one is what tells a case submitted twice in other words (coverage 0.951) from two
documents filled in from one template for different products (centroids 0.992, but coverage
0.932: their summaries differ), a case and its evaluation report (0.89), or a case and the news
page about it (0.89).
"""

from collections.abc import Callable

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
) -> list[tuple[str, str, float]]:
    """Pairs (new id, other id, centroid similarity) between new records and everything kept.

    `stored_ids` and `stored_vectors` are the kept documents and their stored document vectors
    (see Store.document_vectors); `stored_passages(id)` their passage vectors, asked for only
    for the few documents whose vector is close.
    """
    fresh = {r.id: r for r in records if r.chunks}
    if not fresh:
        return []
    kept = [row for row, doc_id in enumerate(stored_ids) if doc_id not in fresh]
    vectors = {d: document_vector(passage_matrix(r, dim)) for d, r in fresh.items()}
    ids = [stored_ids[row] for row in kept] + list(vectors)
    matrix = np.vstack([stored_vectors[kept].reshape(-1, dim), *vectors.values()])
    pairs: dict[tuple[str, str], float] = {}
    for doc_id, record in fresh.items():
        similarities = matrix @ vectors[doc_id]
        for j in np.flatnonzero(similarities >= CENTROID_SIMILARITY):
            other = ids[j]
            key = (min(doc_id, other), max(doc_id, other))
            if other == doc_id or key in pairs:
                continue
            other_passages = (
                passage_matrix(fresh[other], dim) if other in fresh else stored_passages(other)
            )
            if coverage(passage_matrix(record, dim), other_passages) >= PASSAGE_COVERAGE:
                pairs[key] = round(float(similarities[j]), 4)
    return [(a, b, sim) for (a, b), sim in sorted(pairs.items())]
