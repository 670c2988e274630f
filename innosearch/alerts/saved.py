"""Saved searches: create, read by secret link, revoke, and record the new matches of a run."""

import re
import secrets
from dataclasses import asdict
from datetime import UTC, datetime

from innosearch.config import Settings
from innosearch.documents import DocumentRecord
from innosearch.errors import DocumentNotFound, InvalidFilter, InvalidQuery
from innosearch.filters import Filters
from innosearch.index.saved import SavedMatch, SavedSearch
from innosearch.search.inspiration import first_sentence
from innosearch.search.notice import says_nothing
from innosearch.search.query import SearchRequest, normalise_query
from innosearch.search.searcher import Searcher
from innosearch.taxonomy import CHOICES, allowed_values, label

NOT_FOUND = "Der findes ingen fulgt udfordring med dette link (den kan være stoppet)."
_MAX_NAME = 120
# One address a mail server will take: a local part, "@", a domain with a dot. No spaces, line
# breaks, commas or angle brackets, which would make a second recipient or a header of their own.
_EMAIL = re.compile(r"[^@\s,;<>()\[\]\\\"]+@[^@\s,;<>()\[\]\\\"]+\.[^@\s,;<>()\[\]\\\".]{2,}")


def _secret_id() -> str:
    """An unguessable id for a saved search's link, never starting with "-".

    A command line reads "-tHrM…" as an option: `innosearch saved remove` refused one id in 64.
    """
    while True:
        token = secrets.token_urlsafe(18)
        if not token.startswith("-"):
            return token


def _now() -> str:
    # To the microsecond: a page that showed the matches up to one moment marks them seen, and
    # one recorded within the same second but after it must stay unseen.
    return _timestamp(datetime.now(UTC))


