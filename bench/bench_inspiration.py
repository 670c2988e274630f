"""Measure the inspiration panel: the twin where another sector has the answer, silence elsewhere.

    python bench/bench_inspiration.py [--set NAME QUESTIONS_TSV CORPUS ...] [--verbose] [--diagnose]

Three sets by default (see their READMEs): `bench/twins/` (23 pairs of case records from two
sectors that solve the same underlying problem in their own sector's words, one question per pair
asked from the first case's sector, corpus `bench/twins/cases`; the panel's first rules were
chosen here), `bench/twins-data/` (15 questions over `data/`, each asked from one sector about a
problem another sector's case in `data/` solved) and `bench/twins-none/` (16 questions, over
`data/` and `bench/twins/cases`, about problems that no other sector's document addresses, so
the right panel is empty). Each corpus is ingested with the configured model into its own home
under `--home-root` (reused on later runs), every question goes through `Searcher.search` with
`own_sector` set, as the API does, and the script prints per set:

- suggestions shown per question, and the share of questions whose panel is empty (with a 95 %
  bootstrap interval);
- for a set with a `twin` column: twin found, the share of questions whose panel holds a twin
  (with its interval), and panel precision, the share of all suggestions that are one of the
  question's twins (a lower bound: another case can be a fair suggestion too);
- own case first: the share of questions with an own case whose first result is that case.

`twin` may list several acceptable cases separated by `;`; `own_case` may be empty. Sets that
share a NAME are reported together.

`--diagnose` prints, for every twin the panel missed, where it stood: its rank in the question's
all-sector dense ranking, its problem statement's rank among the other sectors' documents by
likeness to the question and to the own case's problem, its place in the panel's pool and its
score there, and which cut-off dropped it (the table in docs/quality.md).

Variants (the table in docs/quality.md): `--override NAME=VALUE` sets a constant of
`search/inspiration.py` for the run (e.g. `STANDOUT=2.5`, `REACH=0.75`, `LIMIT=4`, `SEED_RANK=0`
for no seed, `SEED_RANK=1000` for a seed wherever the own case ranks); `--project-sectors N`
removes the directions of the sector centroids (sectors of at least N documents, each centroid
less the mean of all document vectors) from every problem vector before the panel compares them.
"""

import argparse
import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.ingest.pipeline import Ingestor
from innosearch.search import inspiration, panel
from innosearch.search.corpus import Snapshot
from innosearch.search.evaluate import bootstrap_interval
from innosearch.search.fusion import DocumentHit, RankingConfig
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher

