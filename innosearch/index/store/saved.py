"""Saved searches (followed challenges) and the matches recorded for them."""

import json
from collections.abc import Iterable

from innosearch.index.saved import SavedMatch, SavedSearch
from innosearch.index.store.base import StoreBase

# A match whose document has left the index since (a page gone 404, a pruned file, a deleted
# case) is neither shown nor mailed: its link would lead nowhere.
_MATCHES = (
    "SELECT m.document_id, m.title, m.change, m.rank, m.found_at, m.mailed_at "
    "FROM saved_matches m JOIN documents d ON d.id = m.document_id "
)


class SavedStore(StoreBase):
    """Followed challenges, their matches, and which of them were mailed."""

    def add_saved_search(self, saved: SavedSearch) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO saved_searches(id, name, query, filters, own_sector, max_rank, "
                "email, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    saved.id,
                    saved.name,
                    saved.query,
                    json.dumps(saved.filters, ensure_ascii=False),
                    saved.own_sector,
                    saved.max_rank,
                    saved.email,
                    saved.created_at,
                ),
            )

    def saved_searches(self, search_id: str | None = None) -> list[SavedSearch]:
        """Every saved search, or the one with this id (a list of at most one)."""
        sql = (
            "SELECT s.*, seen.seen_at FROM saved_searches s "
            "LEFT JOIN saved_seen seen ON seen.search_id = s.id"
        )
        rows = self._db.execute(
            *((sql + " WHERE s.id = ?", (search_id,)) if search_id else (sql + " ORDER BY name",))
        )
        return [
            SavedSearch(
                id=row["id"],
                name=row["name"],
                query=row["query"],
                max_rank=row["max_rank"],
                created_at=row["created_at"],
                filters=json.loads(row["filters"]),
                own_sector=row["own_sector"],
                email=row["email"],
                seen_at=row["seen_at"],
            )
            for row in rows
        ]

    def remove_saved_search(self, search_id: str) -> bool:
        with self._transaction() as db:
            db.execute("DELETE FROM saved_matches WHERE search_id = ?", (search_id,))
            return db.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,)).rowcount > 0

    def mark_seen(self, search_id: str, until: str) -> bool:
        """Matches found up to `until` have been seen; a later mark is never moved back."""
        with self._transaction() as db:
            if not db.execute("SELECT 1 FROM saved_searches WHERE id = ?", (search_id,)).fetchone():
                return False
            db.execute(
                "INSERT INTO saved_seen(search_id, seen_at) VALUES (?, ?) ON CONFLICT(search_id) "
                "DO UPDATE SET seen_at = max(seen_at, excluded.seen_at)",
                (search_id, until),
            )
            return True

    def record_matches(self, search_id: str, matches: Iterable[SavedMatch]) -> None:
        """Record new matches; a match seen before is moved to now and keeps its mailed mark."""
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO saved_matches(search_id, document_id, title, change, rank, found_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(search_id, document_id) DO UPDATE SET "
                "title = excluded.title, change = excluded.change, rank = excluded.rank, "
                "found_at = excluded.found_at",
                [
                    (search_id, m.document_id, m.title, m.change, m.rank, m.found_at)
                    for m in matches
                ],
            )

    def saved_matches(self, search_id: str, limit: int = 50) -> list[SavedMatch]:
        """The latest matches of a saved search whose documents are still there, newest first."""
        rows = self._db.execute(
            _MATCHES + "WHERE m.search_id = ? ORDER BY m.found_at DESC, m.rank LIMIT ?",
            (search_id, limit),
        )
        return [SavedMatch(**dict(row)) for row in rows]

    def unmailed_matches(self, search_id: str) -> list[SavedMatch]:
        rows = self._db.execute(
            _MATCHES + "WHERE m.search_id = ? AND m.mailed_at IS NULL ORDER BY m.rank",
            (search_id,),
        )
        return [SavedMatch(**dict(row)) for row in rows]

    def mark_mailed(self, search_id: str, document_ids: Iterable[str], when: str) -> None:
        with self._transaction() as db:
            db.executemany(
                "UPDATE saved_matches SET mailed_at = ? WHERE search_id = ? AND document_id = ?",
                [(when, search_id, doc_id) for doc_id in document_ids],
            )
