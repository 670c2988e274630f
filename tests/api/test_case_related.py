"""A case page's data over real HTTP on 127.0.0.1 (hashing embedder): related cases and the
links between a report and the cases split from it."""

import json
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from innosearch.cli import app as cli_app
from innosearch.ingest.pipeline import document_id
from tests.api.conftest import ingested
from tests.conftest import SAMPLE_CASES, write_case
from tests.ingest.report_files import CENTRE_TITLE, PROJECTS, multi_case_markdown

REPORT = document_id("evaluering.md")
CASES = [document_id(f"evaluering.md#sag-{n}") for n in (1, 2, 3)]
OTHERS = {document_id(name) for name in SAMPLE_CASES}


@pytest.fixture
def home(settings, embedder, tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    multi_case_markdown(folder)
    for name, fields in SAMPLE_CASES.items():
        write_case(folder, name, **fields)
    return ingested(settings, embedder, folder)


def _related(base_url: str, doc_id: str, **params: object) -> list[str]:
    response = httpx.get(f"{base_url}/api/documents/{doc_id}/related", params=params)
    assert response.status_code == 200, response.text
    return [hit["id"] for hit in response.json()["results"]]


def test_the_report_and_its_cases_link_each_other(base_url):
    case = httpx.get(f"{base_url}/api/documents/{CASES[0]}").json()
    assert case["title"] == PROJECTS[0][0]
    assert case["part_of"] == {"id": REPORT, "title": CENTRE_TITLE}
    report = httpx.get(f"{base_url}/api/documents/{REPORT}").json()
    assert [part["id"] for part in report["parts"]] == CASES


def test_a_case_is_not_related_to_its_own_report_nor_a_report_to_its_cases(base_url):
    # More than there are documents: every candidate is listed, so only exclusion leaves one out.
    of_case = _related(base_url, CASES[0], limit=20)
    assert REPORT not in of_case
    assert set(CASES[1:]) | OTHERS == set(of_case)  # the other projects of the report stay
    of_report = _related(base_url, REPORT, limit=20)
    assert set(of_report) == OTHERS


def test_the_command_line_lists_the_same(home, monkeypatch):
    monkeypatch.setenv("INNOSEARCH_MODEL", "hashing")
    shown = CliRunner().invoke(
        cli_app, ["related", CASES[0], "--home", str(home), "--limit", "20", "--json"]
    )
    assert shown.exit_code == 0, shown.output
    listed = [hit["id"] for hit in json.loads(shown.output)]
    assert REPORT not in listed and CASES[1] in listed
