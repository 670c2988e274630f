"""Measure the automatic classifier on the held-out labelled set in bench/labelled/.

Parses every document in bench/labelled/documents/ with the parser its suffix selects, classifies
it with `Classifier(embedder).classify(doc, today=TODAY)` (the real embedding model, or rules only
with --no-embedder) and compares with bench/labelled/labels.tsv: accuracy for sector, stage,
status and organisation type; evidence level exact and within-one accuracy; "has documented effect"
(level >= 2) precision and recall; has_pitfalls accuracy, precision and recall. Then lists the
misclassified files per field (file, expected, got, confidence) and ends with a Markdown table.

The set is a hold-out set (see bench/labelled/README.md): this script only measures. Do not tune
the classifier on its output, and do not copy the documents' text anywhere.

Reproduce from the repo root:

    python bench/bench_classify.py                 # with the real embedding model
    python bench/bench_classify.py --no-embedder   # rules only
"""

import argparse
import csv
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from innosearch.classify.classifier import Classifier
from innosearch.config import Settings
from innosearch.documents import Classification, Inferred
from innosearch.embed.factory import load_embedder
from innosearch.ingest.registry import parser_for

LABELLED = Path(__file__).resolve().parent / "labelled"
CATEGORICAL = ("sector", "stage", "status", "organisation_type")
# Status reads stated years against "today"; a fixed day keeps the figures reproducible. The
# figures in docs/classification.md were measured on this day.
TODAY = date(2026, 12, 6)


@dataclass
class Row:
    file: str
    expected: dict[str, object]
    got: dict[str, object]
    confidence: dict[str, float | None]


