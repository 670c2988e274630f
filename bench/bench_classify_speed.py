"""How long the rules of the classifier take: every document of a folder, and one long report.

The long report is every section of the folder's PDFs, repeated until it holds `--long-chars`
characters (600,000 by default, about the text of a 300-page report). The embedding model is not
loaded: the rules are what this measures, and they run the same with it. Each figure is the
median of `--runs` runs in this process.

Reproduce from the repo root, and compare two versions of the code in one sitting:

    PYTHONPATH=. python bench/bench_classify_speed.py
    git worktree add /tmp/before REV && PYTHONPATH=/tmp/before python bench/bench_classify_speed.py
"""

import argparse
import statistics
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from innosearch.classify.classifier import Classifier
from innosearch.documents import ParsedDocument
from innosearch.errors import InnosearchError
from innosearch.ingest.base import NO_LIMITS
from innosearch.ingest.registry import parse_file

DEFAULT_SOURCE = Path(__file__).resolve().parent.parent.parent / "shared" / "real-docs"
TODAY = date(2026, 12, 7)


def parsed(folder: Path) -> list[ParsedDocument]:
    docs: list[ParsedDocument] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            docs += parse_file(path, NO_LIMITS)
        except InnosearchError as exc:
            print(f"  skipped {path.name}: {exc}")
    return docs


def long_report(docs: list[ParsedDocument], chars: int) -> ParsedDocument:
    pdfs = [d for d in docs if d.kind == "pdf"]
    sections = [s for d in pdfs for s in d.sections]
    if not sections:
        raise SystemExit("the folder holds no PDF to build the long report from")
    long_sections = []
    while sum(len(s.text) for s in long_sections) < chars:
        long_sections += sections
    return replace(pdfs[0], sections=long_sections)


def median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT_SOURCE)
    parser.add_argument("--long-chars", type=int, default=600_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    classifier = Classifier(None)
    docs = parsed(args.folder)
    report = long_report(docs, args.long_chars)
    chars = sum(len(s.text) for d in docs for s in d.sections)
    report_chars = sum(len(s.text) for s in report.sections)

    def classify_all() -> None:
        for doc in docs:
            classifier.classify(doc, today=TODAY)

    folder_s = median_seconds(classify_all, args.runs)
    report_s = median_seconds(lambda: classifier.classify(report, today=TODAY), args.runs)
    print(f"folder {args.folder}: {len(docs)} documents, {chars:,} characters")
    print(f"  classify every document   median {folder_s:6.2f} s of {args.runs} runs")
    print(f"long report: {len(report.sections)} sections, {report_chars:,} characters")
    print(f"  classify the report       median {report_s:6.2f} s of {args.runs} runs")


if __name__ == "__main__":
    main()