DEFAULT_SETS = [
    ("twins", "bench/twins/questions.tsv", "bench/twins/cases"),
    ("twins-data", "bench/twins-data/questions.tsv", "data"),
    ("twins-none", "bench/twins-none/questions-data.tsv", "data"),
    ("twins-none", "bench/twins-none/questions-twins.tsv", "bench/twins/cases"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--set",
        nargs=3,
        action="append",
        metavar=("NAME", "QUESTIONS_TSV", "CORPUS"),
        help="a set: its name, its questions.tsv (or the folder holding it), the folder to ingest",
    )
    parser.add_argument("--home-root", type=Path, default=Path(".innosearch/eval"))
    parser.add_argument("--verbose", action="store_true", help="print every question's panel")
    parser.add_argument("--diagnose", action="store_true", help="where each missed twin stood")
    parser.add_argument(
        "--override", action="append", default=[], metavar="NAME=VALUE", help="a variant"
    )
    parser.add_argument("--project-sectors", type=int, metavar="MIN_DOCS", help="a variant")
    args = parser.parse_args()
    for override in args.override:
        name, value = override.split("=", 1)
        if not hasattr(inspiration, name):
            raise SystemExit(f"search/inspiration.py has no constant {name}")
        setattr(inspiration, name, type(getattr(inspiration, name))(value))
        print(f"variant: inspiration.{name} = {value}")

    base = Settings()
    embedder = load_embedder(base)
    searchers: dict[str, Searcher] = {}
    outcomes: dict[str, list[Outcome]] = {}
    for name, questions, corpus in args.set or DEFAULT_SETS:
        if corpus not in searchers:
            home = args.home_root / corpus.strip("/").replace("/", "-")
            settings = base.model_copy(update={"home": home})
            report = Ingestor(settings, embedder).ingest([Path(corpus)], prune=True)
            for path, why in report.failed:  # data/ holds make_report.py: not a source, skipped
                print(f"skipped {path}: {why}")
            searchers[corpus] = Searcher(settings, embedder)
            if args.project_sectors:
                snapshot = searchers[corpus].corpus.current()
                # The panel reads the snapshot's problem vectors (a cached property): replace them.
                snapshot.__dict__["problem_vectors"] = SectorNeutralProblems(
                    snapshot, sector_directions(snapshot, args.project_sectors)
                )
        questions_file = Path(questions)
        if questions_file.is_dir():
            questions_file /= "questions.tsv"
        print(f"== {name} ({questions_file}, corpus {corpus})")
        outcomes.setdefault(name, []).extend(
            ask(searchers[corpus], questions_file, args.verbose, args.diagnose)
        )
    print()
    for name, results in outcomes.items():
        summarise(name, results)


def sector_directions(snapshot: Snapshot, min_documents: int) -> np.ndarray:
    """An orthonormal basis of the sector centroids' directions (centroid less the mean)."""
    vectors = snapshot.document_vectors
    sectors = [snapshot.sectors.get(doc_id) for doc_id in vectors.ids]
    mean = vectors.matrix.mean(axis=0)
    directions = []
    for sector in sorted({s for s in sectors if s}):
        rows = [i for i, s in enumerate(sectors) if s == sector]
        if len(rows) >= min_documents:
            directions.append(vectors.matrix[rows].mean(axis=0) - mean)
    basis, strengths, _ = np.linalg.svd(np.array(directions).T, full_matrices=False)
    return basis[:, strengths > 1e-6 * strengths.max()]


class SectorNeutralProblems:
    """The snapshot's problem vectors with the sector directions removed."""

    def __init__(self, snapshot: Snapshot, basis: np.ndarray):
        self._problems = snapshot.problem_vectors
        self._basis = basis

    def get(self, doc_id: str) -> np.ndarray | None:
        vector = self._problems.get(doc_id)
        if vector is None:
            return None
        neutral = vector - self._basis @ (self._basis.T @ vector)
        return neutral / (np.linalg.norm(neutral) or 1.0)

    def get_many(self, doc_ids: list[str]) -> dict[str, np.ndarray | None]:
        return {doc_id: self.get(doc_id) for doc_id in doc_ids}


@dataclass
class Outcome:
    """One question's panel, judged."""

    shown: int
    right: int
    twin_found: bool | None  # None: the question has no twin (bench/twins-none)
    own_first: bool | None  # None: the question has no own case


class PanelCall:
    """Records the arguments of the panel's last call, for the diagnosis (a bench-only hook)."""

    def __init__(self, suggestions: Callable[..., Any]):
        self._suggestions = suggestions
        self.args: tuple = ()

    def __call__(self, *args: Any) -> Any:
        self.args = args
        return self._suggestions(*args)


def ask(searcher: Searcher, questions_file: Path, verbose: bool, diagnose: bool) -> list[Outcome]:
    with questions_file.open(encoding="utf-8", newline="") as handle:
        questions = list(csv.DictReader(handle, delimiter="\t"))
    ids = {record.source: record.id for record in searcher.store.all_documents()}
    recorder = PanelCall(panel.suggestions)
    panel.suggestions = recorder  # type: ignore[assignment]
    outcomes = []
    try:
        for q in questions:
            twins = {t for t in q.get("twin", "").split(";") if t}
            result = searcher.search(SearchRequest(q["question"], own_sector=q["own_sector"]))
            shown = [h.document.source for h in result.inspiration]
            own_first = None
            if q["own_case"]:
                first = result.hits[0].document.source if result.hits else None
                own_first = first == q["own_case"]
            found = bool(twins & set(shown)) if twins else None
            outcomes.append(Outcome(len(shown), sum(s in twins for s in shown), found, own_first))
            if verbose:
                mark = {True: "+", False: "-", None: "0" if not shown else "!"}[found]
                expected = q["twin"] if twins else "none"
                print(f"{mark} {q['question_id']} {q['own_sector']:>15} twin {expected}: {shown}")
            if diagnose and found is False:
                snapshot, config, _, query_vector, _, sector, ranked = recorder.args
                own_case = ids.get(q["own_case"])
                for twin in sorted(twins):
                    where = twin_standing(
                        snapshot, config, query_vector, sector, ranked, ids[twin], own_case
                    )
                    print(f"  {q['question_id']} {twin}: {where}")
    finally:
        panel.suggestions = recorder._suggestions  # type: ignore[method-assign]
    return outcomes


def twin_standing(
    snapshot: Snapshot,
    config: RankingConfig,
    query_vector: np.ndarray,
    own_sector: str,
    ranked: list[DocumentHit],
    twin: str,
    own_case: str | None,
) -> str:
    """Where a missed twin stood, and which of the panel's cut-offs dropped it."""
    sectors = snapshot.sectors
    everyone = [h.doc_id for h in panel.dense_candidates(snapshot, config, query_vector, None)]
    others = [d for d in snapshot.document_vectors if sectors[d] not in (own_sector, None)]
    problems = {d: snapshot.problem_vectors.get(d) for d in others}
    by_question = _rank(twin, others, lambda d: float(problems[d] @ query_vector))
    seed = snapshot.problem_vectors.get(own_case) if own_case else None
    by_own = _rank(twin, others, lambda d: float(problems[d] @ seed)) if seed is not None else "—"
    dense = everyone.index(twin) + 1 if twin in everyone else f">{len(everyone)}"
    pool = inspiration.scored_pool(
        ranked, own_sector, sectors, snapshot.problem_vectors, query_vector
    )
    scores = np.array([score for score, _ in pool])
    position = next((i for i, (_, c) in enumerate(pool) if c.doc_id == twin), None)
    head = f"dense {dense}/{len(snapshot.document_vectors)}, problem~question {by_question}, "
    head += f"problem~own case {by_own}/{len(others)}, "
    if position is None:
        in_ranking = [c.doc_id for c in ranked if sectors[c.doc_id] not in (own_sector, None)]
        place = in_ranking.index(twin) + 1 if twin in in_ranking else "absent"
        return head + f"not in the pool (other-sector place in the ranking: {place})"
    bar = inspiration.relative_bar(scores)
    score = pool[position][0]
    order = int((scores > score).sum()) + 1
    head += f"pool {order}/{len(pool)} score {score:.3f} (best {scores.max():.3f}), "
    if bar is None:
        return head + "cut by STANDOUT (empty panel)"
    if score < bar:
        return head + f"cut by REACH (bar {bar:.3f})"
    return head + "above the bar, crowded out (LIMIT, PER_SECTOR or diversity)"


def _rank(doc_id: str, ids: list[str], key: Callable[[str], float]) -> int:
    ordered = sorted(ids, key=lambda d: -key(d))
    return ordered.index(doc_id) + 1


def summarise(name: str, outcomes: list[Outcome]) -> None:
    n = len(outcomes)
    shown = sum(o.shown for o in outcomes)
    empty = [1.0 if o.shown == 0 else 0.0 for o in outcomes]
    low, high = bootstrap_interval([empty])
    print(f"{name}: {n} questions, {shown} suggestions ({shown / n:.1f} per question)")
    print(f"  panel empty: {int(sum(empty))}/{n} = {sum(empty) / n:.2f} [{low:.2f}, {high:.2f}]")
    found = [1.0 if o.twin_found else 0.0 for o in outcomes if o.twin_found is not None]
    if found:
        low, high = bootstrap_interval([found])
        share = sum(found) / len(found)
        print(f"  twin found: {int(sum(found))}/{len(found)} = {share:.2f} [{low:.2f}, {high:.2f}]")
        right = sum(o.right for o in outcomes)
        print(f"  panel precision: {right}/{shown} = {right / max(shown, 1):.2f}")
    own = [o.own_first for o in outcomes if o.own_first is not None]
    print(f"  own case first: {sum(own)}/{len(own)}")


if __name__ == "__main__":
    main()
