"""The Danish digest e-mail: one per saved search per run, each document mailed only once."""

import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage

from innosearch.config import Settings
from innosearch.index.saved import SavedMatch, SavedSearch
from innosearch.index.store import Store


def digest_message(
    saved: SavedSearch, matches: list[SavedMatch], settings: Settings
) -> EmailMessage:
    base = settings.public_url.rstrip("/")
    count = len(matches)
    message = EmailMessage()
    message["Subject"] = f"{count} {'ny sag' if count == 1 else 'nye sager'} om: {saved.name}"
    message["From"] = settings.smtp_sender
    message["To"] = saved.email or ""
    lines = [
        "Hej,",
        "",
        f"Der er kommet {_how_many(count)}, der svarer på den udfordring, du følger:",
        f"»{saved.query}«",
        "",
    ]
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


def _how_many(count: int) -> str:
    return "én ny eller opdateret sag" if count == 1 else f"{count} nye eller opdaterede sager"


def send_digests(settings: Settings, store: Store) -> list[tuple[str, str]]:
    """Mail each saved search with an address its matches not mailed before.

    Returns (saved search name, problem) for digests that could not be sent; those matches stay
    unmailed, so the next run tries again. Without INNOSEARCH_SMTP_HOST nothing is sent.
    """
    if not settings.smtp_host:
        return []
    problems: list[tuple[str, str]] = []
    for saved in store.saved_searches():
        pending = store.unmailed_matches(saved.id) if saved.email else []
        if not pending:
            continue
        try:
            _send(settings, digest_message(saved, pending, settings))
        except (OSError, smtplib.SMTPException) as exc:
            problems.append((saved.name, f"e-mailen kunne ikke sendes ({exc})"))
            continue
        when = datetime.now(UTC).isoformat(timespec="seconds")
        store.mark_mailed(saved.id, [m.document_id for m in pending], when)
    return problems


def _send(settings: Settings, message: EmailMessage) -> None:
    assert settings.smtp_host
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(message)
