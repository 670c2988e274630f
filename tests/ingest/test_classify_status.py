"""Status and stage on bench/status_set: 50 documents written blind to the classifier, where
whether the work is over does not follow from whether effects were measured."""

import csv
from pathlib import Path

import pytest

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
    assert status_ok / len(rows) >= 0.9, status_ok
    assert stage_ok / len(rows) >= 0.85, stage_ok


@pytest.mark.parametrize(
    "text",
    [
        "Testperioden sluttede den 30. november 2024, hvorefter løsningen blev taget af nettet.",
        "Forsøget blev lukket ned efter et halvt år.",
        "Jobcentret har valgt ikke at videreføre modellen.",
        "Undersøgelsen løb fra januar til oktober 2024, og projektgruppen blev opløst.",
        "Ordningen kører nu som en normal del af biblioteksdriften.",
    ],
)
def test_finished_work_in_many_words(text: str) -> None:
    doc = ParsedDocument("Projekt", "text", [Section(f"Kommunen afprøvede en ny model. {text}")])
    c = Classifier().classify(doc)
    assert c.status is not None and c.status.value == "afsluttet", text


def test_a_heading_and_a_date_ahead_say_the_work_goes_on() -> None:
    doc = ParsedDocument(
        "Sensorer i sengene",
        "markdown",
        [
            Section("Ældreudvalget besluttede at tage sensorerne i brug på alle plejecentre."),
            Section(
                "Antallet af natlige tilsyn er faldet med 38 procent. Alle afdelinger er med "
                "inden udgangen af marts 2099.",
                heading="foreløbige resultater",
            ),
        ],
    )
    c = Classifier().classify(doc)
    assert c.stage is not None and c.stage.value == "implementering"
    assert c.status is not None and c.status.value == "igangvaerende"
