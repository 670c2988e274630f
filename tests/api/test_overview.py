"""GET /api/overview and `innosearch overview`, over real HTTP on 127.0.0.1 (hashing embedder)."""

import json
import threading
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from innosearch.cli import app as cli_app
from innosearch.ingest.pipeline import Ingestor
from tests.api.conftest import ingested
from tests.conftest import write_case

CONTACT = {"name": "Ida Berg", "email": "ib@fjordby.dk", "phone": "+45 20 30 40 50"}


def elder_cases(folder: Path) -> Path:
    """Elder-care cases in every order a list could get wrong, and one from another sector."""
    common = {"organisation": "Fjordby Kommune", "sector": "aeldre", "contact": CONTACT}
    write_case(
        folder,
        "afsluttet-2024.json",
        title="Afsluttet 2024",
        status="afsluttet",
        stage="spredning",
        year=2024,
        summary="Spisevenner for ældre.",
        effect="Andelen, der spiste alene, faldt fra 62 % til 35 % på et år.",
        **common,
    )
    write_case(
        folder,
        "igang-2022.json",
        title="Igangværende 2022",
        status="igangvaerende",
        stage="implementering",
        year=2022,
        summary="Træning i eget hjem.",
        **common,
    )
    write_case(
        folder,
        "igang-2024.json",
        title="Igangværende 2024",
        status="igangvaerende",
        stage="udvikling",
        year=2024,
        summary="Velfærdsteknologi på plejecentre.",
        **common,
    )
    write_case(
        folder,
        "igang-uden-aar.json",
        title="Igangværende uden år",
        status="igangvaerende",
        stage="udvikling",
        summary="Demensvenlig by.",
        **common,
    )
    write_case(
        folder,
        "skole.json",
        title="Læseløft",
        organisation="Søby Kommune",
        sector="skole",
        status="igangvaerende",
        year=2025,
        summary="Læsning i 1. klasse.",
    )
    return folder


@pytest.fixture
def home(settings, embedder, tmp_path) -> Path:
    return ingested(settings, embedder, elder_cases(tmp_path / "cases"))


def test_ongoing_first_then_newest_with_organisation_and_contact(base_url):
    response = httpx.get(f"{base_url}/api/overview", params={"sector": "aeldre"})
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Hvad sker der på ældreområdet?"
    assert body["total"] == 4
    assert [r["title"] for r in body["results"]] == [
        "Igangværende 2024",
        "Igangværende 2022",
        "Igangværende uden år",
        "Afsluttet 2024",
    ]
    first = body["results"][0]
    assert first["organisation"] == "Fjordby Kommune"
    assert first["contact"] == CONTACT
    status = {f["value"]: f["count"] for f in body["facets"]["status"]}
    assert status == {"igangvaerende": 3, "afsluttet": 1}


def test_per_stage_and_paging(base_url):
    body = httpx.get(
        f"{base_url}/api/overview", params={"sector": "aeldre", "stage": "udvikling"}
    ).json()
    assert body["title"] == "Hvad sker der på ældreområdet i fasen udvikling?"
    assert [r["title"] for r in body["results"]] == ["Igangværende 2024", "Igangværende uden år"]
    everything = httpx.get(f"{base_url}/api/overview", params={"limit": 2, "offset": 2}).json()
    assert everything["title"] == "Hvad sker der i den offentlige sektor?"
    assert everything["total"] == 5
    assert [r["title"] for r in everything["results"]] == [
        "Igangværende 2022",  # after Læseløft (2025) and Igangværende 2024
        "Igangværende uden år",
    ]


def test_several_sectors_and_stages_are_named_not_called_the_whole_public_sector(base_url):
    body = httpx.get(
        f"{base_url}/api/overview",
        params=[
            ("sector", "aeldre"),
            ("sector", "skole"),
            ("stage", "udvikling"),
            ("stage", "spredning"),
        ],
    ).json()
    assert body["title"] == (
        "Hvad sker der på ældreområdet og skole- og uddannelsesområdet "
        "i faserne udvikling og spredning?"
    )


def test_the_overview_takes_the_minimum_evidence_level_as_search_does(base_url):
    params = {"sector": "aeldre", "min_level": 2}
    body = httpx.get(f"{base_url}/api/overview", params=params).json()
    assert [r["title"] for r in body["results"]] == ["Afsluttet 2024"] and body["total"] == 1


def test_unknown_sector_is_a_danish_422(base_url):
    response = httpx.get(f"{base_url}/api/overview", params={"sector": "rumfart"})
    assert response.status_code == 422
    assert "Ukendt sektor 'rumfart' (sector)" in response.json()["error"]["message"]


def test_the_page_is_served_and_linked_from_the_search_page(base_url):
    page = httpx.get(f"{base_url}/overblik")
    assert page.status_code == 200 and "overview.js" in page.text
    assert 'href="/overblik"' in httpx.get(f"{base_url}/").text


def test_cli_overview(home, monkeypatch):
    monkeypatch.setenv("INNOSEARCH_MODEL", "hashing")
    runner = CliRunner()
    shown = runner.invoke(
        cli_app, ["overview", "--home", str(home), "--sector", "aeldre"], env={"COLUMNS": "200"}
    )
    assert shown.exit_code == 0, shown.output
    assert "Hvad sker der på ældreområdet? (4 sager)" in shown.output
    assert shown.output.index("Igangværende 2024") < shown.output.index("Afsluttet 2024")
    as_json = runner.invoke(
        cli_app,
        ["overview", "--home", str(home), "--sector", "aeldre", "--stage", "udvikling", "--json"],
    )
    listed = json.loads(as_json.output)
    assert listed["total"] == 2
    assert [r["title"] for r in listed["results"]] == [
        "Igangværende 2024",
        "Igangværende uden år",
    ]


def test_an_overview_while_cases_are_deleted_and_ingested_lists_only_cases_there_are(
    settings, embedder, home, tmp_path
):
    """Writes commit between the overview's listing and its reads of the cases shown: the
    overview then reads again on the new generation instead of failing on a case gone."""
    from innosearch.errors import StaleTable
    from innosearch.filters import Filters
    from innosearch.search.searcher import Searcher

    reader, writer = Searcher(settings, embedder), Searcher(settings, embedder)
    ingestor = Ingestor(settings, embedder)
    stop = threading.Event()

    def write() -> None:
        while not stop.is_set():
            for doc in list(writer.all_documents())[:2]:
                writer.store.delete_document(doc.id)
            ingestor.ingest([tmp_path / "cases"])

    thread = threading.Thread(target=write)
    thread.start()
    unexpected: list[str] = []
    listed = 0
    deadline = time.monotonic() + 3
    try:
        while time.monotonic() < deadline:
            try:
                total, hits, _ = reader.overview(Filters(), limit=20)
                listed += 1
                assert len(hits) <= total
            except StaleTable:
                pass  # changed three times over while reading: the caller may ask again
            except Exception as exc:  # noqa: BLE001 - what this test looks for
                unexpected.append(repr(exc))
    finally:
        stop.set()
        thread.join()
    assert unexpected == []
    assert listed > 0
