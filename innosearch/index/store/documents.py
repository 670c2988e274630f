"""Documents, passages, their vectors, the embedding cache and the lexical index."""

import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from innosearch.documents import DocumentLink, DocumentRecord, sections_text
from innosearch.errors import ModelMismatch
from innosearch.filters import DocumentColumns
from innosearch.index.store.base import StoreBase, meta_value, tuples
from innosearch.index.store.derived import (
    DOCUMENT_DTYPE,
    PASSAGE_DTYPE,
    count_words,
    document_vector_blob,
    passage_blob,
)
from innosearch.index.store.passages import (
    TEXT_COLUMNS,
    passage_text,
    passage_texts,
    stored_passage,
)
from innosearch.index.store.texts import (
    lexical_text,
    packed_sections,
    read_sections,
    stored_document_text,
)
from innosearch.index.store.web import write_pages
from innosearch.index.tables import TABLE_FILE, PassageTable, load_table, save_table
from innosearch.index.web_state import PageState
from innosearch.taxonomy import FILTER_FIELDS

_COLUMNS = (
    "id, source, kind, title, text, sections, organisation, organisation_type, place, sector, "
    "stage, status, year, contact_name, contact_email, contact_phone, evidence_level, "
    "evidence_sentences, has_pitfalls, pitfall_sentences, tags, links, extra, inferred, "
    "content_hash, ingested_at"
)
_DOCUMENT_COLUMNS = _COLUMNS + ", part_of"
# What a read returns besides the stored columns: the report a case is part of (only while that
# report is stored) and a report's cases in the order they were written, each as {id, title}.
_READ_COLUMNS = (
    _COLUMNS + ", (SELECT json_object('id', r.id, 'title', r.title) FROM documents AS r "
    "WHERE r.id = documents.part_of) AS part_of, "
    "(SELECT json_group_array(json_object('id', c.id, 'title', c.title)) FROM documents AS c "
    "WHERE c.part_of = documents.id) AS parts"
)
# Columns a search filter may name; anything else is refused before it reaches SQL.
FILTERABLE_COLUMNS = frozenset(FILTER_FIELDS)


