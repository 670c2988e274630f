"""Values derived from stored rows and kept beside them: document vectors and word counts.

Also the stored forms of passage and document vectors (float16; migrations 009 and 011 converted
older homes), and the lexical index, rebuilt from the passages (texts.py has the stored forms of
texts, migration 010; passages.py a passage's text as a slice of its document's, migration 011).

A migration's SQL cannot compute them, so the migration that adds a table fills it in the same
transaction (DATA_STEPS), and every later write keeps it up to date.
"""

import itertools
import json
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

import numpy as np

from innosearch.documents import Section, sections_text
from innosearch.index.store.passages import stored_passage
from innosearch.index.store.select import select_in
from innosearch.index.store.texts import (
    LEXICAL_ANALYSIS_KEY,
    lexical_analysis,
    lexical_text,
    packed_sections,
    packed_text,
    read_sections,
    stored_document_text,
    unpacked_text,
)
from innosearch.text.analysis import words


def document_vector(passages: np.ndarray) -> np.ndarray:
    """A document's vector: the normalised mean of its passage vectors (rows, in passage order)."""
    total = passages.sum(axis=0)
    return total / (np.linalg.norm(total) or 1.0)


# How a passage vector is kept in chunks.vector, and a document's in document_vectors.vector.
PASSAGE_DTYPE = np.float16
DOCUMENT_DTYPE = np.float16


def passage_blob(vector: bytes) -> bytes:
    """The stored form of a float32 passage vector."""
    return np.frombuffer(vector, dtype=np.float32).astype(PASSAGE_DTYPE).tobytes()


def document_vector_blob(passage_blobs: list[bytes], stored: type = DOCUMENT_DTYPE) -> bytes:
    """The stored vector of a document from its float32 passage vectors."""
    passages = np.frombuffer(b"".join(passage_blobs), dtype=np.float32)
    return document_vector(passages.reshape(len(passage_blobs), -1)).astype(stored).tobytes()


def _backfill_document_vectors(db: sqlite3.Connection) -> None:
    """Give documents stored before migration 004 their vector, from their passages."""
    rows = db.execute("SELECT document_id, vector FROM chunks ORDER BY document_id, ord")
    for doc_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        # float32, as 004 stored them: migration 011 halves every document vector.
        blob = document_vector_blob([row[1] for row in group], np.float32)
        db.execute(
            "INSERT INTO document_vectors(document_id, vector) VALUES (?, ?)", (doc_id, blob)
        )


def count_words(db: sqlite3.Connection, texts: Iterable[str], sign: int) -> None:
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
    count_words(db, (row[0] for row in db.execute("SELECT text FROM chunks")), 1)


def _batches(db: sqlite3.Connection, sql: str, size: int = 10000) -> Iterator[list[tuple]]:
    """The rows of `sql` (first column a rowid, ending in `WHERE rowid > ?`) in rowid batches.

    A migration that rewrites every row never holds a large home in memory at once.
    """
    last = -1
    while True:
        rows = db.execute(f"{sql} ORDER BY 1 LIMIT {size}", (last,)).fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _halve_passage_vectors(db: sqlite3.Connection) -> None:
    """Store the float32 passage vectors of homes from before migration 009 in float16."""
    for rows in _batches(db, "SELECT id, vector FROM chunks WHERE id > ?"):
        db.executemany(
            "UPDATE chunks SET vector = ? WHERE id = ?",
            [(passage_blob(row[1]), row[0]) for row in rows],
        )


def _halve_cached_vectors(db: sqlite3.Connection) -> None:
    """Store the float32 vectors of the embedding cache of homes before 012 in float16.

    Only rows of the home's dimension in float32 are converted, so a row that is float16
    already (written by a newer version into an older home) is never halved twice.
    """
    row = db.execute("SELECT value FROM meta WHERE key = 'dim'").fetchone()
    dim = int(row[0]) if row else 0
    for rows in _batches(db, "SELECT rowid, vector FROM embedding_cache WHERE rowid > ?"):
        db.executemany(
            "UPDATE embedding_cache SET vector = ? WHERE rowid = ?",
            [(passage_blob(row[1]), row[0]) for row in rows if len(row[1]) == 4 * dim],
        )


def rebuild_lexical_index(db: sqlite3.Connection, passages: Iterable[list[tuple]]) -> None:
    """Fill chunks_fts again from every passage's lexical_text; record the analysis it used.

    `passages`: batches of (chunk id, document title, section, text), read in the schema of the
    moment (passages.lexical_rows today; migration 010 reads its own).
    """
    db.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
    db.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
        (LEXICAL_ANALYSIS_KEY, lexical_analysis()),
    )
    for rows in passages:
        db.executemany(
            "INSERT INTO chunks_fts(rowid, stemmed) VALUES (?, ?)",
            [(row[0], lexical_text(row[1], row[2], row[3])) for row in rows],
        )


