"""The analyst's commands (effects, overview, related) as a demanding reader sees them."""

import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_CASES, write_case
from tests.test_cli import doc_id, hashing_model, run  # noqa: F401 (the autouse fixture)


@pytest.fixture
def cases(tmp_path: Path, case_folder: Path) -> Path:
    """A home of the three sample cases: one measured effect, two with none stated."""
    home = tmp_path / "home"
    result = run("ingest", case_folder, "--home", home)
    assert result.exit_code == 0, result.output
    return home


@pytest.mark.parametrize("limit", ["-1", "0", "101"])
@pytest.mark.parametrize(
    "command", [("effects", "--min-level", "0"), ("overview",)], ids=["effects", "overview"]
)
def test_a_limit_out_of_range_is_refused_by_every_listing(cases, command, limit):
    # effects --limit -1 listed every case but the last, titled "de første -1 af 3 sager".
    result = run(*command, "--home", cases, "--limit", limit)
    assert result.exit_code == 2, result.output
    assert result.stderr == "Fejl: Antal resultater (limit) skal være mellem 1 og 100.\n"
    assert result.stdout == ""


def test_one_case_is_one_sag_not_one_sager(cases, tmp_path):
    effects = run("effects", "--home", cases)  # one case of the three has a measured effect
    assert "(1 sag)" in effects.stdout
    overview = run("overview", "--home", cases, "--sector", "aeldre")
    assert "Hvad sker der på ældreområdet? (1 sag)" in overview.stdout
    csv_file = tmp_path / "effekt.csv"
    saved = run("effects", "--home", cases, "--csv", csv_file)
    assert saved.stdout == f"1 sag gemt i {csv_file}\n"


def test_each_case_shows_its_evidence_level_beside_the_sentences(cases):
    result = run("effects", "--home", cases, "--min-level", "0")
    assert result.exit_code == 0, result.output
    # The case with a measured before/after, and those that state no effect at all.
    assert "2 – Målt før og efter" in result.stdout
    assert "0 – Ingen effekt beskrevet" in result.stdout


def test_an_empty_listing_says_why_and_what_to_try(cases):
    effects = run("effects", "--home", cases, "--min-level", "4")
    assert effects.exit_code == 0, effects.output
    assert effects.stdout == (
        "Ingen sager med evidensniveau ≥ 4. "
        "Prøv et lavere --min-level, færre filtre eller et bredere emne.\n"
    )
    overview = run("overview", "--home", cases, "--sector", "aeldre", "--stage", "udforskning")
    assert overview.exit_code == 0, overview.output
    assert overview.stdout == (
        "Hvad sker der på ældreområdet i fasen udforskning? Ingen sager endnu. "
        "Vælg en anden sektor eller fase, eller udelad --sector og --stage.\n"
    )


def test_the_overview_as_json_says_how_many_cases_there_are_in_all(cases):
    """The text said "(3 sager)"; the JSON was the page's list alone, so a script reading one
    page of it could not tell whether there were more."""
    result = run("overview", "--home", cases, "--limit", "1", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["total"], body["limit"], len(body["results"])) == (3, 1, 1)
    assert f"{body['title']} (3 sager)" in run("overview", "--home", cases).stdout
    none = run("overview", "--home", cases, "--sector", "skole", "--stage", "udforskning", "--json")
    empty = json.loads(none.stdout)
    assert (empty["total"], empty["limit"], empty["results"]) == (0, 20, [])


def test_json_output_of_an_empty_listing_has_no_results_and_a_total_of_none(cases):
    result = run("effects", "--home", cases, "--min-level", "4", "--json")
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    assert (body["total"], body["results"]) == (0, [])


@pytest.mark.parametrize(
    "command",
    [("effects", "--min-level", "0"), ("overview",), ("search", "borgere")],
    ids=["effects", "overview", "search"],
)
def test_every_listing_pages_on_with_offset_as_the_api_does(cases, command):
    """/api/effects, /api/overview and /api/search take an offset; the commands had none, so a
    script could read the total and still not get past the first page."""
    pages = [
        json.loads(
            run(*command, "--home", cases, "--limit", "1", "--offset", str(n), "--json").stdout
        )
        for n in range(3)
    ]
    assert [page["total"] for page in pages] == [3, 3, 3]
    assert [page["offset"] for page in pages] == [0, 1, 2]
    whole = json.loads(run(*command, "--home", cases, "--limit", "3", "--json").stdout)
    assert [page["results"][0]["id"] for page in pages] == [h["id"] for h in whole["results"]]
    # The table goes on numbering where the last page ended, and says which cases it shows.
    second = run(*command, "--home", cases, "--limit", "1", "--offset", "1")
    assert "nr. 2 af 3 sager" in second.stdout
    assert "│ 2 " in second.stdout


@pytest.mark.parametrize(
    "command",
    [("effects", "--min-level", "0"), ("overview",), ("search", "borgere")],
    ids=["effects", "overview", "search"],
)
def test_a_page_past_the_last_case_says_so(cases, command):
    result = run(*command, "--home", cases, "--offset", "3")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Der er 3 sager i alt, og --offset 3 springer dem alle over. Brug et mindre --offset.\n"
    )
    negative = run(*command, "--home", cases, "--offset", "-1")
    assert negative.exit_code == 2
    assert "offset" in negative.stderr


def test_no_related_cases_is_said_not_shown_as_an_empty_table(tmp_path):
    write_case(tmp_path / "sager", "aeldre-rehab.json", **SAMPLE_CASES["aeldre-rehab.json"])
    home = tmp_path / "home"
    assert run("ingest", tmp_path / "sager", "--home", home).exit_code == 0
    only = doc_id(home, "aeldre-rehab.json")
    result = run("related", only, "--home", home, "--other-sectors")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Ingen relaterede sager fra andre sektorer til {only}.\n"


def test_effects_takes_the_filters_of_the_effect_page(cases, tmp_path):
    # /effekt filters by organisation type, stage, status and years too; the CLI only by sector.
    asked = ("--min-level", "0", "--status", "Igangværende", "--stage", "udvikling")
    result = run("effects", "--home", cases, *asked, "--organisation-type", "kommune", "--json")
    assert result.exit_code == 0, result.output
    assert [hit["source"] for hit in json.loads(result.stdout)["results"]] == [
        "skole-laesning.json"
    ]
    years = run("effects", "--home", cases, "--min-level", "0", "--year-from", "2022", "--json")
    assert [hit["source"] for hit in json.loads(years.stdout)["results"]] == ["skole-laesning.json"]
    wrong = run("effects", "--home", cases, "--year-from", "2024", "--year-to", "2020")
    assert wrong.exit_code == 2
    assert wrong.stderr == "Fejl: Fra-året (2024) skal være før eller lig med til-året (2020).\n"
