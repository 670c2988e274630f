"""Related cases: the documents whose stored vectors lie nearest a document's own."""

import numpy as np

from innosearch.documents import DocumentRecord
from innosearch.index.store import Store
from innosearch.search.corpus import Snapshot
from innosearch.search.fusion import DocumentHit
from innosearch.search.rank import distinct


def linked_documents(doc: DocumentRecord) -> set[str]:
    """The report a case is split from, and a report's cases.

    A report holds its cases' text, so each lies nearest the other: as related cases they would
    push out other organisations' work and repeat what the page shows ("Del af rapporten",
    "Cases i rapporten"). Cases of one report are separate projects and stay related.
    """
    return {link.id for link in doc.parts} | ({doc.part_of.id} if doc.part_of else set())


def nearest_documents(
    snapshot: Snapshot,
    doc_id: str,
    sector: str | None,
    excluded: set[str],
    other_sectors: bool,
    limit: int,
) -> list[DocumentHit]:
    """The `limit` nearest other documents, each with its passage nearest the document."""
    vectors = snapshot.document_matrix
    if doc_id not in vectors.row:
        return []
    vector = vectors.matrix[vectors.row[doc_id]]
    scores = vectors.matrix @ vector
    keep = ~np.isin(vectors.id_array, list(excluded))
    if other_sectors:
        sectors = np.asarray([snapshot.sectors.get(d) or "" for d in vectors.ids])
        keep &= (sectors != (sector or "")) & (sectors != "")
    rows = np.flatnonzero(keep)
    # Best first; equal scores by id, so the order never depends on storage order.
    order = rows[np.lexsort((vectors.id_array[rows], -scores[rows]))]
    # Two copies of one case among the related would show the same thing twice.
    shown = distinct((vectors.ids[r] for r in order), snapshot.duplicate_of, limit)
    return [
        DocumentHit(
            doc,
            float(scores[vectors.row[doc]]),
            _nearest_passage(snapshot.store, doc, vector, snapshot.dim),
            float(scores[vectors.row[doc]]),
        )
        for doc in shown
    ]


def _nearest_passage(store: Store, doc_id: str, vector: np.ndarray, dim: int) -> int:
    chunk_ids = [c["id"] for c in store.chunks_of(doc_id)]
    passages = store.passage_vectors_of(doc_id, dim)
    return chunk_ids[int(np.argmax(passages @ vector))]
