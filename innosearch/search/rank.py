"""Ranking policy after retrieval: boosts for what the asker wants, and duplicates collapsed."""

from innosearch.search.corpus import Snapshot
from innosearch.search.fusion import DocumentHit

# Multipliers on the fused score; they reorder without hiding anything.
PITFALL_BOOST = 1.25
STAGE_BOOST = 1.15


def reorder(
    snapshot: Snapshot, ranked: list[DocumentHit], asks_pitfalls: bool, my_stage: str | None
) -> list[DocumentHit]:
    """Favour cases that describe pitfalls when the question asks, and the asker's stage."""
    if not asks_pitfalls and not my_stage:
        return ranked
    for hit in ranked:
        if asks_pitfalls and snapshot.value(hit.doc_id, "has_pitfalls") == 1:
            hit.score *= PITFALL_BOOST
        if my_stage and snapshot.value(hit.doc_id, "stage") == my_stage:
            hit.score *= STAGE_BOOST
    return sorted(ranked, key=lambda r: (-r.score, -r.dense, r.doc_id))


def collapse_duplicates(snapshot: Snapshot, ranked: list[DocumentHit]) -> list[DocumentHit]:
    """Leave out a possible duplicate of a document already higher in the list."""
    duplicate_of = snapshot.duplicate_of
    if not duplicate_of:
        return ranked
    kept: list[DocumentHit] = []
    seen: set[str] = set()
    for hit in ranked:
        if not duplicate_of.get(hit.doc_id, set()) & seen:
            kept.append(hit)
        seen.add(hit.doc_id)
    return kept