def _passages_010(db: sqlite3.Connection) -> Iterator[list[tuple]]:
    """Every passage for the lexical index in the layout of migration 010 (each text packed)."""
    sql = (
        "SELECT c.id, d.title, c.section, c.text FROM chunks c "
        "JOIN documents d ON d.id = c.document_id WHERE c.id > ?"
    )
    for rows in _batches(db, sql):
        yield [(row[0], row[1], row[2], unpacked_text(row[3])) for row in rows]


def _store_each_text_once(db: sqlite3.Connection) -> None:
    """Migration 010: compress the texts kept, clear the derivable ones, fill the lexical index."""
    for rows in _batches(db, "SELECT rowid, sections, text FROM documents WHERE rowid > ?"):
        updates = []
        for rowid, stored_sections, text in rows:
            sections = [Section(**section) for section in json.loads(stored_sections)]
            updates.append((packed_sections(sections), stored_document_text(text, sections), rowid))
        db.executemany("UPDATE documents SET sections = ?, text = ? WHERE rowid = ?", updates)
    for rows in _batches(db, "SELECT id, text FROM chunks WHERE id > ?"):
        db.executemany(
            "UPDATE chunks SET text = ? WHERE id = ?",
            [(packed_text(text), chunk_id) for chunk_id, text in rows],
        )
    rebuild_lexical_index(db, _passages_010(db))


class _Progress:
    """A line on stderr while a long migration step runs (nothing for one of a few seconds)."""

    QUIET_S = 3.0
    EVERY_S = 2.0

    def __init__(self, what: str, total: int):
        self._what, self._total = what, total
        self._start = self._shown = time.monotonic()
        self._printed = False

    def advance(self, done: int) -> None:
        now = time.monotonic()
        if now - self._start < self.QUIET_S or now - self._shown < self.EVERY_S:
            return
        self._shown, self._printed = now, True
        print(
            f"\r{self._what}: {_danish(done)} af {_danish(self._total)}",
            end="",
            file=sys.stderr,
            flush=True,
        )

    def done(self) -> None:
        if self._printed:
            print(
                f"\r{self._what}: færdig ({time.monotonic() - self._start:.0f} s)",
                file=sys.stderr,
                flush=True,
            )


def _danish(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _passages_as_slices(db: sqlite3.Connection) -> None:
    """Migration 011: passages that are slices of their document's text keep only where they lie.

    Reads documents a batch at a time with their passages (in order, so each slice is searched
    for after the previous one), writes the new columns, then drops the old text column. Document
    vectors are halved to float16 in the same step.
    """
    total = db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
    progress = _Progress("Opgraderer lageret (afsnit som udsnit af sagernes tekst)", total)
    done = 0
    for documents in _batches(
        db, "SELECT rowid, id, sections FROM documents WHERE rowid > ?", 2000
    ):
        texts = {row[1]: sections_text(read_sections(row[2])) for row in documents}
        rows = select_in(
            db,
            "SELECT id, document_id, text FROM chunks WHERE document_id IN ({}) "
            "ORDER BY document_id, ord",
            list(texts),
        )
        updates = []
        for doc_id, passages in itertools.groupby(rows, key=lambda row: row[1]):
            after = 0
            for chunk_id, _, packed in passages:
                stored, start, end = stored_passage(texts[doc_id], unpacked_text(packed), after)
                after = start if start is not None else after
                updates.append((stored, start, end, chunk_id))
        db.executemany(
            "UPDATE chunks SET text_unless_slice = ?, text_start = ?, text_end = ? WHERE id = ?",
            updates,
        )
        done += len(updates)
        progress.advance(done)
    # DDL after the data: the old column was NOT NULL, so the nullable one replaces it.
    db.execute("ALTER TABLE chunks DROP COLUMN text")
    db.execute("ALTER TABLE chunks RENAME COLUMN text_unless_slice TO text")
    for vectors in _batches(db, "SELECT rowid, vector FROM document_vectors WHERE rowid > ?"):
        db.executemany(
            "UPDATE document_vectors SET vector = ? WHERE rowid = ?",
            [(_halved(vector), rowid) for rowid, vector in vectors],
        )
    progress.done()


def _halved(vector: bytes) -> bytes:
    return np.frombuffer(vector, dtype=np.float32).astype(DOCUMENT_DTYPE).tobytes()


# Data a migration's SQL cannot compute, filled in by the same transaction.
DATA_STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    4: _backfill_document_vectors,
    7: _backfill_word_counts,
    9: _halve_passage_vectors,
    10: _store_each_text_once,
    11: _passages_as_slices,
    12: _halve_cached_vectors,
}
