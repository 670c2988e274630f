"""The Danish digest e-mail: one per saved search per run, each document mailed only once.

multipart/alternative: the plain text first, then the same in HTML (inline styles only, no
images or scripts, every value escaped), which a mail client shows when it can.
"""

import smtplib
import socket
import ssl
from collections.abc import Mapping
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from html import escape

from innosearch.alerts.saved import limits, opening_sentence
from innosearch.config import Settings
from innosearch.documents import DocumentRecord
from innosearch.index.saved import SavedMatch, SavedSearch
from innosearch.index.store import Store
from innosearch.taxonomy import label

_TIMEOUT_S = 30


def digest_message(
    saved: SavedSearch,
    matches: list[SavedMatch],
    settings: Settings,
    cases: Mapping[str, DocumentRecord] | None = None,
) -> EmailMessage:
    """The digest; `cases` (document id -> record) gives the HTML part each case's
    organisation, sector and opening sentence (a case not in it shows its title alone)."""
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
    message.add_alternative(_html(saved, matches, base, intro, only, cases or {}), subtype="html")
    for part in message.iter_parts():
        del part["MIME-Version"]  # add_alternative repeats it in the part; the message has it
    return message


# Inline styles only: mail clients drop <style> blocks and links to style sheets.
_FONT = "font-family:Arial,Helvetica,sans-serif;color:#1a1a1a"
_LINK = "color:#0b4f9c;text-decoration:underline"
_QUIET = "color:#555555;font-size:14px"


def _html(
    saved: SavedSearch,
    matches: list[SavedMatch],
    base: str,
    intro: str,
    only: str,
    cases: Mapping[str, DocumentRecord],
) -> str:
    """The HTML part: what the text part says, with each case's who, where and what."""
    followed = f"{base}/fulgt/{saved.id}"
    items = "\n".join(_html_case(match, base, cases.get(match.document_id)) for match in matches)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="da">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(saved.name)}</title></head>",
        f'<body style="margin:0;padding:0;background:#ffffff;{_FONT}">',
        f'<div style="max-width:640px;margin:0 auto;padding:16px;font-size:16px;'
        f'line-height:1.5;{_FONT}">',
        '<p style="margin:0 0 12px 0">Hej,</p>',
        f'<h1 style="font-size:22px;line-height:1.3;margin:0 0 12px 0;{_FONT}">'
        f"{escape(saved.name)}</h1>",
        f'<p style="margin:0 0 8px 0">{escape(intro)}</p>',
        f'<p style="margin:0 0 8px 0;font-style:italic">»{escape(saved.query)}«</p>',
        *([f'<p style="margin:0 0 8px 0;{_QUIET}">{escape(only)}</p>'] if only else []),
        f'<ul style="list-style:none;margin:16px 0;padding:0">\n{items}\n</ul>',
        f'<p style="margin:0 0 8px 0"><a href="{escape(followed)}" style="{_LINK}">'
        "Se alt nyt siden sidst</a></p>",
        f'<p style="margin:0 0 16px 0;{_QUIET}">'
        f'<a href="{escape(base)}/api/saved/{escape(saved.id)}/feed.xml" style="{_LINK}">'
        "Nyhedsfeed (Atom)</a></p>",
        f'<p style="margin:0 0 16px 0;{_QUIET}">Linket er personligt: del det ikke. '
        f'Vil du ikke have flere e-mails om udfordringen, så åbn <a href="{escape(followed)}" '
        f'style="{_LINK}">siden</a> og vælg »Stop med at følge«.</p>',
        '<p style="margin:0">Venlig hilsen<br>innosearch</p>',
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _html_case(match: SavedMatch, base: str, case: DocumentRecord | None) -> str:
    state = "Ny" if match.change == "new" else "Opdateret"
    href = f"{base}/sag/{match.document_id}"
    lines = [
        f'<a href="{escape(href)}" style="{_LINK};font-weight:bold;font-size:17px">'
        f"{escape(match.title)}</a> "
        f'<span style="{_QUIET}">({state})</span>'
    ]
    if case is not None:
        where = [case.organisation, label("sector", case.sector)]
        if shown := " · ".join(x for x in where if x):
            lines.append(f'<span style="{_QUIET}">{escape(shown)}</span>')
        if opening := opening_sentence(case):
            lines.append(f"<span>{escape(opening)}</span>")
    return (
        '<li style="margin:0 0 16px 0;padding:0 0 12px 0;border-bottom:1px solid #dddddd">'
        + "<br>\n".join(lines)
        + "</li>"
    )


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
                    cases = store.documents([m.document_id for m in pending])
                    problem = _send_one(smtp, digest_message(saved, pending, settings, cases))
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
