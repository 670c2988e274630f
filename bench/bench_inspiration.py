"""Measure the inspiration panel on cross-sector twins: does the panel hold the other sector's twin?

    python bench/bench_inspiration.py [--set NAME QUESTIONS_DIR CORPUS ...] [--verbose]

Two sets by default: `bench/twins/` (23 pairs of case records from two different sectors that solve
the same underlying problem in their own sector's words, one question per pair asked from the first
case's sector, corpus `bench/twins/cases`) and `bench/twins-data/` (15 questions over `data/`, each
asked from one sector about a problem another sector's case in `data/` solved; see the READMEs).
Each corpus is ingested with the configured model into its own home under `--home-root` (reused on
later runs), every question goes through `Searcher.search` with `own_sector` set, as the API does,
and the script prints per set:

- twin found: the share of questions whose panel holds a twin (with a 95 % bootstrap interval);
- panel precision: the share of all suggestions that are one of the question's twins (a lower
  bound: another case can be a fair suggestion too);
- own case first: the share of questions with an own case whose first result is that case.

`twin` may list several acceptable cases separated by `;`; `own_case` may be empty.

Variants (the table in docs/quality.md): `--override NAME=VALUE` sets a constant of
`search/inspiration.py` for the run (e.g. `STANDOUT=2.5`, `REACH=0.75`, `LIMIT=4`, `SEED_RANK=0`
for no seed, `SEED_RANK=1000` for a seed wherever the own case ranks); `--project-sectors N`
removes the directions of the sector centroids (sectors of at least N documents, each centroid
less the mean of all document vectors) from every problem vector before the panel compares them.
"""

import argparse
import csv
from pathlib import Path

import numpy as np

from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.ingest.pipeline import Ingestor
from innosearch.search import inspiration
from innosearch.search.corpus import Snapshot
from innosearch.search.evaluate import bootstrap_interval
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher

DEFAULT_SETS = [
    ("twins", "bench/twins", "bench/twins/cases"),
    ("twins-data", "bench/twins-data", "data"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--set",
        nargs=3,
        action="append",
        metavar=("NAME", "QUESTIONS_DIR", "CORPUS"),
        help="a set: its name, the folder with questions.tsv, the folder to ingest",
    )
    parser.add_argument("--home-root", type=Path, default=Path(".innosearch/eval"))
    parser.add_argument("--verbose", action="store_true", help="print every question's panel")
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
    for name, questions_dir, corpus in args.set or DEFAULT_SETS:
        settings = base.model_copy(update={"home": args.home_root / name})
        report = Ingestor(settings, embedder).ingest([Path(corpus)], prune=True)
        for path, why in report.failed:  # data/ holds make_report.py: not a source, skipped
            print(f"skipped {path}: {why}")
        print(f"== {name} ({questions_dir}, corpus {corpus})")
        searcher = Searcher(settings, embedder)
        if args.project_sectors:
            snapshot = searcher.corpus.current()
            # The panel reads the snapshot's problem vectors (a cached property): replace them.
            snapshot.__dict__["problem_vectors"] = SectorNeutralProblems(
                snapshot, sector_directions(snapshot, args.project_sectors)
            )
        measure(searcher, Path(questions_dir) / "questions.tsv", args.verbose)


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


def measure(searcher: Searcher, questions_file: Path, verbose: bool) -> None:
    with questions_file.open(encoding="utf-8", newline="") as handle:
        questions = list(csv.DictReader(handle, delimiter="\t"))
    found, own_first, shown, right = [], [], 0, 0
    for q in questions:
        twins = set(q["twin"].split(";"))
        result = searcher.search(SearchRequest(q["question"], own_sector=q["own_sector"]))
        panel = [h.document.source for h in result.inspiration]
        found.append(1.0 if twins & set(panel) else 0.0)
        if q["own_case"]:
            first = result.hits[0].document.source if result.hits else None
            own_first.append(1.0 if first == q["own_case"] else 0.0)
        shown += len(panel)
        right += sum(source in twins for source in panel)
        if verbose:
            mark = "+" if twins & set(panel) else "-"
            print(f"{mark} {q['question_id']} {q['own_sector']:>15} twin {q['twin']}: {panel}")
    n = len(questions)
    low, high = bootstrap_interval([found])
    print(f"questions: {n}  suggestions shown: {shown} ({shown / n:.1f} per question)")
    share = sum(found) / n
    print(f"twin found in the panel: {int(sum(found))}/{n} = {share:.2f} [{low:.2f}, {high:.2f}]")
    precision = right / max(shown, 1)
    print(f"panel precision (twins among all suggestions): {right}/{shown} = {precision:.2f}")
    print(f"own case first: {int(sum(own_first))}/{len(own_first)}")


if __name__ == "__main__":
    main()