def _read_labels(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _value(inferred: Inferred | None) -> tuple[object, float | None]:
    if inferred is None:
        return None, None
    return inferred.value, float(inferred.confidence)


def _classify_file(classifier: Classifier, path: Path) -> Classification:
    docs = parser_for(path).parse(path)
    if len(docs) != 1:
        print(f"  note: {path.name} parsed into {len(docs)} documents; using the first", flush=True)
    return classifier.classify(docs[0], today=TODAY)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _precision_recall(rows: list[Row], field: str, positive) -> tuple[float | None, ...]:
    tp = sum(1 for r in rows if positive(r.got[field]) and positive(r.expected[field]))
    fp = sum(1 for r in rows if positive(r.got[field]) and not positive(r.expected[field]))
    fn = sum(1 for r in rows if not positive(r.got[field]) and positive(r.expected[field]))
    return _ratio(tp, tp + fp), _ratio(tp, tp + fn), tp, fp, fn


def _correct(rows: list[Row], field: str) -> int:
    return sum(1 for r in rows if r.got[field] == r.expected[field])


def _report_evidence(rows: list[Row], table: list[tuple[str, str, str]]) -> None:
    n = len(rows)
    ok = _correct(rows, "evidence_level")
    near = sum(
        1
        for r in rows
        if r.got["evidence_level"] is not None
        and abs(int(r.got["evidence_level"]) - int(r.expected["evidence_level"])) <= 1
    )
    print(f"{'evidence_level exact':<22} {ok}/{n} = {ok / n:.3f}")
    print(f"{'evidence_level ±1':<22} {near}/{n} = {near / n:.3f}")
    table.append(("evidence_level", "exact accuracy", f"{ok / n:.3f} ({ok}/{n})"))
    table.append(("evidence_level", "within-one accuracy", f"{near / n:.3f} ({near}/{n})"))

    def documented(level: object) -> bool:
        return level is not None and int(level) >= 2

    p, r, tp, fp, fn = _precision_recall(rows, "evidence_level", documented)
    print(f"documented effect (level >= 2): precision {_fmt(p)}, recall {_fmt(r)}")
    print(f"  tp {tp}, fp {fp}, fn {fn}")
    table.append(("documented effect (≥2)", "precision", f"{_fmt(p)} ({tp}/{tp + fp})"))
    table.append(("documented effect (≥2)", "recall", f"{_fmt(r)} ({tp}/{tp + fn})"))


def _report_pitfalls(rows: list[Row], table: list[tuple[str, str, str]]) -> None:
    n = len(rows)
    ok = _correct(rows, "has_pitfalls")
    p, r, tp, fp, fn = _precision_recall(rows, "has_pitfalls", lambda v: v is True)
    print(
        f"{'has_pitfalls':<22} accuracy {ok}/{n} = {ok / n:.3f}, "
        f"precision {_fmt(p)}, recall {_fmt(r)} (tp {tp}, fp {fp}, fn {fn})"
    )
    table.append(("has_pitfalls", "accuracy", f"{ok / n:.3f} ({ok}/{n})"))
    table.append(("has_pitfalls", "precision", f"{_fmt(p)} ({tp}/{tp + fp})"))
    table.append(("has_pitfalls", "recall", f"{_fmt(r)} ({tp}/{tp + fn})"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-embedder", action="store_true", help="rules only: classify without the model"
    )
    parser.add_argument(
        "--labelled",
        type=Path,
        default=LABELLED,
        help="folder with documents/ and labels.tsv (default: bench/labelled)",
    )
    parser.add_argument(
        "--no-failures", action="store_true", help="print only the figures, no per-file list"
    )
    args = parser.parse_args()

    labels = _read_labels(args.labelled / "labels.tsv")
    # A set may label only some fields (the evidence development sets label only the level).
    fields = [f for f in (*CATEGORICAL, "evidence_level", "has_pitfalls") if f in labels[0]]
    embedder = None
    if not args.no_embedder:
        t0 = time.perf_counter()
        embedder = load_embedder(Settings())
        print(f"model: {embedder.model_id}, loaded in {time.perf_counter() - t0:.1f} s")
    classifier = Classifier(embedder)

    rows: list[Row] = []
    errors: list[tuple[str, str]] = []
    t0 = time.perf_counter()
    for label in labels:
        path = args.labelled / "documents" / label["file"]
        try:
            result = _classify_file(classifier, path)
        except Exception as exc:  # a measurement must report a crash, not stop on it
            errors.append((label["file"], repr(exc)))
            continue
        expected: dict[str, object] = {f: label[f] for f in CATEGORICAL if f in fields}
        if "evidence_level" in fields:
            expected["evidence_level"] = int(label["evidence_level"])
        if "has_pitfalls" in fields:
            expected["has_pitfalls"] = label["has_pitfalls"].strip() == "1"
        got: dict[str, object] = {}
        confidence: dict[str, float | None] = {}
        for name in fields:
            got[name], confidence[name] = _value(getattr(result, name))
        if got.get("has_pitfalls") is not None:
            got["has_pitfalls"] = bool(got["has_pitfalls"])
        rows.append(Row(label["file"], expected, got, confidence))
    elapsed = time.perf_counter() - t0

    n = len(rows)
    mode = "rules only (--no-embedder)" if embedder is None else "rules + embedding model"
    print(f"classifier: {mode}")
    print(f"documents: {n} classified, {len(errors)} failed, {elapsed:.1f} s")
    for file, message in errors:
        print(f"  FAILED {file}: {message}")
    if not n:
        sys.exit("nothing classified")

    table: list[tuple[str, str, str]] = []

    print("\n== accuracy ==")
    for field in (f for f in CATEGORICAL if f in fields):
        ok = _correct(rows, field)
        missing = sum(1 for r in rows if r.got[field] is None)
        note = f" ({missing} without a value)" if missing else ""
        print(f"{field:<22} {ok}/{n} = {ok / n:.3f}{note}")
        table.append((field, "accuracy", f"{ok / n:.3f} ({ok}/{n})"))

    if "evidence_level" in fields:
        _report_evidence(rows, table)
    if "has_pitfalls" in fields:
        _report_pitfalls(rows, table)

    print("\n== confusions (expected -> got: count) ==")
    for field in fields:
        pairs = Counter(
            (r.expected[field], r.got[field]) for r in rows if r.got[field] != r.expected[field]
        )
        text = ", ".join(f"{e}->{g}: {c}" for (e, g), c in sorted(pairs.items(), key=str))
        print(f"{field}: {text or 'none'}")

    if not args.no_failures:
        print("\n== misclassified files per field (file, expected, got, confidence) ==")
        for field in fields:
            wrong = [r for r in rows if r.got[field] != r.expected[field]]
            print(f"\n-- {field}: {len(wrong)} wrong --")
            for r in sorted(wrong, key=lambda r: r.file):
                conf = r.confidence[field]
                conf_text = "n/a" if conf is None else f"{conf:.2f}"
                print(f"  {r.file:<52} {r.expected[field]!s:<15} {r.got[field]!s:<15} {conf_text}")

    print(f"\n## Classifier on {args.labelled.name} ({n} documents, {mode})\n")
    print("| Field | Measure | Value |")
    print("|---|---|---|")
    for field, measure, value in table:
        print(f"| {field} | {measure} | {value} |")


if __name__ == "__main__":
    main()
