"""The digest e-mail when the mail server misbehaves, its subject when cases were updated, and
its HTML part."""

import socket
import threading
from collections.abc import Iterator
from html.parser import HTMLParser

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
    body = test_saved.part(message, "text/plain")
    # Before, the body said "én ny eller opdateret sag" under that subject.
    assert "Siden sidst er der 1 opdateret sag, der svarer på den udfordring, du følger:" in body
    # Two follows of the same words differ only by their filters.
    assert "Kun: Sektor: Klima og miljø" in body


class _Links(HTMLParser):
    """Each link of an HTML part as (href, its text), and every tag used."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.tags: set[str] = set()
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "a":
            self._href, self._text = dict(attrs)["href"], ""

    def handle_data(self, data):
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, self._text))
            self._href = None


def test_the_digest_has_an_html_part_with_linked_cases_and_hostile_values_as_text(
    settings, embedder, case_folder, mail_inbox
):
    handler, port = mail_inbox
    mailing = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "public_url": "http://x.test"}
    )
    run_ingest(mailing, embedder, [])
    saved = SavedSearches(mailing, Searcher(mailing, embedder)).create(
        'Skybrud <b>"nu"</b>',
        "oversvømmede kældre ved skybrud",
        Filters(sector=["klima_miljoe"]),
        email="anna@fjordby.dk",
    )
    hostile = 'Regnbede <script>alert("x")</script> & co'
    write_case(
        case_folder,
        "klima-hostile.json",
        title=hostile,
        organisation="Vand & <i>Kloak</i> A/S",
        sector="klima_miljoe",
        summary="Regnbede <img src=x onerror=alert(1)> tager vandet ved skybrud. Kældre "
        "oversvømmes ikke længere.",
    )
    run_ingest(mailing, embedder, [str(case_folder)])
    [message] = handler.messages
    assert message["Subject"] == f"2 nye sager om: {saved.name}"
    assert message.get_content_type() == "multipart/alternative"
    plain, html = message.get_payload()  # the plain text first: a client shows the last it can
    assert plain.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    text = test_saved.part(message, "text/plain")
    assert "Siden sidst er der 2 nye sager, der svarer på den udfordring, du følger:" in text
    assert f"- {hostile} (Ny)" in text  # plain text is not HTML: the title as it is
    page = test_saved.part(message, "text/html")
    links = _Links()
    links.feed(page)
    store = Store(mailing.store_path)
    cases = {doc.title: doc.id for doc in store.all_documents()}
    for title in (hostile, "Skybrudssikring med regnbede"):
        assert (f"http://x.test/sag/{cases[title]}", title) in links.links
    assert (f"http://x.test/fulgt/{saved.id}", "Se alt nyt siden sidst") in links.links
    # Hostile values arrive as text: no tag of theirs, each character escaped.
    assert not links.tags & {"script", "img", "i", "b", "style", "link"}
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert "Vand &amp; &lt;i&gt;Kloak&lt;/i&gt; A/S · Klima og miljø" in page
    assert "Regnbede &lt;img src=x onerror=alert(1)&gt; tager vandet ved skybrud." in page
    assert "Kældre oversvømmes" not in page  # the opening sentence, not the whole summary
    assert "<h1" in page and "Skybrud &lt;b&gt;&quot;nu&quot;&lt;/b&gt;</h1>" in page
    assert "Kun: Sektor: Klima og miljø" in page
    assert "Stop med at følge" in page and 'lang="da"' in page
