"""Near-duplicate detection at ingest: the same case submitted twice, the same text on two sites."""

import numpy as np

from innosearch.documents import DocumentRecord

# Mean-passage cosine at or above which two documents are flagged as possible duplicates.
# Measured on the sample corpus with the default model: the case submitted twice in other words
# scores 0.986; a case and the evaluation report of the same project 0.974 (related, not a
# duplicate: the report is worth suggesting); a case and the news page about it 0.942; different
# cases on one topic 0.93 and below.
DUPLICATE_SIMILARITY = 0.98


def centroid(record: DocumentRecord, dim: int) -> np.ndarray | None:
    if not record.chunks:
        return None
    matrix = np.frombuffer(b"".join(c.vector for c in record.chunks), dtype=np.float32)
    mean = matrix.reshape(len(record.chunks), dim).mean(axis=0)
    return mean / (np.linalg.norm(mean) or 1.0)


def find_duplicates(
    records: list[DocumentRecord],
    stored: dict[str, np.ndarray],
    dim: int,
    threshold: float = DUPLICATE_SIMILARITY,
) -> list[tuple[str, str, float]]:
    """Pairs (new id, other id, similarity) between new records and everything else kept."""
    fresh = {r.id: v for r in records if (v := centroid(r, dim)) is not None}
    if not fresh:
        return []
    pool = {d: v for d, v in stored.items() if d not in fresh} | fresh
    pool_ids = list(pool)
    pool_matrix = np.vstack([pool[d] for d in pool_ids])
    pairs: dict[tuple[str, str], float] = {}
    for doc_id, vector in fresh.items():
        similarities = pool_matrix @ vector
        for j in np.flatnonzero(similarities >= threshold):
            other = pool_ids[j]
            if other != doc_id:
                key = (min(doc_id, other), max(doc_id, other))
                pairs[key] = round(float(similarities[j]), 4)
    return [(a, b, sim) for (a, b), sim in sorted(pairs.items())]
