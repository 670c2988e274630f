"""Sector inference accuracy on every set that says the right sector, side by side.

Two kinds of sets:
- labelled: a folder with documents/ and labels.tsv holding a `sector` column
  (bench/labelled, held out: only its figure is printed; bench/sector_blind, written blind);
- stated: case records that state their sector (data/cases, bench/twins/cases,
  ../shared/dev-eval/corpus). The stated value is hidden from the classifier, which then infers
  it from the text like for any report or page; what the source stated is the answer.

Multi-case reports are split first (ingest/report_cases.py), as ingest does; a labelled file
that splits is measured on the report part, the way bench_classify.py measures the first
document. Reproduce from the repo root:

    PYTHONPATH=. python bench/bench_sector.py                # rules + the real embedding model
    PYTHONPATH=. python bench/bench_sector.py --no-embedder  # rules only
"""

import argparse
import csv
import time
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

from innosearch.classify.classifier import Classifier, opening_text
from innosearch.config import Settings
from innosearch.documents import ParsedDocument
from innosearch.embed.factory import load_embedder
from innosearch.ingest.base import NO_LIMITS
from innosearch.ingest.registry import parse_file
from innosearch.ingest.report_cases import split_report

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
LABELLED = {"labelled": BENCH / "labelled", "sector_blind": BENCH / "sector_blind"}
HELD_OUT = {"labelled"}  # figures only: never look at which documents it gets wrong
STATED = {
    "data/cases": REPO / "data" / "cases",
    "twins": BENCH / "twins" / "cases",
    "dev-eval": REPO.parent / "shared" / "dev-eval" / "corpus",
}
TODAY = date(2026, 12, 6)


def labelled_items(folder: Path) -> list[tuple[str, ParsedDocument, str]]:
    with (folder / "labels.tsv").open(encoding="utf-8", newline="") as handle:
        labels = list(csv.DictReader(handle, delimiter="\t"))
    items = []
    for label in labels:
        path = folder / "documents" / label["file"]
        doc = split_report(parse_file(path, NO_LIMITS)[0])[0]
        items.append((label["file"], doc, label["sector"]))
    return items


def stated_items(folder: Path) -> list[tuple[str, ParsedDocument, str]]:
    items = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".json", ".jsonl", ".csv"):
            continue
        for doc in parse_file(path, NO_LIMITS):
            sector = doc.fields.get("sector")
            if not sector:
                continue
            hidden = {k: v for k, v in doc.fields.items() if k != "sector"}
            items.append((path.name + doc.source_suffix, replace(doc, fields=hidden), sector))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-embedder", action="store_true", help="rules only")
    args = parser.parse_args()
    embedder = None if args.no_embedder else load_embedder(Settings())
    classifier = Classifier(embedder)
    sets = {name: labelled_items(folder) for name, folder in LABELLED.items()}
    sets |= {name: stated_items(folder) for name, folder in STATED.items() if folder.is_dir()}

    table = []
    for name, items in sets.items():
        t0 = time.perf_counter()
        # What the classifier would embed of each document, embedded in batches up front.
        vectors = (
            embedder.embed_passages([opening_text(doc) for _, doc, _ in items])
            if embedder
            else [None] * len(items)
        )
        wrong = []
        for (file, doc, expected), vector in zip(items, vectors, strict=True):
            got = classifier.classify(doc, vector, today=TODAY).sector
            if got is None or got.value != expected:
                wrong.append((file, expected, got.value if got else None, got))
        n = len(items)
        ok = n - len(wrong)
        table.append((name, ok, n))
        print(f"\n== {name}: {ok}/{n} = {ok / n:.3f} ({time.perf_counter() - t0:.0f} s)")
        if name in HELD_OUT:
            continue
        print(
            "   "
            + ", ".join(
                f"{e}->{g}: {c}"
                for (e, g), c in sorted(Counter((e, g) for _, e, g, _ in wrong).items(), key=str)
            )
        )
        for file, expected, value, got in wrong:
            confidence = f"{got.confidence:.2f}" if got else "n/a"
            print(f"   {file:<58} {expected:<16} {value!s:<16} {confidence}")

    mode = "rules only" if embedder is None else "rules + embedding model"
    print(f"\n| set ({mode}) | sector accuracy |\n|---|---|")
    for name, ok, n in table:
        print(f"| {name} | {ok / n:.3f} ({ok}/{n}) |")
    total_ok = sum(ok for _, ok, _ in table)
    total = sum(n for _, _, n in table)
    print(f"| all | {total_ok / total:.3f} ({total_ok}/{total}) |")


if __name__ == "__main__":
    main()