def _next_generation(db: sqlite3.Connection) -> None:
    """Count a write: every reader's snapshot of an older generation is taken again."""
    db.execute(
        "INSERT INTO meta(key, value) VALUES ('generation', '1') "
        "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


def _matrix(blobs: list[bytes], dim: int, stored: type = PASSAGE_DTYPE) -> np.ndarray:
    """float32 rows of `dim` values from stored vectors; refuses vectors of another dimension."""
    data = b"".join(blobs)
    if len(data) != len(blobs) * dim * np.dtype(stored).itemsize:
        raise _other_dimension(dim)
    return np.frombuffer(data, dtype=stored).reshape(len(blobs), dim).astype(np.float32)


def _float32(stored: bytes) -> bytes:
    """A float16 vector as stored, as the float32 bytes ingest works with."""
    return np.frombuffer(stored, dtype=PASSAGE_DTYPE).astype(np.float32).tobytes()


def _table(
    generation: int,
    pairs: Iterable[tuple[int, str]],
    row_of: dict[str, int],
    documents: DocumentColumns,
    last_rowid: int,
) -> PassageTable:
    """A passage table from (chunk id, document id) pairs in any order."""
    flat = np.fromiter(
        itertools.chain.from_iterable((chunk_id, row_of[doc_id]) for chunk_id, doc_id in pairs),
        dtype=np.int64,
    ).reshape(-1, 2)
    order = np.argsort(flat[:, 0], kind="stable")
    return PassageTable(
        generation=generation,
        chunk_ids=np.ascontiguousarray(flat[order, 0]),
        doc_rows=flat[order, 1].astype(np.int32),
        documents=documents,
        last_document_rowid=last_rowid,
    )


def _other_dimension(dim: int) -> ModelMismatch:
    return ModelMismatch(
        f"De gemte vektorer har ikke {dim} dimensioner. Brug den model, indekset er bygget "
        "med, eller byg indekset på ny i en anden mappe (INNOSEARCH_HOME)."
    )


class DocumentStore(StoreBase):
    """Documents with their passages, vectors and lexical index."""

    # --- writing documents ------------------------------------------------------------------

    def content_hashes(self) -> dict[str, str]:
        return dict(tuples(self._db, "SELECT source, content_hash FROM documents"))

    def known_sources(self, sources: list[str]) -> set[str]:
        """Which of `sources` a stored document has."""
        rows = self._select_in("SELECT source FROM documents WHERE source IN ({})", sources)
        return {row[0] for row in rows}

    def sources(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT source FROM documents")]

    def has_documents_of_file(self, file_source: str) -> bool:
        """Whether a document read from the file `file_source` (it, or "it#record") is stored."""
        # A range over the unique index on source, not a scan: "#" is followed by "$".
        row = self._db.execute(
            "SELECT 1 FROM documents WHERE source = ? OR (source >= ? AND source < ?) LIMIT 1",
            (file_source, file_source + "#", file_source + "$"),
        ).fetchone()
        return row is not None

    def file_origin(self, file_source: str) -> str | None:
        """The absolute path the file `file_source` was read from, if recorded."""
        sql = "SELECT origin FROM file_origins WHERE source = ?"
        row = self._db.execute(sql, (file_source,)).fetchone()
        return row[0] if row else None

    def file_origins(self) -> dict[str, str]:
        """The absolute path each ingested file's source came from (see migration 013)."""
        return dict(tuples(self._db, "SELECT source, origin FROM file_origins"))

    def record_origins(self, origins: dict[str, str], forget: Iterable[str] = ()) -> None:
        """Remember where files came from (source -> absolute path), and forget pruned ones.

        Written after the files' documents: a run stopped in between leaves a file with no
        origin, which the next run finds and records again.
        """
        with self._transaction() as db:
            db.executemany("DELETE FROM file_origins WHERE source = ?", [(s,) for s in forget])
            db.executemany(
                "INSERT OR REPLACE INTO file_origins(source, origin) VALUES (?, ?)",
                origins.items(),
            )

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
            write_pages(db, pages, forget_pages)
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
            _next_generation(db)
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

    @classmethod
    def _delete_source(cls, db: sqlite3.Connection, source: str) -> bool:
        """Remove a source's document and passages, and a report's cases; whether there was one.

        A report written again writes its cases after it, so they are never left behind from an
        older version of the report.
        """
        row = db.execute(
            "SELECT id, title, sections FROM documents WHERE source = ?", (source,)
        ).fetchone()
        if row is None:
            return False
        cases = db.execute("SELECT source FROM documents WHERE part_of = ?", (row["id"],))
        for (case_source,) in cases.fetchall():
            cls._delete_source(db, case_source)
        document_text = sections_text(read_sections(row["sections"]))
        passages = [
            (chunk_id, section, passage_text(stored, start, end, document_text))
            for chunk_id, section, stored, start, end in db.execute(
                f"SELECT id, section, {TEXT_COLUMNS} FROM chunks WHERE document_id = ?",
                (row["id"],),
            )
        ]
        # The lexical index is contentless: FTS5 takes a passage out by being handed its text.
        db.executemany(
            "INSERT INTO chunks_fts(chunks_fts, rowid, stemmed) VALUES ('delete', ?, ?)",
            [
                (chunk_id, lexical_text(row["title"], section, text))
                for chunk_id, section, text in passages
            ],
        )
        count_words(db, (text for _, _, text in passages), -1)
        db.execute("DELETE FROM chunks WHERE document_id = ?", (row["id"],))
        db.execute("DELETE FROM documents WHERE id = ?", (row["id"],))
        return True

    @staticmethod
    def _insert(db: sqlite3.Connection, r: DocumentRecord) -> None:
        db.execute(
            f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES ({', '.join(['?'] * 27)})",
            (
                r.id,
                r.source,
                r.kind,
                r.title,
                stored_document_text(r.text, r.sections),
                packed_sections(r.sections),
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
                json.dumps(r.pitfall_sentences, ensure_ascii=False),
                json.dumps(r.tags, ensure_ascii=False),
                json.dumps(r.links, ensure_ascii=False),
                json.dumps(r.extra, ensure_ascii=False, default=str),
                json.dumps(r.inferred),
                r.content_hash,
                r.ingested_at,
                r.part_of.id if r.part_of else None,
            ),
        )
        document_text, after = sections_text(r.sections), 0
        for ord_, chunk in enumerate(r.chunks):
            stored, start, end = stored_passage(document_text, chunk.text, after)
            after = after if start is None else start
            cursor = db.execute(
                "INSERT INTO chunks (document_id, ord, section, page, text, text_start, text_end, "
                "vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    r.id,
                    ord_,
                    chunk.section,
                    chunk.page,
                    stored,
                    start,
                    end,
                    passage_blob(chunk.vector),
                ),
            )
            db.execute(
                "INSERT INTO chunks_fts(rowid, stemmed) VALUES (?, ?)",
                (cursor.lastrowid, lexical_text(r.title, chunk.section, chunk.text)),
            )
        count_words(db, (chunk.text for chunk in r.chunks), 1)
        if r.chunks:
            outline = r.outline_vector and document_vector_blob([r.outline_vector])
            db.execute(
                "INSERT INTO document_vectors(document_id, vector, outline) VALUES (?, ?, ?)",
                (r.id, document_vector_blob([chunk.vector for chunk in r.chunks]), outline or None),
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
            found.update({row["text_hash"]: _float32(row["vector"]) for row in rows})
        return found

    def cache_vectors(self, model: str, items: dict[str, bytes]) -> None:
        """Keep float32 vectors by text hash, in float16 (migration 012)."""
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO embedding_cache(model, text_hash, vector) VALUES (?, ?, ?)",
                [(model, key, passage_blob(vector)) for key, vector in items.items()],
            )

    # --- reading ----------------------------------------------------------------------------

    @property
    def table_path(self) -> Path:
        """Where the passage table is kept between processes (index/tables.py)."""
        return self.path.with_name(TABLE_FILE)

    def passage_table(self) -> PassageTable:
        """Every passage's chunk id and document row, with the documents' filterable values.

        The table saved beside the store is used when it is this generation's, and extended
        when later generations only added documents (no removal since, see chunks_removed_at);
        otherwise it is read whole. Whatever is read is saved for the next process.
        """
        saved = load_table(self.table_path)
        with self._snapshot() as db:
            generation = int(meta_value(db, "generation") or 0)
            removed_at = int(meta_value(db, "chunks_removed_at") or 0)
            if saved is not None and not self._belongs_here(db, saved):
                saved = None
            if saved is not None and saved.generation == generation:
                return saved
            if saved is not None and removed_at <= saved.generation < generation:
                table = self._extended_table(db, saved, generation)
            else:
                table = None
            table = table or self._whole_table(db, generation)
        save_table(table, self.table_path)
        return table

    @staticmethod
    def _belongs_here(db: sqlite3.Connection, saved: PassageTable) -> bool:
        """Whether a saved table describes (a prefix of) this store, not another home's."""
        if not saved.documents.ids:
            return saved.size == 0
        row = db.execute(
            "SELECT rowid FROM documents WHERE id = ?", (saved.documents.ids[-1],)
        ).fetchone()
        if row is None or row[0] != saved.last_document_rowid:
            return False
        if saved.size == 0:
            return True
        last = db.execute(
            "SELECT document_id FROM chunks WHERE id = ?", (int(saved.chunk_ids[-1]),)
        ).fetchone()
        return last is not None and last[0] == saved.documents.ids[saved.doc_rows[-1]]

    def _whole_table(self, db: sqlite3.Connection, generation: int) -> PassageTable:
        documents, last_rowid = self._document_columns(db)
        row_of = {doc_id: row for row, doc_id in enumerate(documents.ids)}
        # Through the covering index on document_id: the chunk rows themselves (their texts and
        # vectors) are never read. Sorted by chunk id here, not by SQLite.
        pairs = tuples(db, "SELECT id, document_id FROM chunks ORDER BY document_id")
        return _table(generation, pairs, row_of, documents, last_rowid)

    def _extended_table(
        self, db: sqlite3.Connection, saved: PassageTable, generation: int
    ) -> PassageTable | None:
        """`saved` and what was added after it; None if a new passage is of an older document."""
        added, last_rowid = self._document_columns(db, saved.last_document_rowid)
        first = saved.documents.size
        row_of = {doc_id: first + row for row, doc_id in enumerate(added.ids)}
        after = int(saved.chunk_ids[-1]) if saved.size else 0
        pairs = db.execute(
            "SELECT id, document_id FROM chunks WHERE id > ? ORDER BY id", (after,)
        ).fetchall()
        if any(doc_id not in row_of for _, doc_id in pairs):
            return None
        new = _table(generation, pairs, row_of, added, last_rowid)
        return PassageTable(
            generation=generation,
            chunk_ids=np.concatenate([saved.chunk_ids, new.chunk_ids]),
            doc_rows=np.concatenate([saved.doc_rows, new.doc_rows]),
            documents=saved.documents + added,
            last_document_rowid=last_rowid,
        )

    def vector_snapshot(self, dim: int) -> tuple[int, np.ndarray, np.ndarray]:
        """(generation, chunk ids ascending, their vectors) as of one moment: what indexes use."""
        with self._snapshot() as db:
            generation = int(meta_value(db, "generation") or 0)
            count = db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
            # Filled row by row: one copy of the vectors in memory, never two.
            ids = np.empty(count, dtype=np.int64)
            vectors = np.empty((count, dim), dtype=np.float32)
            rows = tuples(db, "SELECT id, vector FROM chunks ORDER BY id")
            stored_bytes = dim * np.dtype(PASSAGE_DTYPE).itemsize
            for position, (chunk_id, blob) in enumerate(rows):
                if len(blob) != stored_bytes:
                    raise _other_dimension(dim)
                ids[position] = chunk_id
                vectors[position] = np.frombuffer(blob, dtype=PASSAGE_DTYPE)
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
        return self._ids_and_matrix(rows)

    def without_outline(self, limit: int) -> list[str]:
        """Ids of up to `limit` documents stored before their outline was (migration 016)."""
        rows = self._db.execute(
            "SELECT document_id FROM document_vectors WHERE outline IS NULL LIMIT ?", (limit,)
        )
        return [row[0] for row in rows]

    def write_outlines(self, outlines: dict[str, bytes]) -> None:
        """Store float32 outline vectors of stored documents, as a generation of its own: a
        snapshot that found some missing reads them all again."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE document_vectors SET outline = ? WHERE document_id = ?",
                [(document_vector_blob([v]), doc_id) for doc_id, v in outlines.items()],
            )
            _next_generation(db)

    def outline_vectors(self) -> tuple[list[str], np.ndarray] | None:
        """Every document's outline vector (float32 rows), as document_vectors orders them; None
        while a document stored before migration 016 has none (until the next ingest)."""
        with self._snapshot() as db:
            missing = db.execute(
                "SELECT 1 FROM document_vectors WHERE outline IS NULL LIMIT 1"
            ).fetchone()
            if missing:
                return None
            rows = db.execute(
                "SELECT v.document_id, v.outline FROM document_vectors v "
                "JOIN documents d ON d.id = v.document_id ORDER BY d.rowid"
            ).fetchall()
        return self._ids_and_matrix(rows)

    def _ids_and_matrix(self, rows: list[sqlite3.Row]) -> tuple[list[str], np.ndarray]:
        """(document id, stored document-sized vector) rows as ids and one float32 matrix."""
        width = np.dtype(DOCUMENT_DTYPE).itemsize
        dim = len(rows[0][1]) // width if rows else int(self.get_meta("dim") or 0)
        return [row[0] for row in rows], _matrix([row[1] for row in rows], dim, DOCUMENT_DTYPE)

    def document_vector(self, doc_id: str) -> np.ndarray | None:
        """One document's stored vector (float32), or None for a document without passages."""
        row = self._db.execute(
            "SELECT vector FROM document_vectors WHERE document_id = ?", (doc_id,)
        ).fetchone()
        return (
            None if row is None else np.frombuffer(row[0], dtype=DOCUMENT_DTYPE).astype(np.float32)
        )

    def passage_vectors(self, doc_ids: list[str]) -> Iterator[tuple[str, str, np.ndarray]]:
        """(document id, section, vector) of the documents' passages, in passage order."""
        for row in self._select_in(
            "SELECT document_id, section, vector FROM chunks WHERE document_id IN ({}) "
            "ORDER BY document_id, ord",
            doc_ids,
        ):
            yield row[0], row[1], np.frombuffer(row[2], dtype=PASSAGE_DTYPE).astype(np.float32)

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

    def chunks(self, chunk_ids: list[int]) -> dict[int, dict]:
        """chunk id -> its document id, ord, section, page and text."""
        with self._snapshot() as db:  # the texts of sliced passages come from their documents
            rows = self._select_in(f"{_CHUNK_SELECT} WHERE id IN ({{}})", chunk_ids)
            return {chunk["id"]: chunk for chunk in _chunks(db, rows)}

    def chunks_of(self, doc_id: str) -> list[dict]:
        with self._snapshot() as db:
            rows = db.execute(
                f"{_CHUNK_SELECT} WHERE document_id = ? ORDER BY ord", (doc_id,)
            ).fetchall()
            return _chunks(db, rows)

    def sections_of(self, doc_id: str) -> list[tuple[int, str]]:
        """(chunk id, section label) of a document's passages in order, without their text."""
        rows = self._db.execute(
            "SELECT id, section FROM chunks WHERE document_id = ? ORDER BY ord", (doc_id,)
        ).fetchall()
        return [(row[0], row[1]) for row in rows]

    def passage_sections(self, chunk_ids: list[int]) -> dict[int, str]:
        """chunk id -> its section label, without reading any text."""
        rows = self._select_in("SELECT id, section FROM chunks WHERE id IN ({})", chunk_ids)
        return {row[0]: row[1] for row in rows}

    def chunk_documents(self) -> dict[int, str]:
        """chunk id -> document id, for every chunk."""
        return {row[0]: row[1] for row in self._db.execute("SELECT id, document_id FROM chunks")}

    def word_counts(self) -> dict[str, int]:
        """How often each word occurs in the passages (see text.analysis.words)."""
        return dict(tuples(self._db, "SELECT word, count FROM word_counts"))

    def chunk_sections(self) -> dict[int, str]:
        """chunk id -> its section label, for every chunk."""
        return {row[0]: row[1] for row in self._db.execute("SELECT id, section FROM chunks")}

    def document(self, doc_id: str) -> DocumentRecord | None:
        row = self._db.execute(
            f"SELECT {_READ_COLUMNS} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return _record(row) if row else None

    def documents(self, doc_ids: list[str]) -> dict[str, DocumentRecord]:
        rows = self._select_in(f"SELECT {_READ_COLUMNS} FROM documents WHERE id IN ({{}})", doc_ids)
        return {row["id"]: _record(row) for row in rows}

    def all_documents(self) -> Iterator[DocumentRecord]:
        for row in self._db.execute(f"SELECT {_READ_COLUMNS} FROM documents ORDER BY source"):
            yield _record(row)

    def document_facets(self) -> dict[str, dict]:
        """document id -> its filterable values, for filtering and counting facets in memory."""
        return self._document_facets(self._db)

    @staticmethod
    def _document_facets(db: sqlite3.Connection, after_rowid: int = 0) -> dict[str, dict]:
        """The filterable values of the documents after `after_rowid`, in rowid order."""
        columns = ", ".join(sorted(FILTERABLE_COLUMNS))
        rows = db.execute(
            f"SELECT id, {columns} FROM documents WHERE rowid > ? ORDER BY rowid", (after_rowid,)
        )
        return {row["id"]: {c: row[c] for c in FILTERABLE_COLUMNS} for row in rows}

    @classmethod
    def _document_columns(
        cls, db: sqlite3.Connection, after_rowid: int = 0
    ) -> tuple[DocumentColumns, int]:
        """The documents after `after_rowid` as columns, and the last rowid among them."""
        last = db.execute("SELECT MAX(rowid) FROM documents").fetchone()[0] or 0
        return DocumentColumns.from_rows(cls._document_facets(db, after_rowid)), last

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


_CHUNK_SELECT = f"SELECT id, document_id, ord, section, page, {TEXT_COLUMNS} FROM chunks"


def _chunks(db: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict]:
    """Chunk rows as dicts with their texts (read from their documents where sliced)."""
    texts = passage_texts(
        db, [(r["document_id"], r["text"], r["text_start"], r["text_end"]) for r in rows]
    )
    return [
        {
            "id": row["id"],
            "document_id": row["document_id"],
            "ord": row["ord"],
            "section": row["section"],
            "page": row["page"],
            "text": text,
        }
        for row, text in zip(rows, texts, strict=True)
    ]


def _record(row: sqlite3.Row) -> DocumentRecord:
    sections = read_sections(row["sections"])
    has_pitfalls = row["has_pitfalls"]
    return DocumentRecord(
        id=row["id"],
        source=row["source"],
        kind=row["kind"],
        title=row["title"],
        text=sections_text(sections) if row["text"] is None else row["text"],
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
        pitfall_sentences=json.loads(row["pitfall_sentences"]),
        tags=json.loads(row["tags"]),
        links=json.loads(row["links"]),
        extra=json.loads(row["extra"]),
        inferred=json.loads(row["inferred"]),
        part_of=DocumentLink(**json.loads(row["part_of"])) if row["part_of"] else None,
        parts=[DocumentLink(**link) for link in json.loads(row["parts"])],
    )
