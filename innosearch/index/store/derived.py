"""Values derived from stored rows and kept beside them: document vectors and word counts.

Also the stored form of a passage vector (float16; migration 009 converted older homes), and the
lexical index, rebuilt from the passages (texts.py has the stored forms of texts, migration 010).

A migration's SQL cannot compute them, so the migration that adds a table fills it in the same
transaction (DATA_STEPS), and every later write keeps it up to date.
"""

import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

import numpy as np

from innosearch.documents import Section
from innosearch.index.store.texts import (
    LEXICAL_ANALYSIS_KEY,
    lexical_analysis,
    lexical_text,
    packed_sections,
    packed_text,
    stored_document_text,
    unpacked_text,
)
from innosearch.text.analysis import words


def document_vector(passages: np.ndarray) -> np.ndarray:
    """A document's vector: the normalised mean of its passage vectors (rows, in passage order)."""
    total = passages.sum(axis=0)
    return total / (np.linalg.norm(total) or 1.0)


# How a passage vector is kept in chunks.vector.
PASSAGE_DTYPE = np.float16


def passage_blob(vector: bytes) -> bytes:
    """The stored form of a float32 passage vector."""
    return np.frombuffer(vector, dtype=np.float32).astype(PASSAGE_DTYPE).tobytes()


def document_vector_blob(passage_blobs: list[bytes]) -> bytes:
    passages = np.frombuffer(b"".join(passage_blobs), dtype=np.float32)
    return document_vector(passages.reshape(len(passage_blobs), -1)).tobytes()


def _backfill_document_vectors(db: sqlite3.Connection) -> None:
    """Give documents stored before migration 004 their vector, from their passages."""
    rows = db.execute("SELECT document_id, vector FROM chunks ORDER BY document_id, ord")
    for doc_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        db.execute(
            "INSERT INTO document_vectors(document_id, vector) VALUES (?, ?)",
            (doc_id, document_vector_blob([row[1] for row in group])),
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


def rebuild_lexical_index(db: sqlite3.Connection) -> None:
    """Fill chunks_fts again from every passage's lexical_text; record the analysis it used."""
    db.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
    db.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
        (LEXICAL_ANALYSIS_KEY, lexical_analysis()),
    )
    sql = (
        "SELECT c.id, d.title, c.section, c.text FROM chunks c "
        "JOIN documents d ON d.id = c.document_id WHERE c.id > ?"
    )
    for rows in _batches(db, sql):
        db.executemany(
            "INSERT INTO chunks_fts(rowid, stemmed) VALUES (?, ?)",
            [(row[0], lexical_text(row[1], row[2], unpacked_text(row[3]))) for row in rows],
        )


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
    rebuild_lexical_index(db)


# Data a migration's SQL cannot compute, filled in by the same transaction.
DATA_STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    4: _backfill_document_vectors,
    7: _backfill_word_counts,
    9: _halve_passage_vectors,
    10: _store_each_text_once,
}