def _timestamp(moment: datetime) -> str:
    """The stored form of a moment: UTC, ISO 8601, so that text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class SavedSearches:
    """The saved searches of one home; the Searcher gives the ranking they are matched by."""

    def __init__(self, settings: Settings, searcher: Searcher):
        self.settings = settings
        self.searcher = searcher
        self.store = searcher.store

    def create(
        self,
        name: str,
        query: str,
        filters: Filters | None = None,
        own_sector: str | None = None,
        email: str | None = None,
        unique: bool = False,
    ) -> SavedSearch:
        """A new saved search with a fresh secret id; the query and filters are checked first.

        With `unique` (the command line, which sees every saved search) one that repeats another
        (the same words, filters, own sector and e-mail) is refused: it would mail everything
        twice. Over HTTP it is not, since a refusal would tell a stranger what others follow.
        """
        query = normalise_query(query, self.settings.max_query_chars)
        if why := says_nothing(query):  # its searches would never find a case to report
            raise InvalidQuery(f"{why} Beskriv den med et par ord mere, før I følger den.")
        filters = filters or Filters()
        filters.validate()
        _check_own_sector(own_sector)
        name = _checked_name(name) or query[:_MAX_NAME]
        email = _checked_email(email)
        if email and not self.settings.smtp_host:
            # Taken, the address would wait for a mail that never comes, and nobody would know.
            raise InvalidQuery(
                "Denne server sender ikke nyhedsmails (INNOSEARCH_SMTP_HOST er ikke sat). Følg "
                "udfordringen uden e-mail, og brug dens link eller feed."
            )
        saved = SavedSearch(
            id=_secret_id(),
            name=name,
            query=query,
            max_rank=self.settings.saved_max_rank,
            created_at=_now(),
            filters={k: v for k, v in asdict(filters).items() if v not in (None, [])},
            own_sector=own_sector,
            email=email,
        )
        if unique:
            self._refuse_repeat(saved)
        self.store.add_saved_search(saved)
        return saved

    def _refuse_repeat(self, new: SavedSearch) -> None:
        def what(s: SavedSearch) -> tuple:
            return (s.query, s.filters, s.own_sector, s.email)

        for old in self.all():
            if what(old) == what(new):
                raise InvalidQuery(
                    f"Udfordringen »{new.query}« følges allerede med de samme filtre "
                    f"(som »{old.name}«); se innosearch saved list."
                )

    def get(self, search_id: str) -> SavedSearch:
        found = self.store.saved_searches(search_id) if search_id else []
        if not found:
            raise DocumentNotFound(NOT_FOUND)
        return found[0]

    def matches(self, search_id: str, limit: int = 50) -> list[SavedMatch]:
        """ "Nyt siden sidst": the latest recorded matches, newest first."""
        return self.store.saved_matches(self.get(search_id).id, limit)

    def mark_seen(self, search_id: str, until: str) -> None:
        """The page showed the matches found up to `until` (as the page got them, ISO 8601).

        The page says how far it showed, not the server when the mark arrives: a match recorded
        between the two was not shown and stays unseen.
        """
        try:
            shown = datetime.fromisoformat(until)
        except ValueError:
            raise InvalidQuery(f"'{until}' er ikke et tidspunkt (ISO 8601).") from None
        if shown.tzinfo is None:
            raise InvalidQuery(f"Tidspunktet '{until}' mangler sin tidszone.")
        mark = _timestamp(min(shown, datetime.now(UTC)))
        if not search_id or not self.store.mark_seen(search_id, mark):
            raise DocumentNotFound(NOT_FOUND)

    def all(self) -> list[SavedSearch]:
        return self.store.saved_searches()

    def revoke(self, search_id: str) -> None:
        if not search_id or not self.store.remove_saved_search(search_id):
            raise DocumentNotFound(NOT_FOUND)

    def record(self, saved: SavedSearch, changed: dict[str, str]) -> list[SavedMatch]:
        """The changed documents (id -> "new"/"changed") that now rank within the saved search's
        cut, recorded in the store. Raises InvalidFilter when a filter value or own sector is no
        longer in the taxonomy."""
        if not changed:
            return []
        now = _now()
        request = SearchRequest(
            saved.query,
            Filters(**saved.filters),
            own_sector=saved.own_sector,
            limit=min(saved.max_rank, self.settings.max_limit),
        )
        hits = self.searcher.search(request).hits
        matches = [
            SavedMatch(hit.document.id, hit.document.title, changed[hit.document.id], rank, now)
            for rank, hit in enumerate(hits, start=1)
            if hit.document.id in changed
        ]
        if matches:
            self.store.record_matches(saved.id, matches)
        return matches


def limits(saved: SavedSearch) -> list[str]:
    """What a followed challenge is limited to, in Danish: its filters, then the own sector.

    Two challenges of the same words differ by these, so every edge shows them.
    """
    parts = Filters(**saved.filters).described()
    if saved.own_sector:
        gone = f"{saved.own_sector} (findes ikke længere)"
        parts.append(f"Jeres sektor: {label('sector', saved.own_sector) or gone}")
    return parts


def opening_sentence(case: DocumentRecord) -> str:
    """What a case is about, as the feed and the digest show it: its first sentence with text."""
    opening = next((s.text for s in case.sections if s.text.strip()), case.text)
    return first_sentence(opening)


def _check_own_sector(own_sector: str | None) -> None:
    if own_sector and own_sector not in CHOICES["sector"]:
        raise InvalidFilter(
            f"Ukendt værdi '{own_sector}' for jeres egen sektor (own_sector). "
            + allowed_values("sector")
        )


def _checked_name(name: str | None) -> str:
    """The name with its spaces tidied; an over-long name is refused rather than cut short."""
    tidy = " ".join((name or "").split())
    if len(tidy) > _MAX_NAME:
        raise InvalidQuery(f"Navnet er {len(tidy)} tegn langt; det må højst være {_MAX_NAME} tegn.")
    return tidy


def _checked_email(email: str | None) -> str | None:
    """The address to mail, None for none (a blank one counts as none)."""
    address = (email or "").strip()
    if not address:
        return None
    if not _EMAIL.fullmatch(address):
        raise InvalidQuery(
            f"'{email}' er ikke en gyldig e-mailadresse: skriv én adresse som navn@kommune.dk."
        )
    return address
