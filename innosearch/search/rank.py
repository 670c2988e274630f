"""Ranking policy after retrieval: boosts for what the asker wants, and duplicates collapsed."""

from collections.abc import Iterable

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


def distinct(doc_ids: Iterable[str], duplicate_of: dict[str, set[str]], limit: int) -> list[str]:
    """The first `limit` ids, leaving out a possible duplicate of an id met before it."""
    kept: list[str] = []
    seen: set[str] = set()
    for doc_id in doc_ids:
        if len(kept) == limit:
            break
        if not duplicate_of.get(doc_id, set()) & seen:
            kept.append(doc_id)
        seen.add(doc_id)
    return kept


def collapse_duplicates(snapshot: Snapshot, ranked: list[DocumentHit]) -> list[DocumentHit]:
    """Leave out a possible duplicate of a document already higher in the list."""
    kept = set(collapse_duplicate_ids(snapshot, [hit.doc_id for hit in ranked]))
    return [hit for hit in ranked if hit.doc_id in kept]


def collapse_duplicate_ids(snapshot: Snapshot, doc_ids: list[str]) -> list[str]:
    """`doc_ids` without a possible duplicate of an id earlier in the list."""
    duplicate_of = snapshot.duplicate_of
    return distinct(doc_ids, duplicate_of, len(doc_ids)) if duplicate_of else doc_ids
