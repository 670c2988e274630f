"""The classifier's vocabularies count a plain term with str.find and run a regex term only
where the text it requires is present: both must count exactly what the regex alone counted."""

import re

import pytest

from innosearch.classify.classifier import _compile, _required_texts

TERMS = {
    "ældre": 1.0,
    "~hjemmepleje": 1.0,
    "over 65": 1.0,
    "social- og sundhedshjælper": 1.0,
    "test(e|er|et)?\\b": 1.0,
    "(er|er nu) ved at": 1.0,
    "desk ?research": 1.0,
    "kol?\\b": 1.0,
    "status:? afsluttet": 1.0,
    "i (perioden )?(19|20)\\d\\d ?[-–] ?(19|20)\\d\\d": 1.0,
    "(alle|samtlige) (\\w+ ){0,2}skoler": 1.0,
    "museum|museer": 1.0,
    "(i|til) job|[a-z]+ job": 1.0,
    "~(?<!test)miljø": 1.0,
}

TEXTS = [
    "Ældre, ÆLDRE og ældreområdet; yngreældre _ældre 1ældre ældreældre.",
    "Hjemmeplejen og HJEMMEPLEJE, sygeplejehjemmeplejehjemmepleje.",
    "over 65 år, over 650 og lover 65",
    "Social- og sundhedshjælperen",
    "tester testen test testet atest",
    "Vi er ved at og er nu ved at; vier ved at",
    "deskresearch, desk research og DESK RESEARCH",
    "ko, kol, KOL og kolde",
    "Status: afsluttet, status afsluttet",
    "i perioden 2019-2021 og i 2020 – 2022 men ikke i 1899-1900",
    "alle skoler, samtlige tre store skoler, alle de fire nye skoler",
    "Museer og museum",
    "i job, til job og et job",
    "miljø, testmiljø, arbejdsmiljø",
    "",
]


def regex_count(term: str, text: str) -> int:
    """How the vocabularies counted before: every term a regex, run on the whole text."""
    pattern = term[1:] if term.startswith("~") else r"(?<![\wæøå])" + term
    return sum(1 for _ in re.finditer(pattern, text, re.IGNORECASE))


@pytest.mark.parametrize("text", TEXTS)
def test_every_term_counts_what_its_regex_counts(text: str) -> None:
    compiled = _compile({"key": TERMS})["key"]
    for term, counted in zip(TERMS, compiled, strict=True):
        assert counted.count(text, text.lower()) == regex_count(term, text), term


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        ("(er|er nu) ved at (undersøge|kortlægge)", (" ved at ",)),
        ("desk ?research", ("research",)),
        ("kol?\\b", ("ko",)),
        ("status:? afsluttet", (" afsluttet",)),
        ("(alle|samtlige) (\\w+ ){0,2}skoler", ("skoler",)),
        ("i (perioden )?(19|20)\\d\\d ?[-–] ?(19|20)\\d\\d", ("i ",)),
        ("museum|museer", ("museum", "museer")),
        ("(i|til) job|\\w+", ()),
        ("(i|til) job|[a-z]+ job", (" job", " job")),
        ("(?<!test)miljø", ("miljø",)),
    ],
)
def test_the_texts_a_regex_requires(pattern: str, required: tuple[str, ...]) -> None:
    assert _required_texts(pattern) == required
