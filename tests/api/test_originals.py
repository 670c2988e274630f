"""A case's original file (GET /api/documents/{id}/original), over a real store and real files."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from innosearch.api.app import create_app
from innosearch.ingest.pipeline import Ingestor
from tests.conftest import write_case
from tests.ingest.report_files import multi_case_pdf

PAGE = """<!doctype html><html lang="da"><head><title>Skybrud</title></head><body><main>
<h1>Skybrud i Fjordby</h1><p>Regnbede og grønne kiler holder kældrene tørre, og vandet ledes
ud i en sø i stedet for ned i kloakken, som det gjorde, da kvarteret blev bygget.</p>
<script>document.title = "kører som siden"</script></main></body></html>"""


@pytest.fixture
def client(settings, embedder, tmp_path: Path):
    folder = tmp_path / "sager"
    write_case(folder, "skybrud.json", title="Skybrud", sector="klima_miljoe", summary="Regnbede.")
    multi_case_pdf(folder)
    (folder / "side.html").write_text(PAGE, encoding="utf-8")
    report = Ingestor(settings, embedder).ingest([folder])
    assert report.ok, report.failed
    with TestClient(create_app(settings, embedder)) as test_client:
        test_client.folder = folder  # type: ignore[attr-defined]
        yield test_client


def _detail(client, source: str) -> dict:
    ids = {
        r["source"]: r["id"]
        for r in client.get("/api/effects", params={"min_level": 0}).json()["results"]
    }
    return client.get(f"/api/documents/{ids[source]}").json()


def test_a_pdf_opens_in_the_browser_as_the_file_it_was_read_from(client):
    detail = _detail(client, "evaluering.pdf")
    answer = client.get(detail["original"])
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"].startswith("inline")
    assert answer.content == (client.folder / "evaluering.pdf").read_bytes()


def test_a_report_cases_original_is_the_reports_file(client):
    report = _detail(client, "evaluering.pdf")
    case = client.get(f"/api/documents/{report['parts'][0]['id']}").json()
    assert case["source"].startswith("evaluering.pdf#")
    assert client.get(case["original"]).content == (client.folder / "evaluering.pdf").read_bytes()


def test_a_web_page_file_is_a_download_never_shown_as_this_site(client):
    """Shown inline, its script would run with this site's cookies and address."""
    answer = client.get(_detail(client, "side.html")["original"])
    assert answer.headers["content-disposition"].startswith("attachment")
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_a_file_gone_since_has_no_original_and_says_why_in_danish(client):
    detail = _detail(client, "skybrud.json")
    assert detail["original"]
    (client.folder / "skybrud.json").unlink()
    assert _detail(client, "skybrud.json")["original"] is None
    gone = client.get(f"/api/documents/{detail['id']}/original")
    assert gone.status_code == 404
    assert "flyttet eller slettet" in gone.json()["error"]["message"]
