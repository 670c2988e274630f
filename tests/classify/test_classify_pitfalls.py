"""Pitfall detection on its development sentences and on wordings that say what went wrong.

bench/pitfall_sentences holds 620 Danish sentences labelled "describes a pitfall of the work" or
not, written for the purpose; the validation sets in bench/ carry a has_pitfalls label too.
"""

import csv

import pytest

from innosearch.classify.pitfalls import pitfalls
from innosearch.classify.sentence import Sentence
from innosearch.text.sentences import NOTES, split_sentences
from tests.classify.labelled_sets import BENCH, precision_recall


def _pitfalls_in(sections: list[tuple[str, str]]) -> bool:
    """has_pitfalls for a document of (heading, text) sections."""
    sentences = [
        Sentence(s, h, i) for i, (h, t) in enumerate(sections) for s in split_sentences(t, NOTES)
    ]
    return pitfalls(sections, sentences)[0]


def _describes_pitfalls(text: str, heading: str = "") -> bool:
    return _pitfalls_in([(heading, text)])


def test_pitfall_sentence_set() -> None:
    path = BENCH / "pitfall_sentences" / "sentences.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) >= 600
    precision, recall = precision_recall(
        [(_describes_pitfalls(row["sentence"]), row["label"] == "1") for row in rows]
    )
    # Patterns find the pitfalls that are said in words; the floor on recall guards what they find.
    assert precision >= 0.9 and recall >= 0.4, (precision, recall)


@pytest.mark.parametrize(
    "text",
    [
        "Vi fik ikke afklaret ansvaret for driften, før projektet sluttede.",
        "Vi testede ikke løsningen med rigtige brugere, før den blev rullet ud.",
        "Skærmene blev aldrig brugt af medarbejderne på aftenvagten.",
        "Kravene blev skrevet uden at inddrage sagsbehandlerne.",
        "Manglende ledelsesopbakning i opstarten.",
        "Projektet gik i stå, da projektlederen stoppede.",
        "Budgettet blev overskredet med 30 procent.",
        "Jeg ville ønske, at vi havde inddraget de pårørende tidligere.",
        "Lær af os: Få en aftale om datadeling på plads først.",
        "Vi må erkende, at modellen ikke passede til målgruppen.",
        "Vi troede, at det ville gå af sig selv, men det gjorde det ikke.",
    ],
)
def test_pitfalls_said_in_many_ways(text: str) -> None:
    assert _describes_pitfalls(f"Kommunen prøvede en ny model. {text}"), text


@pytest.mark.parametrize(
    "text",
    [
        "En risiko er, at medarbejderne ikke vil bruge løsningen.",
        "Vi ønsker at undgå de klassiske faldgruber ved at starte med en behovsanalyse.",
        "Vores råd til borgerne: Husk at tjekke din digitale post.",
        "Guiden beskriver de typiske faldgruber ved ansøgning om byggetilladelse.",
    ],
)
def test_risks_named_in_advance_and_advice_to_citizens_are_no_pitfalls(text: str) -> None:
    assert not _describes_pitfalls(f"Kommunen prøvede en ny model. {text}"), text


@pytest.mark.parametrize(
    "text",
    [
        # a plan to record the mistakes that come names none that happened
        "Planen er, at parterne løbende noterer beslutninger, fejltagelser og erfaringer.",
        # what a method leaves out is its choice, not something left unused
        "Der er ikke anvendt priser for tabt arbejdsfortjeneste i beregningen.",
    ],
)
def test_a_plan_and_a_methods_choice_are_no_pitfalls(text: str) -> None:
    assert not _describes_pitfalls(f"Kommunen prøvede en ny model. {text}"), text


def test_the_problem_statement_is_no_pitfall() -> None:
    text = "Projektet gik i stå mange steder i landet, og budgettet blev overskredet."
    assert not _describes_pitfalls(text, heading="udfordring")


def test_a_pitfalls_field_listing_risks_ahead_is_no_pitfall() -> None:
    risks = (
        "Det er uafklaret, hvordan arbejdet skal registreres, og der er usikkerhed om, "
        "hvorvidt virksomhederne har tid til møderne."
    )
    problem = ("udfordring", "Mange ledige mangler netværk.")
    assert not _pitfalls_in([problem, ("faldgruber", risks)])
    happened = "Vi fik ikke afklaret registreringen, og to virksomheder trak sig."
    assert _pitfalls_in([problem, ("faldgruber", happened)])


def _told(sections: list[tuple[str, str]]) -> tuple[bool, float, list[str]]:
    texts = [(h, s) for h, t in sections for s in split_sentences(t, NOTES)]
    return pitfalls(sections, [Sentence(s, h, i) for i, (h, s) in enumerate(texts)])


def test_the_sentences_shown_say_what_went_wrong_the_pitfalls_section_first() -> None:
    found, _, shown = _told(
        [
            ("udfordring", "Borgerne ventede længe, og lignende projekter gik i stå andre steder."),
            ("løsning", "Vi indførte skærmbesøg. Det tog længere tid end forventet at få udstyr."),
            (
                "faldgruber",
                "Medarbejderne blev inddraget for sent. Teknikken var ustabil i starten.",
            ),
        ]
    )
    assert found
    # The writer's own account first, in its order; then a sentence elsewhere that says it.
    assert shown == [
        "Medarbejderne blev inddraget for sent.",
        "Teknikken var ustabil i starten.",
        "Det tog længere tid end forventet at få udstyr.",
    ]


def test_no_sentence_is_shown_for_a_case_without_pitfalls() -> None:
    assert _told([("resultat", "Vi nåede målet, og borgerne er glade.")])[2] == []


def test_whom_to_call_at_the_end_of_the_lessons_is_no_pitfall() -> None:
    """A report's chapter ends its lessons with its contact: both lines were shown as pitfalls."""
    lessons = (
        "Det var svært at nå de unge, der ikke går på en uddannelse. Kontaktperson: Sofie Dahl, "
        "Randers Kommune, sofie.dahl@randers.dk. Ring på tlf. 89 15 15 15."
    )
    sections = [("erfaringer", lessons)]
    split = split_sentences(lessons, NOTES)
    sentences = [Sentence(text, "erfaringer", i) for i, text in enumerate(split)]
    found, _, shown = pitfalls(sections, sentences)
    assert found and shown == ["Det var svært at nå de unge, der ikke går på en uddannelse."]
