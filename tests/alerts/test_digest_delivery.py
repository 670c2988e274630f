"""The digest e-mail when the mail server misbehaves, and its subject when cases were updated."""

import socket
import threading
from collections.abc import Iterator

import pytest

from innosearch.alerts.run import run_ingest
from innosearch.alerts.saved import SavedSearches
from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.search.searcher import Searcher
from tests.alerts import test_saved
from tests.conftest import write_case

mail_inbox = test_saved.inbox  # a fixture: a real SMTP server on 127.0.0.1


@pytest.fixture
def hanging_up_server() -> Iterator[tuple[int, list[int]]]:
    """A port where something accepts connections and hangs up at once (a broken relay)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[int] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.append(1)
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        listener.close()


def follow_three(settings, embedder) -> None:
    run_ingest(settings, embedder, [])
    saved = SavedSearches(settings, Searcher(settings, embedder))
    for query in ("ældre i eget hjem", "oversvømmede kældre", "læsning i indskolingen"):
        saved.create("", query, email="anna@fjordby.dk")


def test_a_broken_mail_server_is_tried_once_per_run_and_every_digest_waits(
    settings, embedder, case_folder, hanging_up_server
):
    port, accepted = hanging_up_server
    mailing = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port})
    follow_three(mailing, embedder)
    run = run_ingest(mailing, embedder, [str(case_folder)])
    assert len(accepted) == 1
    assert sorted(name for name, _ in run.mail_problems) == sorted(run.alerts)
    assert all("prøves igen ved næste kørsel" in problem for _, problem in run.mail_problems)
    store = Store(settings.store_path)
    assert all(store.unmailed_matches(s.id) for s in store.saved_searches())


def test_a_digest_of_updated_cases_does_not_call_them_new(
    settings, embedder, case_folder, mail_inbox
):
    handler, port = mail_inbox
    run_ingest(settings, embedder, [str(case_folder)])
    mailing = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port})
    SavedSearches(mailing, Searcher(mailing, embedder)).create(
        "Skybrud",
        "oversvømmede kældre ved skybrud",
        Filters(sector=["klima_miljoe"]),
        email="anna@fjordby.dk",
    )
    write_case(
        case_folder,
        "klima-skybrud.json",
        title="Skybrudssikring med regnbede",
        sector="klima_miljoe",
        summary="Regnvand fra skybrud ledes nu også til en sø, så kældre ikke oversvømmes.",
    )
    run_ingest(mailing, embedder, [str(case_folder)])
    [message] = handler.messages
    assert message["Subject"] == "1 opdateret sag om: Skybrud"
    body = message.get_payload(decode=True).decode("utf-8")
    # Before, the body said "én ny eller opdateret sag" under that subject.
    assert "Siden sidst er der 1 opdateret sag, der svarer på den udfordring, du følger:" in body
    # Two follows of the same words differ only by their filters.
    assert "Kun: Sektor: Klima og miljø" in body
