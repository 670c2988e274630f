"""Saved searches: matches after each ingest, the digest over real SMTP, the feed and the API."""

import email
import socket
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient

from innosearch.alerts.run import run_ingest
from innosearch.alerts.saved import SavedSearches
from innosearch.api.app import create_app
from innosearch.filters import Filters
from innosearch.search.searcher import Searcher
from tests.conftest import write_case

ATOM = "{http://www.w3.org/2005/Atom}"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def part(message: email.message.Message, content_type: str) -> str:
    """The one part of a received message of this type ("text/plain", "text/html"), decoded."""
    [found] = [p for p in message.walk() if p.get_content_type() == content_type]
    return found.get_payload(decode=True).decode(found.get_content_charset() or "ascii")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


def follow(settings, embedder, **kwargs) -> str:
    run_ingest(settings, embedder, [])  # an empty home still gets its model recorded
    saved = SavedSearches(settings, Searcher(settings, embedder)).create(**kwargs)
    return saved.id


def test_new_and_changed_documents_within_the_cut_are_recorded_once(
    settings, embedder, case_folder
):
    run_ingest(settings, embedder, [str(case_folder)])
    saved_id = follow(
        settings, embedder, name="Ældre", query="ældre klarer sig selv", filters=Filters(["aeldre"])
    )
    write_case(
        case_folder,
        "aeldre-ny.json",
        title="Træning i eget hjem",
        sector="aeldre",
        summary="Ældre træner med en fysioterapeut i eget hjem.",
    )
    write_case(
        case_folder,
        "skole-ny.json",
        title="Lektiecafé",
        sector="skole",
        summary="Elever får hjælp til lektier efter skole.",
    )
    run = run_ingest(settings, embedder, [str(case_folder)])
    assert run.alerts == {"Ældre": 1}
    saved = SavedSearches(settings, Searcher(settings, embedder))
    [match] = saved.matches(saved_id)
    assert (match.title, match.change) == ("Træning i eget hjem", "new")
    assert run_ingest(settings, embedder, [str(case_folder)]).alerts == {}
    write_case(
        case_folder,
        "aeldre-ny.json",
        title="Træning i eget hjem",
        sector="aeldre",
        summary="Ældre træner nu også med en ergoterapeut.",
    )
    run_ingest(settings, embedder, [str(case_folder)])
    [match] = saved.matches(saved_id)
    assert match.change == "changed"


def test_the_digest_is_mailed_in_danish_and_never_twice(settings, embedder, case_folder, inbox):
    handler, port = inbox
    mailing = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "public_url": "http://x.test"}
    )
    saved_id = follow(
        mailing, embedder, name="Skybrud", query="oversvømmede kældre", email="anna@fjordby.dk"
    )
    run_ingest(mailing, embedder, [str(case_folder)])
    [message] = handler.messages
    assert message["To"] == "anna@fjordby.dk"
    assert message["Subject"] == "3 nye sager om: Skybrud"
    body = part(message, "text/plain")
    assert "Skybrudssikring med regnbede" in body
    assert f"http://x.test/fulgt/{saved_id}" in body
    write_case(
        case_folder,
        "klima-skybrud.json",
        title="Skybrudssikring med regnbede",
        summary="Regnvand ledes nu også til en sø.",
    )
    run_ingest(mailing, embedder, [str(case_folder)])
    assert len(handler.messages) == 1  # the changed case was mailed before: not again


def test_the_api_creates_reads_feeds_and_revokes_by_secret_link(settings, embedder, case_folder):
    run_ingest(settings, embedder, [])
    client = TestClient(create_app(settings, embedder))
    created = client.post(
        "/api/saved",
        json={"query": "ældre klarer sig selv", "name": "Hjemmet", "sector": ["aeldre"]},
    )
    assert created.status_code == 201
    body = created.json()
    other = client.post("/api/saved", json={"query": "skolebørn læser"}).json()
    assert len(body["id"]) >= 24 and body["id"] != other["id"]
    run_ingest(settings, embedder, [str(case_folder)])
    shown = client.get(body["links"]["self"]).json()
    assert [m["title"] for m in shown["new_since_last"]] == [
        "Hverdagsrehabilitering i hjemmeplejen"
    ]
    assert "skolebørn" not in str(shown)  # one link shows one saved search
    feed = client.get(body["links"]["feed"])
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    assert root.find(f"{ATOM}title").text == "innosearch: Hjemmet"
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Ny: Hverdagsrehabilitering i hjemmeplejen"
    page = client.get(body["links"]["page"])
    assert page.status_code == 200 and "Nyt siden sidst" in page.text
    assert client.delete(f"/api/saved/{body['id']}").status_code == 204
    gone = client.get(body["links"]["feed"])
    assert gone.status_code == 404 and "fulgt udfordring" in gone.json()["error"]["message"]
    bad = client.post("/api/saved", json={"query": "ældre", "sector": ["ukendt"]})
    assert bad.status_code == 422 and "ukendt" in bad.json()["error"]["message"]
    broken = client.post(
        "/api/saved", content=b"{bad", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422
    assert broken.json()["error"]["message"] == "Indholdet er ikke gyldig JSON."


def test_a_secret_id_never_starts_with_a_dash(settings, embedder, monkeypatch):
    # One token in 64 starts with "-", which `innosearch saved remove ID` read as an option.
    tokens = iter(["-tHrMXx3bZVaVa8xPy0J6QDH", "-second", "AbcXx3bZVaVa8xPy0J6QDH"])
    monkeypatch.setattr("innosearch.alerts.saved.secrets.token_urlsafe", lambda _: next(tokens))
    assert follow(settings, embedder, name="Hjemmet", query="ældre i eget hjem") == (
        "AbcXx3bZVaVa8xPy0J6QDH"
    )
