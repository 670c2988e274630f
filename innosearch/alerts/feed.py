"""The Atom feed of a saved search (feedgen): one entry per recorded match, newest first."""

from collections.abc import Mapping
from uuid import NAMESPACE_URL, uuid5

from feedgen.feed import FeedGenerator

from innosearch.alerts.saved import limits, opening_sentence
from innosearch.documents import DocumentRecord
from innosearch.index.saved import SavedMatch, SavedSearch

_CHANGE = {"new": "Ny", "changed": "Opdateret"}


def _atom_id(*parts: str) -> str:
    """A permanent id (RFC 4287 4.2.6): the same whichever address the feed was read at, so a
    reader that reaches the server by another name (a proxy, localhost) sees no entry twice."""
    return uuid5(NAMESPACE_URL, "innosearch:" + "/".join(parts)).urn


def atom_feed(
    saved: SavedSearch,
    matches: list[SavedMatch],
    public_url: str,
    cases: Mapping[str, DocumentRecord],
) -> bytes:
    """The feed; `cases` (document id -> record) gives each entry its organisation and gist."""
    base = public_url.rstrip("/")
    feed = FeedGenerator()
    feed.id(_atom_id("saved", saved.id))
    feed.title(f"innosearch: {saved.name}")
    feed.author({"name": "innosearch"})  # Atom requires an author; feed readers show it
    # Two follows of the same words differ only by their filters: the feed says which it is.
    shown = limits(saved)
    only = f" (kun: {' · '.join(shown)})" if shown else ""
    feed.subtitle(f"Nye og opdaterede sager om: {saved.query}{only}")
    feed.language("da")
    feed.link(href=f"{base}/api/saved/{saved.id}/feed.xml", rel="self", type="application/atom+xml")
    feed.link(href=f"{base}/fulgt/{saved.id}", rel="alternate", type="text/html")
    feed.updated(matches[0].found_at if matches else saved.created_at)
    for match in reversed(matches):  # feedgen puts the last added entry first
        entry = feed.add_entry()
        # A case updated again is news again: a new entry, not the old one edited.
        entry.id(_atom_id("saved", saved.id, match.document_id, match.found_at))
        entry.title(f"{_CHANGE.get(match.change, match.change)}: {match.title}")
        entry.link(href=f"{base}/sag/{match.document_id}", rel="alternate")
        entry.updated(match.found_at)
        rank = f"Nr. {match.rank} i søgningen efter: {saved.query}"
        case = cases.get(match.document_id)
        entry.summary(f"{_gist(case)} ({rank})" if case else rank)
    return feed.atom_str(pretty=True)


def _gist(case: DocumentRecord) -> str:
    """Who and what, as a feed reader's list shows an entry: "Fjordby Kommune: Ældre borgere …"."""
    what = opening_sentence(case)
    return f"{case.organisation}: {what}" if case.organisation else what
