"""Digest delivery as an operator meets it: a mail server that is not there or refuses the
login is named in Danish with the setting to look at; a digest carries the headers mail
servers expect; a crawl's warnings reach the report of a run of files and sites together."""

import email
import socket
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from typer.testing import CliRunner

from innosearch import cli
from innosearch.alerts.run import run_ingest
from innosearch.alerts.saved import SavedSearches
from innosearch.cli import common
from innosearch.search.searcher import Searcher
from tests.alerts import test_saved
from tests.alerts.test_saved import Inbox
from tests.ingest.web.site import Route, Site, page, serve

mail_inbox = test_saved.inbox  # a fixture: a real SMTP server on 127.0.0.1


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again with the socket: nothing listens there


def _follow(settings, embedder, address: str = "anna@fjordby.dk") -> None:
    run_ingest(settings, embedder, [])  # an empty home still gets its model recorded
    SavedSearches(settings, Searcher(settings, embedder)).create(
        "Skybrud", "oversvømmede kældre ved skybrud", email=address
    )


@pytest.fixture
def refusing_login() -> Iterator[int]:
    """A real SMTP server that asks for a login and refuses every password."""

    def refuse(server, session, envelope, mechanism, auth_data) -> AuthResult:
        return AuthResult(success=False, handled=False)

    controller = Controller(
        Inbox(),
        hostname="127.0.0.1",
        port=_closed_port(),
        authenticator=refuse,
        auth_require_tls=False,
        auth_required=True,
    )
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


class Refusing(Inbox):
    """A mail server that knows no "ukendt@" address and takes mail from "nyt@" only."""

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # noqa: N802
        if not address.startswith("nyt@"):
            return "553 5.7.1 Afsenderen er ikke tilladt"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.startswith("ukendt@"):
            return "550 5.1.1 Brugeren findes ikke"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def refusing() -> Iterator[int]:
    controller = Controller(Refusing(), hostname="127.0.0.1", port=_closed_port())
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


def test_a_refused_address_is_named_with_the_servers_reply_and_what_to_do(
    settings, embedder, case_folder, refusing
):
    mailing = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": refusing, "smtp_sender": "nyt@fjordby.dk"}
    )
    _follow(mailing, embedder, "ukendt@fjordby.dk")
    run = run_ingest(mailing, embedder, [str(case_folder)])
    [(_, problem)] = run.mail_problems
    assert "afviste modtageren ukendt@fjordby.dk (550 5.1.1 Brugeren findes ikke)" in problem
    assert "innosearch saved remove" in problem
    assert "{" not in problem and "b'" not in problem


def test_a_refused_sender_names_the_sender_setting(settings, embedder, case_folder, refusing):
    mailing = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": refusing, "smtp_sender": "x@fjordby.dk"}
    )
    _follow(mailing, embedder)
    run = run_ingest(mailing, embedder, [str(case_folder)])
    [(_, problem)] = run.mail_problems
    assert "afviste afsenderen x@fjordby.dk (553 5.7.1 Afsenderen er ikke tilladt)" in problem
    assert "INNOSEARCH_SMTP_SENDER" in problem and "b'" not in problem


def test_a_mail_server_that_is_not_there_is_named_with_its_settings(
    settings, embedder, case_folder
):
    port = _closed_port()
    mailing = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port})
    _follow(mailing, embedder)
    run = run_ingest(mailing, embedder, [str(case_folder)])
    [(name, problem)] = run.mail_problems
    assert name == "Skybrud"
    assert f"127.0.0.1:{port} afviste forbindelsen" in problem
    assert "INNOSEARCH_SMTP_PORT" in problem and "prøves igen ved næste kørsel" in problem
    assert "Errno" not in problem and "Connection refused" not in problem


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_refused_login_names_the_user_and_password_settings(
    settings, embedder, case_folder, refusing_login
):
    mailing = settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": refusing_login,
            "smtp_user": "innosearch",
            "smtp_password": "forkert",
        }
    )
    _follow(mailing, embedder)
    run = run_ingest(mailing, embedder, [str(case_folder)])
    [(_, problem)] = run.mail_problems
    assert "afviste brugernavn eller adgangskode" in problem
    assert "INNOSEARCH_SMTP_PASSWORD" in problem
    assert "Authentication" not in problem


@pytest.mark.parametrize(
    ("public_url", "warned"),
    [("http://127.0.0.1:8000", True), ("https://innosearch.fjordby.dk", False)],
)
def test_digests_with_links_to_this_machine_are_warned_of(
    settings, embedder, case_folder, mail_inbox, public_url, warned
):
    """The default public address is this machine's: every link in the digests led nowhere
    for their readers, and nothing said so."""
    _, port = mail_inbox
    mailing = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "public_url": public_url}
    )
    _follow(mailing, embedder)
    run = run_ingest(mailing, embedder, [str(case_folder)])
    said = [problem for source, problem in run.ingest.warnings if source == "INNOSEARCH_PUBLIC_URL"]
    assert bool(said) == warned
    if warned:
        assert "127.0.0.1:8000" in said[0] and "ikke kan åbne" in said[0]


def test_a_digest_has_a_date_and_a_message_id(settings, embedder, case_folder, mail_inbox):
    handler, port = mail_inbox
    mailing = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_sender": "nyt@fjordby.dk"}
    )
    _follow(mailing, embedder)
    run_ingest(mailing, embedder, [str(case_folder)])
    [message] = handler.messages
    assert email.utils.parsedate_to_datetime(message["Date"]) is not None
    assert message["Message-ID"].endswith("@fjordby.dk>")


def test_a_crawl_warning_is_kept_when_files_and_a_site_are_ingested_together(
    settings, embedder, case_folder
):
    site = Site()
    links = " ".join(f'<a href="/sag-{i}">Sag {i}</a>' for i in range(4))
    site.routes = {"/": Route(page("Projekter", "<p>Ældre i eget hjem.</p>", links=links))}
    crawling = settings.model_copy(
        update={"crawl_delay_s": 0.0, "crawl_timeout_s": 1.0, "crawl_max_pages": 1}
    )
    with serve(site):
        run = run_ingest(crawling, embedder, [str(case_folder), site.base + "/"])
    assert any("grænsen på 1 side er nået" in problem for _, problem in run.ingest.warnings)


def test_the_ingest_command_prints_a_mail_problem_whole_on_one_line(
    settings, embedder, case_folder, monkeypatch
):
    monkeypatch.setattr(common.err, "_width", 80)
    port = _closed_port()
    for name, value in {
        "INNOSEARCH_MODEL": "hashing",
        "INNOSEARCH_INGEST_NICENESS": "0",
        "INNOSEARCH_SMTP_HOST": "127.0.0.1",
        "INNOSEARCH_SMTP_PORT": str(port),
    }.items():
        monkeypatch.setenv(name, value)
    _follow(settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port}), embedder)
    result = CliRunner().invoke(cli.app, ["ingest", str(case_folder), "--home", settings.home])
    [line] = [line for line in result.stderr.splitlines() if "e-mail til" in line]
    assert line.startswith("FEJL") and line.endswith("prøves igen ved næste kørsel")
