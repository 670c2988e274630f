"""The inspiration panel of a search: the asker's sector, and other sectors' cases to suggest."""

from collections import Counter
from dataclasses import replace

import numpy as np

from innosearch.errors import InvalidFilter
from innosearch.search import inspiration
from innosearch.search.corpus import Snapshot
from innosearch.search.fusion import DocumentHit, RankingConfig
from innosearch.search.hits import build_hits
from innosearch.search.query import SearchRequest
from innosearch.search.results import Hit
from innosearch.search.retrieve import retrieve
from innosearch.taxonomy import SECTORS


def own_sector(snapshot: Snapshot, request: SearchRequest, ranked: list[DocumentHit]) -> str | None:
    """The sector asked from: named, the one filtered on, else the commonest in the top five."""
    if request.own_sector:
        if request.own_sector not in SECTORS:
            raise InvalidFilter(
                f"Ukendt sektor '{request.own_sector}'. Mulige værdier: {', '.join(SECTORS)}."
            )
        return request.own_sector
    if len(request.filters.sector) == 1:
        return request.filters.sector[0]
    counts = Counter(s for s in (snapshot.sectors[r.doc_id] for r in ranked[:5]) if s)
    return counts.most_common(1)[0][0] if counts else None


def suggestions(
    snapshot: Snapshot,
    config: RankingConfig,
    query: str,
    query_vector: np.ndarray,
    request: SearchRequest,
    sector: str | None,
    ranked: list[DocumentHit],
    shown: list[DocumentHit],
) -> list[Hit]:
    """Cases from other sectors that address the same underlying problem."""
    if sector is None:
        return []
    # When the asker named no sector, the main results already span all sectors: suggest
    # only what the page doesn't show. A named sector makes the panel the other sectors'
    # view of the problem, so it may hold cases that also rank in the main list.
    named = bool(request.own_sector or request.filters.sector)
    hidden = set() if named else {h.doc_id for h in shown}
    if request.filters.sector:
        others = replace(request.filters, sector=[])
        candidates = retrieve(
            snapshot, config, query, query_vector, others if others.active else None
        )
    else:
        candidates = ranked  # same filters: the main ranking already holds every candidate
    chosen = inspiration.choose(
        candidates,
        sector,
        snapshot.sectors,
        snapshot.problem_vectors,
        snapshot.document_vectors,
        hidden,
    )
    hits = build_hits(snapshot.store, chosen, query)
    for hit in hits:
        hit.reason = inspiration.reason(hit.document.sector, hit.snippet)
    return hits
