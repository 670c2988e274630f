"""Web sources and the crawl state of their pages."""

import json
import sqlite3
from collections.abc import Iterable

from innosearch.index.store.base import StoreBase
from innosearch.index.web_state import PageState, WebSource


class WebStore(StoreBase):
    """The web sources kept in a home and what each crawl last saw of every page."""

    def add_web_source(self, source: WebSource) -> bool:
        """Add or update a source; True when it is new."""
        with self._transaction() as db:
            known = db.execute("SELECT 1 FROM web_sources WHERE url = ?", (source.url,)).fetchone()
            db.execute(
                "INSERT INTO web_sources(url, sitemap_only, max_pages, include, added_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                "sitemap_only = excluded.sitemap_only, max_pages = excluded.max_pages, "
                "include = excluded.include",
                (
                    source.url,
                    int(source.sitemap_only),
                    source.max_pages,
                    source.include,
                    source.added_at,
                ),
            )
        return known is None

    def web_sources(self) -> list[WebSource]:
        rows = self._db.execute(
            "SELECT url, sitemap_only, max_pages, include, added_at, crawled_at FROM web_sources "
            "ORDER BY url"
        )
        return [
            WebSource(
                url=row["url"],
                sitemap_only=bool(row["sitemap_only"]),
                max_pages=row["max_pages"],
                include=row["include"],
                added_at=row["added_at"],
                crawled_at=row["crawled_at"],
            )
            for row in rows
        ]

    def remove_web_source(self, url: str) -> bool:
        with self._transaction() as db:
            return db.execute("DELETE FROM web_sources WHERE url = ?", (url,)).rowcount > 0

    def mark_crawled(self, url: str, when: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE web_sources SET crawled_at = ? WHERE url = ?", (when, url))

    def page_states(self, root: str) -> dict[str, PageState]:
        """The crawl state of every page found from `root`, by URL.

        A page whose document was deleted meanwhile comes without validators, so the next crawl
        fetches it in full instead of trusting a 304.
        """
        rows = self._db.execute(
            "SELECT p.*, d.id IS NOT NULL AS present FROM web_pages p "
            "LEFT JOIN documents d ON d.id = p.document_id WHERE p.root = ?",
            (root,),
        )
        states = {}
        for row in rows:
            valid = row["document_id"] is None or bool(row["present"])
            states[row["url"]] = PageState(
                url=row["url"],
                root=row["root"],
                fetched_at=row["fetched_at"],
                document_id=row["document_id"],
                etag=row["etag"] if valid else None,
                last_modified=row["last_modified"] if valid else None,
                content_hash=row["content_hash"] if valid else None,
                links=json.loads(row["links"]),
            )
        return states

    def stored_pages(self, sources: list[str]) -> dict[str, tuple[str, str]]:
        """source -> (document id, content hash) for the stored documents among `sources`."""
        sql = "SELECT source, id, content_hash FROM documents WHERE source IN ({})"
        return {row[0]: (row[1], row[2]) for row in self._select_in(sql, sources)}

    def sources_under(self, root: str) -> list[str]:
        """The document sources (URLs) of the pages found from `root`."""
        rows = self._db.execute(
            "SELECT d.source FROM web_pages p JOIN documents d ON d.id = p.document_id "
            "WHERE p.root = ?",
            (root,),
        )
        return [row[0] for row in rows]


def write_pages(db: sqlite3.Connection, pages: Iterable[PageState], forget: Iterable[str]) -> None:
    """Crawl state written in a document write's own transaction."""
    db.executemany("DELETE FROM web_pages WHERE url = ?", [(url,) for url in forget])
    db.executemany(
        "INSERT OR REPLACE INTO web_pages(url, root, document_id, etag, last_modified, "
        "content_hash, links, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                p.url,
                p.root,
                p.document_id,
                p.etag,
                p.last_modified,
                p.content_hash,
                json.dumps(p.links),
                p.fetched_at,
            )
            for p in pages
        ],
    )
