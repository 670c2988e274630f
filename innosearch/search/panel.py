"""The inspiration panel of a search: the asker's sector, and other sectors' cases to suggest."""

from dataclasses import dataclass, replace

import numpy as np

from innosearch.errors import InvalidFilter
from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.search import inspiration
from innosearch.search.corpus import Snapshot
from innosearch.search.fusion import DocumentHit, RankingConfig
from innosearch.search.hits import build_hits
from innosearch.search.query import SearchRequest
from innosearch.search.results import Hit, SectorBasis
from innosearch.search.retrieve import document_scores
from innosearch.taxonomy import SECTORS, label, unknown_value
from innosearch.text.headings import is_problem_section

# How many of the best results an unnamed sector is read from.
ASSUMED_FROM = 5


@dataclass(frozen=True)
class OwnSector:
    """The sector the panel looks away from, how it was known, and that said in Danish."""

    key: str | None
    basis: SectorBasis | None = None
    reason: str | None = None


def assumed_sector(sectors: list[str | None]) -> str | None:
    """The sector the best results point to, each result's vote weighted 1/rank.

    The first result says most about what the asker does: for "Hvordan får vi ældre til at klare
    sig selv længere derhjemme?" over data/, Ældre is first and third and Sundhed second, fourth
    and fifth; a plain count assumed Sundhed, the weighted vote Ældre (1.33 against 0.95).
    """
    votes: dict[str, float] = {}
    for rank, sector in enumerate(sectors, start=1):
        if sector:
            votes[sector] = votes.get(sector, 0.0) + 1 / rank
    return max(votes, key=lambda s: (votes[s], -sectors.index(s))) if votes else None


def own_sector(snapshot: Snapshot, request: SearchRequest, ranked: list[DocumentHit]) -> OwnSector:
    """The sector asked from: named, the one filtered on, else the one the top five point to."""
    if request.own_sector:
        if request.own_sector not in SECTORS:
            raise InvalidFilter(unknown_value("sector", request.own_sector, "own_sector"))
        return OwnSector(request.own_sector, "named", "Den sektor, I har valgt som jeres egen.")
    if len(request.filters.sector) == 1:
        filtered = request.filters.sector[0]
        return OwnSector(filtered, "filter", "Den sektor, I har afgrænset søgningen til.")
    top = [snapshot.sectors[r.doc_id] for r in ranked[:ASSUMED_FROM]]
    key = assumed_sector(top)
    if key is None:
        return OwnSector(None)
    count = top.count(key)
    if top[0] == key and count == 1:
        evidence = "det bedste resultat er derfra"
    else:
        also = ", også det bedste" if top[0] == key else ""
        evidence = f"{count} af de {len(top)} bedste resultater er derfra{also}"
    # Why: the asker named no sector, so the panel says what it assumed and lets them correct it.
    reason = (
        f"I har ikke valgt en sektor, så vi har antaget {label('sector', key)}: {evidence}. "
        "Vælg jeres egen sektor for at få forslag fra de andre."
    )
    return OwnSector(key, "results", reason)


def suggestions(
    snapshot: Snapshot,
    config: RankingConfig,
    query: str,
    query_vector: np.ndarray,
    request: SearchRequest,
    sector: str | None,
    ranked: list[DocumentHit],
) -> list[Hit]:
    """Cases from other sectors that address the same underlying problem.

    The panel is the other sectors' view of the problem whether the asker's sector was named,
    filtered on or assumed, so it may hold cases that also rank on the page: its reason says
    what the list doesn't (another sector solved this). Hiding the page's cases when the sector
    was assumed left the README's question over data/ with a weaker case in place of the one
    that matches (Sundhed's follow-up home visits, second on the page).
    """
    if sector is None:
        return []
    if request.filters.sector:
        others = replace(request.filters, sector=[])
        candidates = dense_candidates(
            snapshot, config, query_vector, others if others.active else None
        )
    else:
        candidates = ranked  # same filters: the main ranking already holds every candidate
    chosen = inspiration.choose(
        candidates,
        sector,
        snapshot.sectors,
        snapshot.problem_vectors,
        snapshot.document_vectors,
        query_vector,
    )
    hits = build_hits(snapshot.store, chosen, query)
    for hit in hits:
        statement = problem_statement(snapshot.store, hit.document.id)
        hit.reason = inspiration.reason(hit.document.sector, statement or hit.snippet)
    return hits


def problem_statement(store: Store, doc_id: str) -> str | None:
    """The first passage of the case's problem statement (Udfordring, Baggrund …), if it has one.

    The panel matches the question with the other case's problem, so that is what its reason
    quotes: the passage that matched the question best may be a pitfall ("Det gik galt, da vi
    valgte uret som standard"), which says nothing of why the case is the same challenge.
    """
    sections = store.sections_of(doc_id)
    problem = next((cid for cid, section in sections if is_problem_section(section)), None)
    return None if problem is None else store.chunks([problem])[problem]["text"]


def dense_candidates(
    snapshot: Snapshot, config: RankingConfig, query_vector: np.ndarray, filters: Filters | None
) -> list[DocumentHit]:
    """Documents by their aggregated dense score alone, best first.

    The main ranking searched within the asker's sector; the panel needs the other sectors too.
    One vector search, without the main ranking's feedback search and BM25, keeps the panel from
    costing a second full ranking; the panel reads only the dense score anyway.
    """
    passages = snapshot.index.search(query_vector, config.dense_candidates, filters)
    scores = document_scores(snapshot, config, passages)
    hits = [DocumentHit(doc_id, score, chunk, score) for doc_id, (score, chunk) in scores.items()]
    return sorted(hits, key=lambda h: (-h.score, h.doc_id))
