"""Two `innosearch eval --json` runs of the same questions compared question by question.

For a change that needs its own ingest (a parser, chunking, the model), `eval_variants.py` cannot
pair the variants: each lives in its own home. Evaluate the same questions on the home before
and the home after, then pair them here. Reproduce from the repo root:

    innosearch eval --json --home BEFORE --queries Q --qrels R > before-real.json
    innosearch eval --json --home AFTER --queries Q --qrels R > after-real.json
    python bench/compare_evals.py --set real before-real.json after-real.json [--set ...]

Prints, per set, nDCG@10 before and after, the paired difference with its 95% bootstrap interval
and how many questions rose and fell; then the mean over all the sets given, paired the same way.
"""

import argparse
import json
import sys
from pathlib import Path

from innosearch.search.evaluate import bootstrap_interval

METRIC = "ndcg@10"
# A question whose score moved less than this did not move (float noise from re-ranking ties).
MOVED = 0.005


def per_question(path: Path) -> dict[str, float]:
    """Question id -> nDCG@10 from one `innosearch eval --json` output."""
    report = json.loads(path.read_text("utf-8"))
    return {row["query_id"]: row[METRIC] for row in report["per_query"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set",
        nargs=3,
        action="append",
        required=True,
        metavar=("NAME", "BEFORE", "AFTER"),
        help="a set's name and its two eval outputs",
    )
    args = parser.parse_args(argv)
    runs = [(name, per_question(Path(b)), per_question(Path(a))) for name, b, a in args.set]
    for name, before, after in runs:
        if before.keys() != after.keys():
            print(f"{name}: the two runs hold different questions", file=sys.stderr)
            return 2
    differences: list[list[float]] = []
    means: list[tuple[float, float]] = []
    print("| set | before | after | paired difference [95% CI] | up / down |")
    print("|---|---|---|---|---|")
    for name, before, after in runs:
        diff = [after[q] - before[q] for q in before]
        low, high = bootstrap_interval([diff])
        mean_before, mean_after = (sum(run.values()) / len(run) for run in (before, after))
        up, down = sum(d > MOVED for d in diff), sum(d < -MOVED for d in diff)
        print(
            f"| {name} | {mean_before:.3f} | {mean_after:.3f} | "
            f"{mean_after - mean_before:+.3f} [{low:+.3f}, {high:+.3f}] | {up} / {down} |"
        )
        differences.append(diff)
        means.append((mean_before, mean_after))
    if len(differences) > 1:
        low, high = bootstrap_interval(differences)
        before_mean = sum(b for b, _ in means) / len(means)
        after_mean = sum(a for _, a in means) / len(means)
        print(
            f"| mean of the {len(means)} sets | {before_mean:.3f} | {after_mean:.3f} | "
            f"{after_mean - before_mean:+.3f} [{low:+.3f}, {high:+.3f}] | |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
