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
"""

import argparse
import csv
from pathlib import Path

from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.ingest.pipeline import Ingestor
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
    args = parser.parse_args()

    base = Settings()
    embedder = load_embedder(base)
    for name, questions_dir, corpus in args.set or DEFAULT_SETS:
        settings = base.model_copy(update={"home": args.home_root / name})
        report = Ingestor(settings, embedder).ingest([Path(corpus)], prune=True)
        for path, why in report.failed:  # data/ holds make_report.py: not a source, skipped
            print(f"skipped {path}: {why}")
        print(f"== {name} ({questions_dir}, corpus {corpus})")
        measure(Searcher(settings, embedder), Path(questions_dir) / "questions.tsv", args.verbose)


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
