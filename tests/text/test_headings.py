"""Section kinds: the classifiers' heading patterns and search's section labels."""

from pathlib import Path

import pytest

from innosearch.ingest.text import MarkdownParser
from innosearch.text.headings import (
    document_title,
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


@pytest.mark.parametrize(
    ("title", "headings", "expected"),
    [
        # a title that only names the kind of document gets the heading that names its subject
        (
            "TO BE FORSLAG",
            ["Overblik over nye ansøgere til kørsel"],
            "TO BE FORSLAG: Overblik over nye ansøgere til kørsel",
        ),
        (
            "Procesbeskrivelse",
            ["Robot til tandlægeregninger", "Formål"],
            "Procesbeskrivelse: Robot til tandlægeregninger",
        ),
        (
            "Blog indlæg H1 2025",
            ["Ny version af borger-pc'en", "Introduktion"],
            "Blog indlæg H1 2025: Ny version af borger-pc'en",
        ),
        # a part's name is no title: the subject heading, or else the file's name
        ("", ["Indledning"], "Sag fra mappen"),
        ("Indledning", ["Formål"], "Sag fra mappen"),
        ("", ["Hjemmerehabilitering i Fjordby", "Baggrund"], "Hjemmerehabilitering i Fjordby"),
        ("", ["2. Baggrund"], "Sag fra mappen"),
        # a title that names its subject stays, whatever the headings are
        ("Rapport om ensomhed blandt ældre", ["Indledning"], "Rapport om ensomhed blandt ældre"),
        ("Baggrundsviden om oversvømmelser", ["Formål"], "Baggrundsviden om oversvømmelser"),
        ("Status", [], "Status"),
        ("Forslag", ["Notat", "Fælles booking af lokaler"], "Forslag: Fælles booking af lokaler"),
        ("", ["Procesbeskrivelse"], "Procesbeskrivelse"),
    ],
)
def test_document_title(title: str, headings: list[str], expected: str) -> None:
    assert document_title(title, headings, "Sag fra mappen") == expected


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "# TO BE FORSLAG\n## Overblik over nye ansøgere til kørsel\n\nRobotten søger sager.",
            "TO BE FORSLAG: Overblik over nye ansøgere til kørsel",
        ),
        (
            "### Indledning\nDette repositorie indeholder et simuleringsværktøj til flåder.\n",
            "Fjordby flaade README",
        ),
    ],
)
def test_markdown_title_names_the_subject(tmp_path: Path, markdown: str, expected: str) -> None:
    path = tmp_path / "fjordby_flaade_README.md"
    path.write_text(markdown, encoding="utf-8")
    assert MarkdownParser().parse(path)[0].title == expected
