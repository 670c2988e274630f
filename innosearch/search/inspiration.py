"""Inspiration from other sectors: which cases address the asker's problem elsewhere, and why.

A candidate is scored by how well it answers the query and how close its problem statement
(Udfordring/Resumé, else its opening passage) is to that of the best case from the asker's own
sector. Only clear winners are shown: the small model rates almost everything as somewhat
similar, so a candidate must be close to the best of the other sectors' cases and above an
absolute floor; no suggestion beats a weak one.

Calibrated with the default model on the sample corpus's cross-sector twins and the web page
tests' corpus: twins and cases solving the same problem score 0.855-0.89 and lead the other
sectors' candidates; unrelated cases score below 0.85 or trail the leader by more than the margin.
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

POOL = 40
MIN_SCORE = 0.85
MARGIN = 0.01
PER_SECTOR = 2
LIMIT = 4
DIVERSITY_SIMILARITY = 0.95


class ProblemLookup(Protocol):
    def get(self, doc_id: str, /) -> np.ndarray | None: ...


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
    hidden: set[str],
) -> list[DocumentHit]:
    """The other sectors' cases to suggest, best first (see the module docstring)."""
    own = [c for c in candidates if sectors[c.doc_id] == own_sector]
    others = [c for c in candidates if sectors[c.doc_id] not in (own_sector, None)]
    if not others:
        return []
    seed = problems.get(own[0].doc_id) if own else None
    scored = []
    for candidate in others[:POOL]:
        problem = problems.get(candidate.doc_id)
        likeness = float(problem @ seed) if seed is not None and problem is not None else None
        score = candidate.dense if likeness is None else (candidate.dense + likeness) / 2
        scored.append((score, candidate))
    bar = max(MIN_SCORE, max(score for score, _ in scored) - MARGIN)
    chosen: list[DocumentHit] = []
    per_sector: Counter[str | None] = Counter()
    # The bar is set by the best candidate, shown or not: when the strongest cases are on the
    # page already, weaker ones don't move up to fill the panel.
    for score, candidate in sorted(scored, key=lambda t: -t[0]):
        if score < bar or len(chosen) >= LIMIT:
            break
        sector = sectors[candidate.doc_id]
        if candidate.doc_id in hidden or per_sector[sector] >= PER_SECTOR:
            continue
        if _too_close(candidate.doc_id, [c.doc_id for c in chosen], centroids):
            continue
        per_sector[sector] += 1
        chosen.append(candidate)
    return chosen


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
