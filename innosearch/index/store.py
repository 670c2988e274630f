"""The SQLite store: every SQL statement of the project lives in this module."""

import itertools
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import numpy as np

from innosearch.documents import DocumentRecord, Section
from innosearch.errors import HomeMissing, ModelMismatch, StaleTable, StoreDamaged
from innosearch.filters import DocumentColumns
from innosearch.index.saved import SavedMatch, SavedSearch
from innosearch.index.tables import PassageTable
from innosearch.index.web_state import PageState, WebSource
from innosearch.text.analysis import words

_DOCUMENT_COLUMNS = (
    "id, source, kind, title, text, sections, organisation, organisation_type, place, sector, "
    "stage, status, year, contact_name, contact_email, contact_phone, evidence_level, "
    "evidence_sentences, has_pitfalls, tags, links, extra, inferred, content_hash, ingested_at"
)
# Columns a search filter may name; anything else is refused before it reaches SQL.
FILTERABLE_COLUMNS = frozenset(
    {
        "sector",
        "organisation_type",
        "stage",
        "status",
        "kind",
        "year",
        "evidence_level",
        "has_pitfalls",
    }
)


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("innosearch.index") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _statements(script: str) -> Iterator[str]:
    """A migration script's statements one by one, so they can run inside one transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""
    if statement.strip():
        yield statement  # trailing comments; an unfinished statement fails loudly here


def document_vector(passages: np.ndarray) -> np.ndarray:
    """A document's vector: the normalised mean of its passage vectors (rows, in passage order)."""
    total = passages.sum(axis=0)
    return total / (np.linalg.norm(total) or 1.0)


def _document_vector_blob(passage_blobs: list[bytes]) -> bytes:
    passages = np.frombuffer(b"".join(passage_blobs), dtype=np.float32)
    return document_vector(passages.reshape(len(passage_blobs), -1)).tobytes()


def _matrix(blobs: list[bytes], dim: int) -> np.ndarray:
    """float32 rows of `dim` values from stored vectors; refuses vectors of another dimension."""
    data = b"".join(blobs)
    if len(data) != len(blobs) * dim * 4:
        raise _other_dimension(dim)
    return np.frombuffer(data, dtype=np.float32).reshape(len(blobs), dim)


def _other_dimension(dim: int) -> ModelMismatch:
    return ModelMismatch(
        f"De gemte vektorer har ikke {dim} dimensioner. Brug den model, indekset er bygget "
        "med, eller byg indekset på ny i en anden mappe (INNOSEARCH_HOME)."
    )


def _backfill_document_vectors(db: sqlite3.Connection) -> None:
    """Give documents stored before migration 004 their vector, from their passages."""
    rows = db.execute("SELECT document_id, vector FROM chunks ORDER BY document_id, ord")
    for doc_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        db.execute(
            "INSERT INTO document_vectors(document_id, vector) VALUES (?, ?)",
            (doc_id, _document_vector_blob([row[1] for row in group])),
        )


