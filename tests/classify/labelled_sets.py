"""Shared by the classifier tests: the day they classify as of, and a labelled set's run."""

import csv
from datetime import date
from pathlib import Path

from innosearch.classify.classifier import Classifier
from innosearch.documents import Classification
from innosearch.ingest.registry import parser_for

BENCH = Path(__file__).resolve().parents[2] / "bench"
# Status reads stated years against "today": a fixed day keeps the tests' answers fixed.
TODAY = date(2026, 12, 6)


def classify_set(folder: Path) -> list[tuple[dict[str, str], Classification]]:
    """Each row of folder/labels.tsv with the classification of its document, parsed as the
    ingest parses it."""
    with open(folder / "labels.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    classifier = Classifier()
    out = []
    for row in rows:
        path = folder / "documents" / row["file"]
        out.append((row, classifier.classify(parser_for(path).parse(path)[0], today=TODAY)))
    return out


def precision_recall(pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    """(precision, recall) over (predicted, wanted) pairs."""
    tp = sum(1 for got, want in pairs if got and want)
    fp = sum(1 for got, want in pairs if got and not want)
    fn = sum(1 for got, want in pairs if want and not got)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)
