"""POST /api/ingest over real HTTP on 127.0.0.1: odd names, concurrent requests, what is kept."""

import json
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn

from innosearch.api.app import create_app
from innosearch.index.store import Store
from innosearch.ingest.pipeline import Ingestor
from tests.api.test_app import assert_error_shape

TOKEN = "upload-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIMIT = 1_000_000  # INNOSEARCH_MAX_UPLOAD_BYTES of the server


@pytest.fixture
def server(settings, embedder, case_folder) -> Iterator[str]:
    """The app behind a real uvicorn, with a token, over a home holding the sample cases."""
    Ingestor(settings, embedder).ingest([case_folder])
    settings = settings.model_copy(update={"api_token": TOKEN, "max_upload_bytes": LIMIT})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(settings, embedder), port=port, log_level="error")
    served = uvicorn.Server(config)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    while not served.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    served.should_exit = True
    thread.join(timeout=10)


def _case(title: str, summary: str) -> bytes:
    return json.dumps({"title": title, "summary": summary}, ensure_ascii=False).encode()


def _post(base: str, *files: tuple[str, bytes]) -> httpx.Response:
    parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
    return httpx.post(f"{base}/api/ingest", files=parts, headers=AUTH, timeout=120)


def test_a_file_name_too_long_for_the_disk_is_shortened_and_the_batch_lands(server, settings):
    long_name = "ældreplejens-" + "meget-lang-" * 30 + "rapport.json"  # ~350 bytes of UTF-8
    answer = _post(
        server,
        (long_name, _case("Madspild i køkkenet", "Køkkenet halverede madspildet.")),
        ("kort.json", _case("Skybrud i byen", "Regnbede tager vandet fra skybrud.")),
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["failed"] == [] and "kort.json" in body["added"]
    (kept,) = [name for name in body["added"] if name != "kort.json"]
    assert kept.startswith("ældreplejens-meget-lang-") and kept.endswith(".json")
    assert len(kept.encode()) <= 200 and (settings.home / "uploads" / kept).is_file()


def test_concurrent_uploads_of_one_name_each_land_whole(server, settings):
    """Each request's file is ingested as sent: one added, the others updates, none failed."""
    versions = [
        _case(f"Version {n} af sagen", f"Udgave nummer {n}. " + "Borgere får hjælp. " * 3_000)
        for n in range(6)
    ]
    with ThreadPoolExecutor(len(versions)) as pool:
        answers = list(pool.map(lambda data: _post(server, ("sag.json", data)), versions))
    bodies = [a.json() for a in answers]
    assert all(a.status_code == 200 for a in answers), bodies
    assert [b["failed"] for b in bodies] == [[]] * len(versions)
    assert sum(len(b["added"]) for b in bodies) == 1
    assert sum(len(b["updated"]) + len(b["unchanged"]) for b in bodies) == len(versions) - 1
    on_disk = json.loads((settings.home / "uploads" / "sag.json").read_bytes())
    store = Store(settings.store_path, create=False)
    try:
        (stored,) = [d for d in store.all_documents() if d.source == "sag.json"]
    finally:
        store.close()
    assert stored.title == on_disk["title"]  # the file kept is the version stored


def test_a_request_without_files_names_the_field_in_danish(server):
    answer = httpx.post(f"{server}/api/ingest", headers=AUTH, data={"x": "1"}, timeout=30)
    error = assert_error_shape(answer, 422, "invalid_request")
    assert error["message"] == "Filerne (files) mangler."


def test_a_refused_new_version_keeps_the_earlier_upload_of_its_name(server, settings):
    good = _case("Spisevenner mod ensomhed", "Ældre spiser sammen med frivillige hver uge.")
    assert _post(server, ("sag.json", good)).json()["added"] == ["sag.json"]
    broken = _post(server, ("sag.json", b'{"title": "halv'))
    assert [f["source"] for f in broken.json()["failed"]] == ["sag.json"]
    too_big = _post(server, ("sag.json", b"x" * (LIMIT + 1)))
    assert too_big.status_code == 413
    assert (settings.home / "uploads" / "sag.json").read_bytes() == good
    assert sorted(p.name for p in (settings.home / "uploads").iterdir()) == ["sag.json"]