# Data a migration's SQL cannot compute, filled in by the same transaction.
def _count_words(db: sqlite3.Connection, texts: Iterable[str], sign: int) -> None:
    """Add (sign 1) or take away (sign -1) the words of passages in the home's word counts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(words(text))
    db.executemany(
        "INSERT INTO word_counts(word, count) VALUES (?, ?) "
        "ON CONFLICT(word) DO UPDATE SET count = count + excluded.count",
        [(word, sign * count) for word, count in counts.items()],
    )
    if sign < 0:
        db.executemany(
            "DELETE FROM word_counts WHERE word = ? AND count <= 0", [(w,) for w in counts]
        )


def _backfill_word_counts(db: sqlite3.Connection) -> None:
    """Count the words of passages stored before migration 007."""
    _count_words(db, (row[0] for row in db.execute("SELECT text FROM chunks")), 1)


_DATA_STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    4: _backfill_document_vectors,
    7: _backfill_word_counts,
}


class Store:
    """Documents, chunks, vectors and metadata in one SQLite file.

    Each thread gets its own connection (opened on first use): SQLite then keeps one thread's
    read transaction apart from another's writes, which a shared connection cannot.
    """

    def __init__(self, path: Path, create: bool = True):
        if not path.exists() and not create:
            raise HomeMissing(
                f"Der er intet indeks i {path.parent}. Indlæs først sager med "
                "'innosearch ingest MAPPE' (eller vælg en anden mappe med --home)."
            )
        if path.exists() and path.stat().st_size == 0 and not _wal_path(path).exists():
            raise StoreDamaged(
                f"Lageret {path} er en tom fil (0 byte), ikke en SQLite-database. Gendan det "
                "fra en sikkerhedskopi (innosearch restore) eller flyt det væk og indlæs igen."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        # Serialises this process's write transactions, so its threads never wait on each other
        # inside SQLite's busy handler.
        self._lock = threading.Lock()
        try:
            self._migrate()
            # Reads the documents' pages: a truncated or overwritten file fails here, at once.
            self._db.execute("SELECT COUNT(*) FROM documents").fetchone()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise damaged(path, exc) from exc

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=30
            )
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()

    @contextmanager
    def _transaction(self, begin: str = "BEGIN IMMEDIATE") -> Iterator[sqlite3.Connection]:
        db = self._db  # before the lock: a thread's first connection takes it to register
        with self._lock:
            db.execute(begin)
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every read inside it sees the same committed state."""
        db = self._db
        if db.in_transaction:  # inside reading(): already one consistent state
            yield db
            return
        db.execute("BEGIN DEFERRED")
        try:
            yield db
        finally:
            db.execute("COMMIT")

    @contextmanager
    def reading(self, generation: int) -> Iterator[None]:
        """Every read of this thread inside the block sees the store at `generation`.

        Raises StaleTable when an ingest committed another generation first: the caller then
        takes a new snapshot and starts again.
        """
        with self._snapshot() as db:
            if int(_meta(db, "generation") or 0) != generation:
                raise StaleTable("Lageret er ændret; læs igen.")
            yield

    def _migrate(self) -> None:
        pending = [m for m in _migrations() if m[0] > self.schema_version]
        if not pending:
            return  # the usual case: no write lock taken, so opening never waits for an ingest
        # One write transaction for all pending migrations: a second process opening the same
        # home waits, then finds the work done; a failure leaves the home as it was.
        with self._transaction() as db:
            current = db.execute("PRAGMA user_version").fetchone()[0]
            for number, script in pending:
                if number <= current:
                    continue
                for statement in _statements(script):
                    db.execute(statement)
                if number in _DATA_STEPS:
                    _DATA_STEPS[number](db)
                db.execute(f"PRAGMA user_version = {number}")

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # --- meta -------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        return _meta(self._db, key)

    @property
    def generation(self) -> int:
        """Bumped by every write that changes chunks, so caches of vectors can tell they are old."""
        return int(self.get_meta("generation") or 0)

    @property
    def chunks_removed_at(self) -> int:
        """The last generation that removed or replaced passages; later ones only added some.

        An index built at a generation at or after it holds a prefix of today's passages.
        """
        return int(self.get_meta("chunks_removed_at") or 0)

    # --- writing documents ------------------------------------------------------------------

    def content_hashes(self) -> dict[str, str]:
        rows = self._db.execute("SELECT source, content_hash FROM documents")
        return {row["source"]: row["content_hash"] for row in rows}

    def sources(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT source FROM documents")]

    def write(
        self,
        upserts: Iterable[DocumentRecord],
        delete_sources: Iterable[str] = (),
        meta: dict[str, str] | None = None,
        duplicates: Iterable[tuple[str, str, float]] = (),
        pages: Iterable[PageState] = (),
        forget_pages: Iterable[str] = (),
    ) -> None:
        """Replace and delete documents in one transaction: all of it lands, or none of it.

        `duplicates` are (document id, other id, similarity) pairs found for the upserts; `pages`
        and `forget_pages` the crawl state of web pages written with their documents.
        """
        with self._transaction() as db:
            self._write_pages(db, pages, forget_pages)
            removed = False
            for source in delete_sources:
                removed |= self._delete_source(db, source)
            for record in upserts:
                removed |= self._delete_source(db, record.source)
                self._insert(db, record)
            db.executemany(
                "INSERT OR REPLACE INTO duplicates(document_id, other_id, similarity) "
                "VALUES (?, ?, ?)",
                [(min(a, b), max(a, b), sim) for a, b, sim in duplicates],
            )
            for key, value in (meta or {}).items():
                db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))
            db.execute(
                "INSERT INTO meta(key, value) VALUES ('generation', '1') "
                "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )
            if removed:
                db.execute(
                    "INSERT OR REPLACE INTO meta(key, value) "
                    "SELECT 'chunks_removed_at', value FROM meta WHERE key = 'generation'"
                )

    def delete_document(self, doc_id: str) -> bool:
        row = self._db.execute("SELECT source FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return False
        self.write([], [row["source"]])
        return True

    @staticmethod
    def _delete_source(db: sqlite3.Connection, source: str) -> bool:
        """Remove a source's document and passages; whether there was one."""
        row = db.execute("SELECT id FROM documents WHERE source = ?", (source,)).fetchone()
        if row is None:
            return False
        db.execute(
            "DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE document_id = ?)",
            (row["id"],),
        )
        texts = db.execute("SELECT text FROM chunks WHERE document_id = ?", (row["id"],))
        _count_words(db, (text for (text,) in texts), -1)
        db.execute("DELETE FROM chunks WHERE document_id = ?", (row["id"],))
        db.execute("DELETE FROM documents WHERE id = ?", (row["id"],))
        return True

    @staticmethod
    def _insert(db: sqlite3.Connection, r: DocumentRecord) -> None:
        sections = [{"heading": s.heading, "text": s.text, "page": s.page} for s in r.sections]
        db.execute(
            f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES ({', '.join(['?'] * 25)})",
            (
                r.id,
                r.source,
                r.kind,
                r.title,
                r.text,
                json.dumps(sections, ensure_ascii=False),
                r.organisation,
                r.organisation_type,
                r.place,
                r.sector,
                r.stage,
                r.status,
                r.year,
                r.contact_name,
                r.contact_email,
                r.contact_phone,
                r.evidence_level,
                json.dumps(r.evidence_sentences, ensure_ascii=False),
                None if r.has_pitfalls is None else int(r.has_pitfalls),
                json.dumps(r.tags, ensure_ascii=False),
                json.dumps(r.links, ensure_ascii=False),
                json.dumps(r.extra, ensure_ascii=False, default=str),
                json.dumps(r.inferred),
                r.content_hash,
                r.ingested_at,
            ),
        )
        for ord_, chunk in enumerate(r.chunks):
            cursor = db.execute(
                "INSERT INTO chunks (document_id, ord, section, page, text, embed_text, vector) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (r.id, ord_, chunk.section, chunk.page, chunk.text, chunk.embed_text, chunk.vector),
            )
            db.execute(
                "INSERT INTO chunks_fts(rowid, stemmed) VALUES (?, ?)",
                (cursor.lastrowid, chunk.stemmed),
            )
        _count_words(db, (chunk.text for chunk in r.chunks), 1)
        if r.chunks:
            db.execute(
                "INSERT INTO document_vectors(document_id, vector) VALUES (?, ?)",
                (r.id, _document_vector_blob([chunk.vector for chunk in r.chunks])),
            )

    # --- embedding cache --------------------------------------------------------------------

    def cached_vectors(self, model: str, text_hashes: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for start in range(0, len(text_hashes), 500):
            batch = text_hashes[start : start + 500]
            rows = self._db.execute(
                "SELECT text_hash, vector FROM embedding_cache WHERE model = ? "
                f"AND text_hash IN ({', '.join(['?'] * len(batch))})",
                (model, *batch),
            )
            found.update({row["text_hash"]: row["vector"] for row in rows})
        return found

    def cache_vectors(self, model: str, items: dict[str, bytes]) -> None:
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO embedding_cache(model, text_hash, vector) VALUES (?, ?, ?)",
                [(model, key, vector) for key, vector in items.items()],
            )

    # --- reading ----------------------------------------------------------------------------

    def passage_table(self) -> PassageTable:
        """Every passage's chunk id and document row, with the documents' filterable values."""
        with self._snapshot() as db:
            generation = int(_meta(db, "generation") or 0)
            documents = DocumentColumns.from_rows(self._document_facets(db))
            # Document rows are numbered in the order _document_facets reads them (by rowid).
            rows = _tuples(
                db,
                "WITH numbered AS (SELECT id, ROW_NUMBER() OVER (ORDER BY rowid) - 1 AS row "
                "FROM documents) "
                "SELECT c.id, n.row FROM chunks c JOIN numbered n ON n.id = c.document_id "
                "ORDER BY c.id",
            )
            flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64)
        pairs = flat.reshape(-1, 2)
        return PassageTable(
            generation=generation,
            chunk_ids=np.ascontiguousarray(pairs[:, 0]),
            doc_rows=pairs[:, 1].astype(np.int32),
            documents=documents,
        )

    def vector_snapshot(self, dim: int) -> tuple[int, np.ndarray, np.ndarray]:
        """(generation, chunk ids ascending, their vectors) as of one moment: what indexes use."""
        with self._snapshot() as db:
            generation = int(_meta(db, "generation") or 0)
            count = db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
            # Filled row by row: one copy of the vectors in memory, never two.
            ids = np.empty(count, dtype=np.int64)
            vectors = np.empty((count, dim), dtype=np.float32)
            rows = _tuples(db, "SELECT id, vector FROM chunks ORDER BY id")
            for position, (chunk_id, blob) in enumerate(rows):
                if len(blob) != dim * 4:
                    raise _other_dimension(dim)
                ids[position] = chunk_id
                vectors[position] = np.frombuffer(blob, dtype=np.float32)
        return generation, ids, vectors

    def document_vectors(self) -> tuple[list[str], np.ndarray]:
        """Every document's id and stored vector (float32 rows), in the order they were stored.

        What 'similar documents' and duplicate detection compare; a document without passages
        has no vector.
        """
        rows = self._db.execute(
            "SELECT v.document_id, v.vector FROM document_vectors v "
            "JOIN documents d ON d.id = v.document_id ORDER BY d.rowid"
        ).fetchall()
        dim = len(rows[0][1]) // 4 if rows else int(self.get_meta("dim") or 0)
        return [row[0] for row in rows], _matrix([row[1] for row in rows], dim)

    def passage_vectors(self, doc_ids: list[str]) -> Iterator[tuple[str, str, np.ndarray]]:
        """(document id, section, vector) of the documents' passages, in passage order."""
        for row in self._select_in(
            "SELECT document_id, section, vector FROM chunks WHERE document_id IN ({}) "
            "ORDER BY document_id, ord",
            doc_ids,
        ):
            yield row[0], row[1], np.frombuffer(row[2], dtype=np.float32)

    def passage_vectors_of(self, doc_id: str, dim: int) -> np.ndarray:
        rows = self._db.execute(
            "SELECT vector FROM chunks WHERE document_id = ? ORDER BY ord", (doc_id,)
        ).fetchall()
        return _matrix([row[0] for row in rows], dim)

    def duplicate_pairs(self) -> list[tuple[str, str]]:
        return [
            (r[0], r[1]) for r in self._db.execute("SELECT document_id, other_id FROM duplicates")
        ]

    def duplicates_of(self, doc_id: str) -> list[tuple[str, str, float]]:
        """(other id, other title, similarity) of the document's possible duplicates."""
        rows = self._db.execute(
            "SELECT d.other_id AS other, d.similarity FROM duplicates d WHERE d.document_id = ? "
            "UNION SELECT d.document_id AS other, d.similarity FROM duplicates d "
            "WHERE d.other_id = ?",
            (doc_id, doc_id),
        ).fetchall()
        titles = {
            r["id"]: r["title"]
            for r in self._select_in(
                "SELECT id, title FROM documents WHERE id IN ({})", [r["other"] for r in rows]
            )
        }
        return sorted(
            (
                (r["other"], titles[r["other"]], r["similarity"])
                for r in rows
                if r["other"] in titles
            ),
            key=lambda t: -t[2],
        )

    def chunk_vectors(self, chunk_ids: list[int], dim: int) -> np.ndarray:
        rows = self._select_in("SELECT id, vector FROM chunks WHERE id IN ({})", chunk_ids)
        by_id = {row["id"]: row["vector"] for row in rows}
        return _matrix([by_id[i] for i in chunk_ids], dim)

    def _select_in(self, sql: str, values: list) -> list[sqlite3.Row]:
        rows: list[sqlite3.Row] = []
        for start in range(0, len(values), 500):
            batch = values[start : start + 500]
            rows.extend(self._db.execute(sql.format(", ".join(["?"] * len(batch))), batch))
        return rows

    def chunks(self, chunk_ids: list[int]) -> dict[int, dict]:
        rows = self._select_in(
            "SELECT id, document_id, ord, section, page, text, embed_text FROM chunks "
            "WHERE id IN ({})",
            chunk_ids,
        )
        return {row["id"]: dict(row) for row in rows}

    def chunks_of(self, doc_id: str) -> list[dict]:
        rows = self._db.execute(
            "SELECT id, document_id, ord, section, page, text FROM chunks "
            "WHERE document_id = ? ORDER BY ord",
            (doc_id,),
        )
        return [dict(row) for row in rows]

    def chunk_documents(self) -> dict[int, str]:
        """chunk id -> document id, for every chunk."""
        return {row[0]: row[1] for row in self._db.execute("SELECT id, document_id FROM chunks")}

    def word_counts(self) -> dict[str, int]:
        """How often each word occurs in the passages (see text.analysis.words)."""
        return dict(_tuples(self._db, "SELECT word, count FROM word_counts"))

    def chunk_sections(self) -> dict[int, str]:
        """chunk id -> its section label, for every chunk."""
        return {row[0]: row[1] for row in self._db.execute("SELECT id, section FROM chunks")}

    def document(self, doc_id: str) -> DocumentRecord | None:
        row = self._db.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return _record(row) if row else None

    def documents(self, doc_ids: list[str]) -> dict[str, DocumentRecord]:
        rows = self._select_in(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id IN ({{}})", doc_ids
        )
        return {row["id"]: _record(row) for row in rows}

    def all_documents(self) -> Iterator[DocumentRecord]:
        for row in self._db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY source"):
            yield _record(row)

    def document_facets(self) -> dict[str, dict]:
        """document id -> its filterable values, for filtering and counting facets in memory."""
        return self._document_facets(self._db)

    @staticmethod
    def _document_facets(db: sqlite3.Connection) -> dict[str, dict]:
        columns = ", ".join(sorted(FILTERABLE_COLUMNS))
        rows = db.execute(f"SELECT id, {columns} FROM documents ORDER BY rowid")
        return {row["id"]: {c: row[c] for c in FILTERABLE_COLUMNS} for row in rows}

    def lexical_search(self, match: str, limit: int) -> list[tuple[int, float]]:
        """Chunk ids and BM25 scores (higher is better) for an FTS5 MATCH expression."""
        rows = self._db.execute(
            "SELECT rowid, -bm25(chunks_fts) AS score FROM chunks_fts WHERE chunks_fts MATCH ? "
            "ORDER BY score DESC LIMIT ?",
            (match, limit),
        )
        return [(row[0], row[1]) for row in rows]

    def passage_counts(self, terms: list[str]) -> dict[str, int]:
        """How many passages hold each stemmed term (absent terms: 0)."""
        counts = dict.fromkeys(terms, 0)
        # How many passages hold each stem, read from the lexical index itself; a temp table is
        # this connection's own, so it needs no migration and writes nothing to the home.
        self._db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunks_fts_terms "
            "USING fts5vocab(main, chunks_fts, row)"
        )
        for term in terms:
            row = self._db.execute(
                "SELECT doc FROM chunks_fts_terms WHERE term = ?", (term,)
            ).fetchone()
            if row:
                counts[term] = row[0]
        return counts

    def integrity_problems(self) -> list[str]:
        """What SQLite's integrity check finds wrong (empty when the file is sound)."""
        try:
            rows = [row[0] for row in self._db.execute("PRAGMA integrity_check(20)")]
        except sqlite3.DatabaseError as exc:
            return [str(exc)]
        return [] if rows == ["ok"] else rows

    def vectors_of_other_length(self, dim: int) -> int:
        """How many stored passage vectors do not have `dim` dimensions."""
        sql = "SELECT COUNT(*) FROM chunks WHERE length(vector) != ?"
        return self._db.execute(sql, (dim * 4,)).fetchone()[0]

    def backup_to(self, path: Path) -> None:
        """A consistent copy of the store at one moment, taken while others read and write."""
        target = sqlite3.connect(path)
        try:
            self._db.backup(target)
        finally:
            target.close()

    def stats(self) -> dict:
        db = self._db
        return {
            "documents": db.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "chunks": db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0],
            "by_kind": dict(db.execute("SELECT kind, COUNT(*) FROM documents GROUP BY kind")),
            "by_sector": dict(
                db.execute("SELECT COALESCE(sector, ''), COUNT(*) FROM documents GROUP BY sector")
            ),
        }

    # --- web sources and crawl state --------------------------------------------------------

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

    def sources_under(self, root: str) -> list[str]:
        """The document sources (URLs) of the pages found from `root`."""
        rows = self._db.execute(
            "SELECT d.source FROM web_pages p JOIN documents d ON d.id = p.document_id "
            "WHERE p.root = ?",
            (root,),
        )
        return [row[0] for row in rows]

    @staticmethod
    def _write_pages(
        db: sqlite3.Connection, pages: Iterable[PageState], forget: Iterable[str]
    ) -> None:
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

    # --- saved searches ---------------------------------------------------------------------

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
        sql = "SELECT * FROM saved_searches"
        rows = self._db.execute(
            *((sql + " WHERE id = ?", (search_id,)) if search_id else (sql + " ORDER BY name",))
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
            )
            for row in rows
        ]

    def remove_saved_search(self, search_id: str) -> bool:
        with self._transaction() as db:
            db.execute("DELETE FROM saved_matches WHERE search_id = ?", (search_id,))
            return db.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,)).rowcount > 0

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
        """The latest matches of a saved search, newest first."""
        rows = self._db.execute(
            "SELECT document_id, title, change, rank, found_at, mailed_at FROM saved_matches "
            "WHERE search_id = ? ORDER BY found_at DESC, rank LIMIT ?",
            (search_id, limit),
        )
        return [SavedMatch(**dict(row)) for row in rows]

    def unmailed_matches(self, search_id: str) -> list[SavedMatch]:
        rows = self._db.execute(
            "SELECT document_id, title, change, rank, found_at, mailed_at FROM saved_matches "
            "WHERE search_id = ? AND mailed_at IS NULL ORDER BY rank",
            (search_id,),
        )
        return [SavedMatch(**dict(row)) for row in rows]

    def mark_mailed(self, search_id: str, document_ids: Iterable[str], when: str) -> None:
        with self._transaction() as db:
            db.executemany(
                "UPDATE saved_matches SET mailed_at = ? WHERE search_id = ? AND document_id = ?",
                [(when, search_id, doc_id) for doc_id in document_ids],
            )


