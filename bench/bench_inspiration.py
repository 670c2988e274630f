"""Measure the inspiration panel on cross-sector twins: does the panel hold the other sector's twin?

    python bench/bench_inspiration.py [--twins bench/twins] [--home-root .innosearch/eval]

`bench/twins/` holds pairs of case records from two different sectors that solve the same
underlying problem in their own sector's words, and one challenge question per pair asked from the
first case's sector (see its README). The folder is ingested with the configured model into its own
home (reused on later runs), every question goes through `Searcher.search` with `own_sector` set,
as the API does, and the script prints:

- twin found: the share of questions whose panel holds the twin (with a 95 % bootstrap interval);
- panel precision: the share of all suggestions that are the question's twin (a lower bound:
  another pair's case can be a fair suggestion too);
- own case first: the share of questions whose first result is the asker's own case.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--twins", type=Path, default=Path("bench/twins"))
    parser.add_argument("--home-root", type=Path, default=Path(".innosearch/eval"))
    parser.add_argument("--verbose", action="store_true", help="print every question's panel")
    args = parser.parse_args()

    base = Settings()
    embedder = load_embedder(base)
    settings = base.model_copy(update={"home": args.home_root / "twins"})
    report = Ingestor(settings, embedder).ingest([args.twins / "cases"], prune=True)
    if report.failed:
        raise SystemExit(f"{len(report.failed)} twin cases failed to ingest: {report.failed}")
    searcher = Searcher(settings, embedder)
    with (args.twins / "questions.tsv").open(encoding="utf-8", newline="") as handle:
        questions = list(csv.DictReader(handle, delimiter="\t"))
    found, own_first, shown, right = [], [], 0, 0
    for q in questions:
        result = searcher.search(SearchRequest(q["question"], own_sector=q["own_sector"]))
        panel = [h.document.source for h in result.inspiration]
        found.append(1.0 if q["twin"] in panel else 0.0)
        own_first.append(
            1.0 if result.hits and result.hits[0].document.source == q["own_case"] else 0.0
        )
        shown += len(panel)
        right += panel.count(q["twin"])
        if args.verbose:
            mark = "+" if q["twin"] in panel else "-"
            print(f"{mark} {q['question_id']} {q['own_sector']:>15} twin {q['twin']}: {panel}")
    n = len(questions)
    low, high = bootstrap_interval([found])
    print(f"questions: {n}  suggestions shown: {shown} ({shown / n:.1f} per question)")
    share = sum(found) / n
    print(f"twin found in the panel: {int(sum(found))}/{n} = {share:.2f} [{low:.2f}, {high:.2f}]")
    precision = right / max(shown, 1)
    print(f"panel precision (the twin among all suggestions): {right}/{shown} = {precision:.2f}")
    print(f"own case first: {int(sum(own_first))}/{n}")


if __name__ == "__main__":
    main()
