"""The API under hostile and broken input: tokens, headers, raw bytes, oversized uploads."""

import json
import socket
import threading
import time

import pytest
import uvicorn
from fastapi.testclient import TestClient
from pydantic import ValidationError

from innosearch.api.app import create_app
from innosearch.config import Settings
from innosearch.ingest.pipeline import Ingestor
from tests.api.test_app import assert_error_shape

TOKEN = "hemmelig-nøgle".replace("ø", "o")


@pytest.fixture
def guarded(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])
    settings = settings.model_copy(update={"api_token": TOKEN, "max_upload_bytes": 4000})
    with TestClient(create_app(settings, embedder)) as client:
        yield client


def _case(title: str, **fields: object) -> bytes:
    body = {
        "title": title,
        "summary": "Borgere får hjælp til at klare sig selv i hjemmet.",
        **fields,
    }
    return json.dumps(body, ensure_ascii=False).encode()


def test_a_token_with_non_ascii_characters_is_refused_at_start_up():
    with pytest.raises(ValidationError, match="ASCII"):
        Settings(api_token="nøgle-æøå")


@pytest.mark.parametrize(
    "header",
    [
        b"Bearer n\xf8gle",  # a Latin-1 byte: was a 500 from compare_digest on str
        "Bearer nøgle".encode(),
        b"Bearer",
        b"Bearer ",
        b"Basic " + TOKEN.encode(),
        b"bearer  ",
        TOKEN.encode(),
        b"\xff\xfe",
    ],
)
def test_every_malformed_authorization_header_is_401(guarded, header):
    response = guarded.delete("/api/documents/x", headers=[(b"authorization", header)])
    assert_error_shape(response, 401, "unauthorized")


def test_the_right_token_is_accepted_whatever_the_scheme_case(guarded):
    response = guarded.delete("/api/documents/x", headers={"Authorization": f"bearer {TOKEN}"})
    assert_error_shape(response, 404, "not_found")


def test_uploads_with_the_same_name_in_one_request_both_land(guarded, settings):
    files = [
        ("files", ("sag.json", _case("Første sag om madspild"), "application/json")),
        ("files", ("sag.json", _case("Anden sag om skybrud"), "application/json")),
    ]
    response = guarded.post(
        "/api/ingest", files=files, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 200, response.text
    assert sorted(response.json()["added"]) == ["sag-2.json", "sag.json"]
    assert sorted(p.name for p in (settings.home / "uploads").iterdir()) == [
        "sag-2.json",
        "sag.json",
    ]


def test_refused_uploads_are_deleted_and_the_rest_lands(guarded, settings):
    files = [
        ("files", ("god.json", _case("En god sag om hjemmepleje"), "application/json")),
        ("files", ("liste.json", _case(["en", "liste"]), "application/json")),
        ("files", ("tom.json", b"", "application/json")),
    ]
    response = guarded.post(
        "/api/ingest", files=files, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["added"] == ["god.json"]
    assert {e["source"] for e in body["failed"]} == {"liste.json", "tom.json"}
    assert [p.name for p in (settings.home / "uploads").iterdir()] == ["god.json"]


def test_an_upload_over_the_limit_is_refused_whole_and_nothing_is_kept(guarded, settings):
    files = [("files", ("stor.json", _case("Stor", summary="x " * 5000), "application/json"))]
    response = guarded.post(
        "/api/ingest", files=files, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    error = assert_error_shape(response, 413, "limit_exceeded")
    assert "INNOSEARCH_MAX_UPLOAD_BYTES" in error["message"]
    assert list((settings.home / "uploads").iterdir()) == []


def _raw_get(port: int, target: bytes) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(
            b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.fixture
def served(settings, embedder, case_folder):
    """The app behind a real uvicorn on 127.0.0.1, for requests TestClient cannot send."""
    Ingestor(settings, embedder).ingest([case_folder])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, embedder), port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.parametrize(
    ("target", "expected"),
    # Bytes that are no text decode to replacement characters: a question of no words.
    [(b"/api/search?q=%FF%FE", 422), (b"/api/documents/%FF%C3", 404)],
)
def test_non_utf8_bytes_in_the_url_get_json(served, target, expected):
    status, body = _raw_get(served, target)
    assert status == expected and json.loads(body)["error"]["message"]


@pytest.mark.parametrize("target", [b"/api/search?q=\xff\xfe", b"/api/s\xc3\xb8g"])
def test_raw_non_ascii_bytes_in_the_url_are_refused_before_the_app_and_serving_goes_on(
    served, target
):
    # uvicorn's HTTP parser (h11) refuses any byte over 127 in the request line with its own
    # plain-text 400, before any application code runs (docs/load.md): no JSON shape is
    # possible there. What matters is that the server goes on answering.
    status, body = _raw_get(served, target)
    assert status == 400 and b"Invalid HTTP request" in body
    status, body = _raw_get(served, b"/api/search?q=%C3%A6ldre")
    assert status == 200 and json.loads(body)["results"]
