"""The second stage: the first documents rescored by how close their outline is to the question.

A document's outline is its title and its own headings ("Projektgrundlag: ByrådsGPT. Baggrund;
Formål; Målgruppe; Økonomi …", text/headings.outline_text), embedded at ingest in e5's question
form, so that question and outline are compared like with like. It is a compact view of what the
whole document covers, which neither its best passages nor its title alone give: a challenge
question written in the asker's own words often names the document's subject and the kind of
answer it wants more than any one passage's words (docs/quality.md, "A second stage").
"""

import numpy as np

from innosearch.search.corpus import Snapshot
from innosearch.search.fusion import DocumentHit, RankingConfig


def rescore_by_outline(
    snapshot: Snapshot,
    config: RankingConfig,
    query_vector: np.ndarray,
    ranked: list[DocumentHit],
) -> list[DocumentHit]:
    """`ranked` (boosted and duplicates collapsed) with its first `outline_candidates` documents
    rescored and reordered among themselves; the rest follow unchanged. A home whose outlines
    are not all stored yet is ranked by the first stage alone: a bonus for some documents only
    would rank them by when they were stored."""
    outlines = snapshot.outline_matrix
    if not config.outline_weight or outlines is None or not ranked:
        return ranked
    count = config.outline_candidates or len(ranked)
    head, tail = ranked[:count], ranked[count:]
    rows = [outlines.row[hit.doc_id] for hit in head]
    similarity = outlines.matrix[rows] @ np.asarray(query_vector, dtype=np.float32)
    for hit, cosine in zip(head, similarity.tolist(), strict=True):
        hit.score += config.outline_weight * cosine
    head.sort(key=lambda h: (-h.score, -h.dense, h.doc_id))
    return head + tail
