"""The evaluation contract of design.md: ranking metrics over a query set with graded judgments."""

import csv
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from innosearch.errors import InnosearchError
from innosearch.filters import Filters
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher

CUTOFF = 10


@dataclass
class EvalQuery:
    query_id: str
    query: str
    own_sector: str | None = None
    wants: str | None = None


@dataclass
class EvalReport:
    queries: int
    ndcg_at_10: float
    recall_at_10: float
    recall_at_5: float
    mrr: float
    per_query: list[dict] = field(default_factory=list)
    # For queries with wants=inspiration / wants=effect: how many of the inspiration / effect
    # results are graded >= 1, over how many were shown.
    side_lists: dict[str, dict[str, float]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "queries": self.queries,
            "ndcg@10": round(self.ndcg_at_10, 4),
            "recall@10": round(self.recall_at_10, 4),
            "recall@5": round(self.recall_at_5, 4),
            "mrr": round(self.mrr, 4),
            **self.side_lists,
            "per_query": self.per_query,
        }


def _read_tsv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    # An OSError goes on to the edge, which words it in Danish with the path.
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except UnicodeDecodeError as exc:
        raise InnosearchError(f"{path}: er ikke en tekstfil i UTF-8 (TSV)") from exc
    if rows and (missing := [c for c in required if c not in rows[0]]):
        raise InnosearchError(f"{path}: mangler kolonnen/kolonnerne {', '.join(missing)}")
    return rows


def read_queries(path: Path) -> list[EvalQuery]:
    rows = _read_tsv(path, ("query_id", "query"))
    return [
        EvalQuery(r["query_id"], r["query"], r.get("own_sector") or None, r.get("wants") or None)
        for r in rows
    ]


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    judged: dict[str, dict[str, int]] = {}
    for line, row in enumerate(_read_tsv(path, ("query_id", "source", "grade")), start=2):
        grade = (row["grade"] or "").strip()
        if not (grade.isascii() and grade.isdigit()):
            raise InnosearchError(
                f"{path}, linje {line}: grade skal være et helt tal fra 0 og op (0 = ikke "
                f"relevant), ikke '{grade}'"
            )
        judged.setdefault(row["query_id"], {})[row["source"]] = int(grade)
    return judged


def ndcg(ranked: list[str], grades: dict[str, int], k: int = CUTOFF) -> float:
    gains = [grades.get(s, 0) for s in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int) -> float:
    relevant = {s for s, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    for i, source in enumerate(ranked):
        if grades.get(source, 0) > 0:
            return 1 / (i + 1)
    return 0.0


def bootstrap_interval(
    samples: Sequence[Sequence[float]], resamples: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean over sets of each set's mean per-query value.

    Each set's queries are resampled with replacement on their own, so one set's size doesn't
    weigh on another's. Pass the per-query differences of two variants (same queries, same order)
    for a paired interval of their difference. The seed is fixed so that a table is reproducible.
    """
    rng = random.Random(seed)
    means = []
    for _ in range(resamples):
        set_means = [sum(rng.choices(values, k=len(values))) / len(values) for values in samples]
        means.append(sum(set_means) / len(set_means))
    means.sort()
    tail = (1 - level) / 2
    return means[int(tail * resamples)], means[min(resamples - 1, int((1 - tail) * resamples))]


def evaluate(
    searcher: Searcher, queries: list[EvalQuery], qrels: dict[str, dict[str, int]]
) -> EvalReport:
    """Run each judged query through the same search path as the API, with default settings."""
    judged = [q for q in queries if q.query_id in qrels]
    per_query: list[dict[str, Any]] = []
    side: dict[str, dict[str, float]] = {}
    for q in judged:
        found = searcher.search(SearchRequest(q.query, own_sector=q.own_sector, limit=CUTOFF))
        ranked = [h.document.source for h in found.hits]
        grades = qrels[q.query_id]
        row = {
            "query_id": q.query_id,
            "ndcg@10": round(ndcg(ranked, grades), 4),
            "recall@10": recall(ranked, grades, CUTOFF),
            "recall@5": recall(ranked, grades, 5),
            "rr": reciprocal_rank(ranked, grades),
            "top": ranked[:3],
        }
        shown: list[str] = []
        if q.wants == "inspiration":
            shown = [h.document.source for h in found.inspiration]
        elif q.wants == "effect":
            _, hits = searcher.effects(q.query, Filters(), min_level=2, limit=CUTOFF)
            shown = [h.document.source for h in hits]
        if q.wants in ("inspiration", "effect"):
            useful = sum(1 for source in shown if grades.get(source, 0) >= 1)
            row[q.wants] = {"shown": shown, "graded>=1": useful}
            totals = side.setdefault(q.wants, {"queries": 0, "shown": 0, "graded>=1": 0})
            totals["queries"] += 1
            totals["shown"] += len(shown)
            totals["graded>=1"] += useful
        per_query.append(row)
    for totals in side.values():
        totals["precision"] = (
            round(totals["graded>=1"] / totals["shown"], 4) if totals["shown"] else 0.0
        )
    n = len(per_query) or 1
    return EvalReport(
        queries=len(per_query),
        ndcg_at_10=sum(p["ndcg@10"] for p in per_query) / n,
        recall_at_10=sum(p["recall@10"] for p in per_query) / n,
        recall_at_5=sum(p["recall@5"] for p in per_query) / n,
        mrr=sum(p["rr"] for p in per_query) / n,
        per_query=per_query,
        side_lists=side,
    )
