"""The Danish digest e-mail: one per saved search per run, each document mailed only once."""

import smtplib
import socket
import ssl
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from innosearch.alerts.saved import limits
from innosearch.config import Settings
from innosearch.index.saved import SavedMatch, SavedSearch
from innosearch.index.store import Store

_TIMEOUT_S = 30


def digest_message(
    saved: SavedSearch, matches: list[SavedMatch], settings: Settings
) -> EmailMessage:
    base = settings.public_url.rstrip("/")
    message = EmailMessage()
    message["Subject"] = f"{_what(matches)} om: {saved.name}"
    message["From"] = settings.smtp_sender
    message["To"] = saved.email or ""
    # Required by RFC 5322 and weighed by spam filters; a relay does not always add them.
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.smtp_sender.rpartition("@")[2] or None)
    # Two follows of the same words differ only by their filters: the mail says which it is.
    shown = limits(saved)
    only = f"Kun: {' · '.join(shown)}" if shown else ""
    intro = f"Siden sidst er der {_what(matches)}, der svarer på den udfordring, du følger:"
    lines = ["Hej,", "", intro, f"»{saved.query}«", *([only] if only else []), ""]
    for match in matches:
        state = "Ny" if match.change == "new" else "Opdateret"
        lines += [f"- {match.title} ({state})", f"  {base}/sag/{match.document_id}"]
    lines += [
        "",
        f"Se alt nyt siden sidst: {base}/fulgt/{saved.id}",
        f"Nyhedsfeed (Atom): {base}/api/saved/{saved.id}/feed.xml",
        "",
        "Linket er personligt: del det ikke. På siden kan du stoppe med at følge udfordringen.",
        "",
        "Venlig hilsen",
        "innosearch",
    ]
    message.set_content("\n".join(lines))
    return message


def _what(matches: list[SavedMatch]) -> str:
    """ "2 nye sager", "1 opdateret sag", "3 nye eller opdaterede sager": as the matches are."""
    count = len(matches)
    kinds = {m.change for m in matches}
    if kinds == {"new"}:
        return "1 ny sag" if count == 1 else f"{count} nye sager"
    if kinds == {"changed"}:
        return "1 opdateret sag" if count == 1 else f"{count} opdaterede sager"
    return f"{count} nye eller opdaterede sager"


def send_digests(settings: Settings, store: Store) -> list[tuple[str, str]]:
    """Mail each saved search with an address its matches not mailed before.

    Returns (saved search name, problem) for digests that could not be sent; those matches stay
    unmailed, so the next run tries again. Without INNOSEARCH_SMTP_HOST nothing is sent. All
    digests go through one connection: a mail server that cannot be reached is tried once per
    run, not once per saved search (each try may wait out the whole timeout).
    """
    if not settings.smtp_host:
        return []
    due = [(saved, store.unmailed_matches(saved.id)) for saved in store.saved_searches()]
    due = [(saved, pending) for saved, pending in due if saved.email and pending]
    problems: list[tuple[str, str]] = []
    left = list(due)
    try:
        if due:
            with _connect(settings) as smtp:
                while left:
                    saved, pending = left[0]
                    problem = _send_one(smtp, digest_message(saved, pending, settings))
                    left.pop(0)
                    if problem:
                        problems.append((saved.name, problem))
                        continue
                    when = datetime.now(UTC).isoformat(timespec="seconds")
                    store.mark_mailed(saved.id, [m.document_id for m in pending], when)
    except (OSError, smtplib.SMTPException) as exc:
        problem = f"{_server_problem(settings, exc)}; prøves igen ved næste kørsel"
        problems += [(saved.name, problem) for saved, _ in left]
    return problems


# What went wrong with the mail server, most specific first: {server} is "e-mailserveren
# HOST:PORT", {host} the host alone.
_SERVER_PROBLEMS: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str], ...] = (
    (
        smtplib.SMTPAuthenticationError,
        "{server} afviste brugernavn eller adgangskode "
        "(tjek INNOSEARCH_SMTP_USER og INNOSEARCH_SMTP_PASSWORD)",
    ),
    (
        smtplib.SMTPNotSupportedError,
        "{server} understøtter ikke STARTTLS eller login "
        "(tjek INNOSEARCH_SMTP_STARTTLS og INNOSEARCH_SMTP_USER)",
    ),
    (
        ConnectionRefusedError,
        "{server} afviste forbindelsen: intet svarer på porten "
        "(tjek INNOSEARCH_SMTP_HOST og INNOSEARCH_SMTP_PORT)",
    ),
    (
        socket.gaierror,
        "navnet på e-mailserveren ({host}) kunne ikke slås op (tjek INNOSEARCH_SMTP_HOST)",
    ),
    (TimeoutError, f"{{server}} svarede ikke inden for {_TIMEOUT_S} s"),
    (ssl.SSLError, "den krypterede forbindelse (TLS) til {server} mislykkedes"),
    ((smtplib.SMTPServerDisconnected, ConnectionError), "{server} afbrød forbindelsen"),
)


def _server_problem(settings: Settings, exc: BaseException) -> str:
    """Why the mail server could not be used, in Danish, with the settings to look at."""
    server = f"e-mailserveren {settings.smtp_host}:{settings.smtp_port}"
    for kind, problem in _SERVER_PROBLEMS:
        if isinstance(exc, kind):
            return problem.format(server=server, host=settings.smtp_host)
    return f"{server} kunne ikke bruges ({exc})"


def _connect(settings: Settings) -> smtplib.SMTP:
    assert settings.smtp_host
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=_TIMEOUT_S)
    try:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _send_one(smtp: smtplib.SMTP, message: EmailMessage) -> str | None:
    """Send one digest; a problem with this message alone (its address refused) is returned,
    one with the connection is raised."""
    try:
        smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        said = "; ".join(_said(code, text) for code, text in exc.recipients.values())
        return (
            f"e-mailserveren afviste modtageren {message['To']} ({said}); den prøves igen ved "
            "hver kørsel: ret adressen ved at stoppe med at følge udfordringen (innosearch "
            "saved remove) og følge den igen med den rigtige adresse"
        )
    except smtplib.SMTPSenderRefused as exc:
        said = _said(exc.smtp_code, exc.smtp_error)
        return (
            f"e-mailserveren afviste afsenderen {exc.sender} ({said}); tjek INNOSEARCH_SMTP_SENDER"
        )
    except smtplib.SMTPDataError as exc:
        said = _said(exc.smtp_code, exc.smtp_error)
        return f"e-mailserveren afviste e-mailen til {message['To']} ({said})"
    return None


def _said(code: int, text: bytes | str) -> str:
    """The mail server's own reply ("550 5.1.1 User unknown"): its words are its own."""
    words = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
    return f"{code} {words}"
