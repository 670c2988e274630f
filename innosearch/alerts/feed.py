"""The Atom feed of a saved search (feedgen): one entry per recorded match, newest first."""

from feedgen.feed import FeedGenerator

from innosearch.index.saved import SavedMatch, SavedSearch

_CHANGE = {"new": "Ny", "changed": "Opdateret"}


def atom_feed(saved: SavedSearch, matches: list[SavedMatch], public_url: str) -> bytes:
    base = public_url.rstrip("/")
    feed = FeedGenerator()
    feed.id(f"{base}/api/saved/{saved.id}/feed.xml")
    feed.title(f"innosearch: {saved.name}")
    feed.author({"name": "innosearch"})  # Atom requires an author; feed readers show it
    feed.subtitle(f"Nye og opdaterede sager om: {saved.query}")
    feed.language("da")
    feed.link(href=f"{base}/api/saved/{saved.id}/feed.xml", rel="self")
    feed.link(href=f"{base}/fulgt/{saved.id}", rel="alternate")
    feed.updated(matches[0].found_at if matches else saved.created_at)
    for match in reversed(matches):  # feedgen puts the last added entry first
        entry = feed.add_entry()
        entry.id(f"{base}/sag/{match.document_id}#{match.found_at}")
        entry.title(f"{_CHANGE.get(match.change, match.change)}: {match.title}")
        entry.link(href=f"{base}/sag/{match.document_id}")
        entry.updated(match.found_at)
        entry.summary(f"Nr. {match.rank} i søgningen efter: {saved.query}")
    return feed.atom_str(pretty=True)
