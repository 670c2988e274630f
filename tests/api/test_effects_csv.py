"""GET /api/effects?format=csv over real HTTP on 127.0.0.1: a file Danish Excel opens as it is."""

import csv
import io
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from innosearch.cli import app as cli_app
from tests.api.conftest import ingested
from tests.conftest import write_case

FORMULA_TITLE = '=HYPERLINK("http://example.com/x";"Klik")'
EFFECT = "Ventetiden faldt fra 14 til 6 dage, målt før og efter indsatsen i 2023."


def _cases(folder: Path) -> Path:
    write_case(
        folder,
        "telefon.json",
        title="Hurtigere visitation i hjemmeplejen",
        organisation="Fjordby Kommune",
        sector="aeldre",
        contact={"name": "Ida Berg", "email": "ib@fjordby.dk", "phone": "+45 20 30 40 50"},
        summary="Visitatorer tager ud til borgeren samme dag.",
        effect=EFFECT,
    )
    write_case(
        folder,
        "formel.json",
        title=FORMULA_TITLE,
        organisation="-Søby Kommune",
        sector="aeldre",
        summary="En side med en titel, der ligner en formel.",
        effect=EFFECT,
    )
    return folder


@pytest.fixture
def home(settings, embedder, tmp_path) -> Path:
    return ingested(settings, embedder, _cases(tmp_path / "cases"))


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())  # Excel reads UTF-8 only after a BOM
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_no_cell_is_read_as_a_formula(base_url):
    response = httpx.get(f"{base_url}/api/effects", params={"format": "csv", "min_level": 0})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = {row["kilde"]: row for row in _rows(response.content)}
    # An apostrophe first: Excel shows the text and computes nothing.
    assert rows["telefon.json"]["telefon"] == "'+45 20 30 40 50"
    assert rows["formel.json"]["titel"] == "'" + FORMULA_TITLE
    assert rows["formel.json"]["organisation"] == "'-Søby Kommune"
    # Cells that start otherwise are left as they are.
    assert rows["telefon.json"]["titel"] == "Hurtigere visitation i hjemmeplejen"
    assert rows["telefon.json"]["email"] == "ib@fjordby.dk"
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_the_command_line_writes_the_same_file(base_url, home, tmp_path, monkeypatch):
    monkeypatch.setenv("INNOSEARCH_MODEL", "hashing")
    target = tmp_path / "effekt.csv"
    args = ["effects", "--home", str(home), "--min-level", "0", "--csv", str(target)]
    written = CliRunner().invoke(cli_app, args)
    assert written.exit_code == 0, written.output
    served = httpx.get(f"{base_url}/api/effects", params={"format": "csv", "min_level": 0})
    assert target.read_bytes() == served.content


def test_an_unknown_format_names_the_ones_there_are(base_url):
    response = httpx.get(f"{base_url}/api/effects", params={"format": "xlsx"})
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "json" in message and "csv" in message


def test_the_command_line_says_how_many_cases_there_are_and_how_many_it_shows(home, monkeypatch):
    monkeypatch.setenv("INNOSEARCH_MODEL", "hashing")
    runner = CliRunner()
    args = ["effects", "--home", str(home), "--min-level", "0"]
    every = runner.invoke(cli_app, args, env={"COLUMNS": "200"})
    assert every.exit_code == 0, every.output
    assert "Sager med evidensniveau ≥ 0 (2 sager)" in every.output
    first = runner.invoke(cli_app, [*args, "--limit", "1"], env={"COLUMNS": "200"})
    assert "Sager med evidensniveau ≥ 0 (den første af 2 sager)" in first.output


def test_a_blank_question_is_no_question(base_url):
    blank = httpx.get(f"{base_url}/api/effects", params={"q": "   ", "min_level": 0}).json()
    none = httpx.get(f"{base_url}/api/effects", params={"min_level": 0}).json()
    assert blank["query"] == "" and blank == none
