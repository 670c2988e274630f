"""Section kinds: the classifiers' heading patterns and search's section labels."""

import pytest

from innosearch.text.headings import (
    is_background_heading,
    is_economy_heading,
    is_effect_heading,
    is_lessons_heading,
    is_pitfall_section,
    is_problem_section,
    is_stage_heading,
    is_status_heading,
    is_target_heading,
)


@pytest.mark.parametrize(
    ("heading", "kinds"),
    [
        ("Effekt", {"effect"}),
        ("Resultater:", {"effect"}),
        ("Hvad kom der ud af det?", {"effect"}),
        ("Målinger", {"effect"}),
        ("Målopfyldelse", {"effect"}),
        ("Mål og milepæle", {"target"}),
        ("Succeskriterier", {"target"}),
        ("Forventede gevinster", {"target", "effect"}),
        ("Faldgruber", {"lessons"}),
        ("Hvad ville vi gøre anderledes?", {"lessons"}),
        ("Erfaringer og gode råd", {"lessons"}),
        ("Udfordring", {"background"}),
        ("Udfordringen", {"background"}),
        ("Baggrund og formål", {"background"}),
        ("Økonomi og tidsplan", {"economy"}),
        ("  STATUS: ", {"status"}),
        ("Projektstatus", {"status"}),
        ("Innovationsfase", {"stage"}),
        ("Løsning", set()),
        ("Udfordringer undervejs", {"lessons"}),  # not the problem: what got in the way
        ("Status og næste skridt", set()),
        ("", set()),
    ],
)
def test_classifier_heading_kinds(heading: str, kinds: set[str]) -> None:
    found = {
        kind
        for kind, is_kind in (
            ("effect", is_effect_heading),
            ("target", is_target_heading),
            ("lessons", is_lessons_heading),
            ("background", is_background_heading),
            ("economy", is_economy_heading),
            ("status", is_status_heading),
            ("stage", is_stage_heading),
        )
        if is_kind(heading)
    }
    assert found == kinds


@pytest.mark.parametrize(
    ("label", "pitfall", "lessons"),
    [
        ("Faldgruber", True, True),
        ("Benspænd", True, True),
        ("Det gik galt", True, True),
        ("Erfaringer", True, True),
        ("Risici", True, False),  # risks ahead: worth reading, but no pitfall that happened
        ("Gode råd til andre", False, True),
        ("Opmærksomhedspunkter", False, True),
        ("Effekt", False, False),
    ],
)
def test_search_and_classifier_pitfall_kinds_differ_only_where_their_questions_do(
    label: str, pitfall: bool, lessons: bool
) -> None:
    assert is_pitfall_section(label) is pitfall
    assert is_lessons_heading(label) is lessons


def test_pitfall_sections_ignore_case():
    assert is_pitfall_section("FALDGRUBER OG LÆRING")
    assert not is_pitfall_section("")


@pytest.mark.parametrize(
    ("label", "problem", "background"),
    [
        ("Udfordring", True, True),
        (" resumé ", True, False),  # the summary states the problem too, but also the effect
        ("Baggrund", True, True),
        ("Formål", True, True),
        ("Indledning", False, True),
        ("Baggrund og formål", False, True),  # search takes the template's labels only
        ("Løsning", False, False),
    ],
)
def test_search_and_classifier_problem_kinds(label: str, problem: bool, background: bool) -> None:
    assert is_problem_section(label) is problem
    assert is_background_heading(label) is background
