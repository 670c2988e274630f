"""Inspiration from other sectors: which cases address the asker's problem elsewhere, and why.

A candidate is scored by how close its problem statement (Udfordring/Resumé, else its opening
passage) is to the question and, when the asker's own sector has a case among the first results,
to that case's problem statement: the panel matches the problem, not the words of the whole
document. Cut-offs are relative to the question's own candidates, never absolute cosines (an
absolute floor is a property of one model on one corpus): the best candidate must stand out from
the candidates the panel has no room for, and the panel reaches down from it by one standard
deviation of the pool's scores. No suggestion beats a weak one, so a question whose best
candidate doesn't stand out gets an empty panel.

Chosen on all three sets of `bench/bench_inspiration.py` together (`bench/twins/`,
`bench/twins-data/` and `bench/twins-none/`, whose questions have no answer in another sector;
docs/quality.md, "Inspiration"): projecting the sector centroids out of the vectors, a seed taken
from any own-sector case, and the whole document's dense score in the candidate's score measured
no better there and were left out.
"""

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Protocol

import numpy as np

from innosearch.search.fusion import DocumentHit
from innosearch.taxonomy import label
from innosearch.text.headings import is_problem_section
from innosearch.text.sentences import QUICK_LINES, split_sentences

# How many of the ranking's other-sector candidates the panel weighs; the standout is measured
# against those beyond the panel's size. Every other-sector document of data/ or bench/twins
# (up to 50) rather than the first 40 emptied 5 of bench/twins-none's 16 panels against 2, and
# found the same twins; 100 bounds the problem vectors read per search in a large home.
POOL = 100
# The best candidate must lie this many standard deviations of the scores of the candidates
# beyond the panel's size above their mean, else the panel stays empty. On bench/twins-none
# (no answer elsewhere) 2.25 empties 5 of 16 panels where 2.0 empties 2, and finds the same
# twins on the other two sets; at 2.5 bench/twins loses four.
STANDOUT = 2.25
# Suggestions reach this many standard deviations of the pool's scores below the best.
REACH = 1.0
# The own sector's best case seeds the problem comparison only when it ranks this high overall:
# further down it is about something else, and comparing with it misled the panel.
SEED_RANK = 2
PER_SECTOR = 2
LIMIT = 3
DIVERSITY_SIMILARITY = 0.95


class ProblemLookup(Protocol):
    def get_many(self, doc_ids: list[str], /) -> Mapping[str, np.ndarray | None]: ...


def problem_vectors(passages: Iterable[tuple[str, str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Per document, the mean vector of its problem-statement passages (else its first)."""
    problem_parts: dict[str, list[np.ndarray]] = {}
    first: dict[str, np.ndarray] = {}
    for doc_id, section, vector in passages:
        first.setdefault(doc_id, vector)
        if is_problem_section(section):
            problem_parts.setdefault(doc_id, []).append(vector)
    vectors = {}
    for doc_id, vector in first.items():
        mean = np.mean(problem_parts[doc_id], axis=0) if doc_id in problem_parts else vector
        vectors[doc_id] = mean / (np.linalg.norm(mean) or 1.0)
    return vectors


def choose(
    candidates: list[DocumentHit],
    own_sector: str,
    sectors: dict[str, str | None],
    problems: ProblemLookup,
    centroids: Mapping[str, np.ndarray],
    query_vector: np.ndarray,
) -> list[DocumentHit]:
    """The other sectors' cases to suggest, best first (see the module docstring)."""
    pool = scored_pool(candidates, own_sector, sectors, problems, query_vector)
    return select(pool, sectors, centroids)


def scored_pool(
    candidates: list[DocumentHit],
    own_sector: str,
    sectors: dict[str, str | None],
    problems: ProblemLookup,
    query_vector: np.ndarray,
) -> list[tuple[float, DocumentHit]]:
    """The other sectors' candidates the panel weighs, each with its score, in ranking order."""
    others = [c for c in candidates if sectors[c.doc_id] not in (own_sector, None)][:POOL]
    seed_id = next(
        (c.doc_id for c in candidates[:SEED_RANK] if sectors[c.doc_id] == own_sector), None
    )
    # One read for the whole pool: the problem vectors of up to POOL documents not seen before.
    vectors = problems.get_many([c.doc_id for c in others] + ([seed_id] if seed_id else []))
    seed = vectors[seed_id] if seed_id else None
    scored = []
    for candidate in others:
        problem = vectors[candidate.doc_id]
        if problem is None:  # a document without passages: only its dense score is known
            scored.append((candidate.dense, candidate))
            continue
        fit = float(problem @ query_vector)
        scored.append((fit if seed is None else (fit + float(problem @ seed)) / 2, candidate))
    return scored


def select(
    scored: list[tuple[float, DocumentHit]],
    sectors: dict[str, str | None],
    centroids: Mapping[str, np.ndarray],
) -> list[DocumentHit]:
    """The best of the scored pool above its relative bar, at most PER_SECTOR per sector."""
    bar = relative_bar(np.array([score for score, _ in scored]))
    if bar is None:
        return []
    chosen: list[DocumentHit] = []
    per_sector: Counter[str | None] = Counter()
    for score, candidate in sorted(scored, key=lambda t: -t[0]):
        if score < bar or len(chosen) >= LIMIT:
            break
        sector = sectors[candidate.doc_id]
        if per_sector[sector] >= PER_SECTOR:
            continue
        if _too_close(candidate.doc_id, [c.doc_id for c in chosen], centroids):
            continue
        per_sector[sector] += 1
        chosen.append(candidate)
    return chosen


def relative_bar(scores: np.ndarray) -> float | None:
    """The lowest score a suggestion may have, or None when the best doesn't stand out.

    The best is measured against the candidates beyond the panel's size, so that a few equally
    good cases (two sectors that both solved the problem) don't hide each other; in a small home
    against the two weakest at least, and with fewer than three candidates not at all.
    """
    if len(scores) < 3:
        return None
    ordered = np.sort(scores)
    rest = ordered[: max(2, len(ordered) - LIMIT)]
    best = float(ordered[-1])
    # A floor under the spread: identical scores must not make any difference infinitely large.
    if best - float(rest.mean()) < STANDOUT * max(float(rest.std()), 1e-3):
        return None
    return best - REACH * float(scores.std())


def _too_close(doc_id: str, chosen: list[str], centroids: Mapping[str, np.ndarray]) -> bool:
    """Diversity: skip a suggestion nearly identical to one already chosen."""
    vector = centroids.get(doc_id)
    if vector is None:
        return False
    return any(
        float(vector @ centroids[c]) >= DIVERSITY_SIMILARITY for c in chosen if c in centroids
    )


def reason(sector: str | None, passage: str) -> str:
    """The short Danish reason shown with a suggestion."""
    return f"Samme udfordring løst i {label('sector', sector)}: {first_sentence(passage)}"


def first_sentence(text: str, max_chars: int = 180) -> str:
    """The passage's first real sentence (skipping datelines and headings), shortened."""
    text = text.strip().lstrip("… ")
    sentences = split_sentences(text, QUICK_LINES)
    sentence = next((t for t in sentences if len(re.findall(r"[^\W\d_]{2,}", t)) >= 5), text)
    if len(sentence) <= max_chars:
        return sentence
    return sentence[: max_chars - 1].rsplit(" ", 1)[0] + " …"
