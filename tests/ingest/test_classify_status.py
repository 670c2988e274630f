"""Status and stage on bench/status_set: 50 documents written blind to the classifier, where
whether the work is over does not follow from whether effects were measured."""

import csv
from pathlib import Path

from innosearch.documents import ParsedDocument, Section
from innosearch.ingest.classify import Classifier
from innosearch.ingest.registry import parser_for

STATUS_SET = Path(__file__).resolve().parents[2] / "bench" / "status_set"


def test_status_set_accuracy() -> None:
    with open(STATUS_SET / "labels.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) == 50
    classifier = Classifier()
    status_ok = stage_ok = 0
    for r in rows:
        path = STATUS_SET / "documents" / r["file"]
        c = classifier.classify(parser_for(path).parse(path)[0])
        assert c.status is not None and c.stage is not None
        status_ok += c.status.value == r["status"]
        stage_ok += c.stage.value == r["stage"]
    # Status is read from few words; see bench/status_set/README.md for why it was left at 0.80.
    assert status_ok / len(rows) >= 0.78, status_ok
    assert stage_ok / len(rows) >= 0.85, stage_ok


def test_a_decision_to_take_a_tested_solution_into_use_everywhere_is_implementation() -> None:
    doc = ParsedDocument(
        "Sensorer i sengene",
        "markdown",
        [
            Section(
                "Efter en afprøvning på én afdeling besluttede ældreudvalget at tage sensorerne "
                "i brug på alle plejecentre."
            ),
        ],
    )
    c = Classifier().classify(doc)
    assert c.stage is not None and c.stage.value == "implementering"