def damaged(path: Path, exc: Exception) -> StoreDamaged:
    """The message for a store SQLite cannot read (overwritten, truncated, corrupt pages)."""
    return StoreDamaged(
        f"Lageret {path} er beskadiget og kan ikke læses ({exc}). Kør 'innosearch check' for "
        "en rapport, og gendan fra en sikkerhedskopi (innosearch restore)."
    )


def _wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _tuples(db: sqlite3.Connection, sql: str) -> sqlite3.Cursor:
    """A query's rows as plain tuples: much cheaper than sqlite3.Row over every passage."""
    cursor = db.cursor()
    cursor.row_factory = None
    return cursor.execute(sql)


def _meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _record(row: sqlite3.Row) -> DocumentRecord:
    sections = [Section(**s) for s in json.loads(row["sections"])]
    has_pitfalls = row["has_pitfalls"]
    return DocumentRecord(
        id=row["id"],
        source=row["source"],
        kind=row["kind"],
        title=row["title"],
        text=row["text"],
        sections=sections,
        content_hash=row["content_hash"],
        ingested_at=row["ingested_at"],
        organisation=row["organisation"],
        organisation_type=row["organisation_type"],
        place=row["place"],
        sector=row["sector"],
        stage=row["stage"],
        status=row["status"],
        year=row["year"],
        contact_name=row["contact_name"],
        contact_email=row["contact_email"],
        contact_phone=row["contact_phone"],
        evidence_level=row["evidence_level"],
        evidence_sentences=json.loads(row["evidence_sentences"]),
        has_pitfalls=None if has_pitfalls is None else bool(has_pitfalls),
        tags=json.loads(row["tags"]),
        links=json.loads(row["links"]),
        extra=json.loads(row["extra"]),
        inferred=json.loads(row["inferred"]),
    )
