"""Migration 011 on a home written at schema 010: passages as slices, document vectors halved."""

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from innosearch.config import Settings
from innosearch.index.store import Store, derived
from innosearch.index.store.passages import passage_text
from innosearch.index.store.texts import lexical_text, packed_text
from innosearch.text.analysis import match_expression
from tests.index.conftest import record, unit_vectors
from tests.index.old_homes import (
    COPY_THE_REST,
    after_next_ingest,
    columns,
    exported,
    float32,
    fresh_and_old,
    lexical_hits,
    passage_now,
    reimported,
    results,
    schema_at,
)

REPO = Path(__file__).resolve().parents[2]
# A passage whose text is in no section of its document (as an edited export could leave one).
NOT_A_SLICE = "Et afsnit, som ikke står ordret i sagens afsnit: kvadratmeterfordeling."


def _packed(text: str) -> bytes:
    return packed_text(text)


def _copy_as_010(new: Path, old: Path) -> None:
    """Write `new`'s home again in the 010 layout.

    Every passage's text packed in chunks.text, document vectors in float32, the lexical index
    stemmed as 010 stemmed it (the same lexical_text).
    """
    old.parent.mkdir(parents=True)
    db = schema_at(old, 10)
    db.create_function("passage", 4, passage_now)
    db.create_function("packed", 1, _packed)
    db.create_function("float32", 1, float32)
    db.create_function("lexical", 3, lexical_text)
    db.execute("ATTACH ? AS new", (str(new),))
    documents = columns(db, "documents")
    db.executescript(
        f"""
        INSERT INTO documents SELECT {documents} FROM new.documents ORDER BY rowid;
        INSERT INTO chunks (id, document_id, ord, section, page, text, vector)
            SELECT c.id, c.document_id, c.ord, c.section, c.page,
                   packed(passage(d.sections, c.text, c.text_start, c.text_end)), c.vector
            FROM new.chunks c JOIN new.documents d ON d.id = c.document_id ORDER BY c.id;
        INSERT INTO chunks_fts (rowid, stemmed)
            SELECT c.id, lexical(d.title, c.section, passage(d.sections, c.text, c.text_start,
                                                            c.text_end))
            FROM new.chunks c JOIN new.documents d ON d.id = c.document_id ORDER BY c.id;
        """
        + COPY_THE_REST
    )
    db.commit()
    db.execute("DETACH new")
    db.close()


def _passages(path: Path) -> dict[int, dict]:
    store = Store(path)
    ids = [int(row[0]) for row in store._db.execute("SELECT id FROM chunks")]
    passages = store.chunks(ids)
    store.close()
    return passages


@pytest.fixture
def homes(tmp_path, embedder) -> tuple[Settings, Settings]:
    """(a home written by today's code, the same home written at 010 and not yet migrated)."""
    return fresh_and_old(tmp_path, embedder, _copy_as_010)


def test_a_010_home_keeps_its_passages_lexical_hits_and_results(homes, embedder):
    fresh, old = homes
    db = sqlite3.connect(old.store_path)
    texts_010 = dict(db.execute("SELECT id, text FROM chunks"))
    vectors_010 = dict(db.execute("SELECT document_id, vector FROM document_vectors"))
    db.close()
    before = lexical_hits(old.store_path)
    assert all(before)
    size_010 = old.store_path.stat().st_size

    store = Store(old.store_path)  # migrates
    assert store.schema_version >= 11
    ids, vectors = store.document_vectors()
    for doc_id, vector in zip(ids, vectors, strict=True):
        full = np.frombuffer(vectors_010[doc_id], dtype=np.float32)
        assert float(vector @ full) == pytest.approx(1.0, abs=1e-3)
    store.close()

    db = sqlite3.connect(old.store_path)
    stored = db.execute("SELECT text, text_start, text_end FROM chunks").fetchall()
    db.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('integrity-check')")
    db.close()
    sliced = [row for row in stored if row[0] is None]
    assert len(sliced) > len(stored) / 2  # most passages are slices of their document's text
    assert all(start is not None and end > start for _, start, end in sliced)
    assert old.store_path.stat().st_size < size_010  # vacuumed after the migration

    migrated = _passages(old.store_path)
    assert {c: p["text"] for c, p in migrated.items()} == {
        c: passage_text(stored, None, None, "") for c, stored in texts_010.items()
    }
    assert migrated == _passages(fresh.store_path)
    after = lexical_hits(old.store_path)
    assert after == before
    migrated_documents = {d.id: d for d in Store(old.store_path).all_documents()}
    assert migrated_documents == {d.id: d for d in Store(fresh.store_path).all_documents()}
    assert all(results(old, embedder))  # by the first stage until the next ingest
    assert results(after_next_ingest(old, embedder), embedder) == results(fresh, embedder)


def test_a_migrated_home_exports_what_it_imports(homes, embedder, tmp_path):
    fresh, old = homes
    Store(old.store_path).close()
    assert exported(old, embedder) == exported(fresh, embedder)

    copy, imported = reimported(old, embedder, tmp_path, fresh.cache_dir)
    assert imported
    assert exported(copy, embedder) == exported(old, embedder)
    assert results(copy, embedder) == results(after_next_ingest(old, embedder), embedder)


def test_a_passage_that_is_not_a_slice_keeps_its_text_through_the_migration(tmp_path):
    rng = np.random.default_rng(11)
    fresh = Store(tmp_path / "fresh" / "store.sqlite3")
    texts = ["Ældre træner i eget hjem med en terapeut.", "Færre visitationer til hjemmehjælp."]
    edited = record("a", texts, unit_vectors(rng, 2, 8))
    edited.chunks[1].text = NOT_A_SLICE  # not in the document's sections
    fresh.write([edited, record("b", ["Skybrud oversvømmede kældre."], unit_vectors(rng, 1, 8))])
    fresh.close()
    old = tmp_path / "old" / "store.sqlite3"
    _copy_as_010(tmp_path / "fresh" / "store.sqlite3", old)

    store = Store(old)
    db = sqlite3.connect(old)
    rows = db.execute("SELECT text IS NULL FROM chunks WHERE document_id = 'a' ORDER BY ord")
    assert [bool(row[0]) for row in rows] == [True, False]
    db.close()
    assert [c["text"] for c in store.chunks_of("a")] == [texts[0], NOT_A_SLICE]
    (hit, _), *_ = store.lexical_search(match_expression("kvadratmeterfordeling"), 5)
    assert store.chunks([hit])[hit]["text"] == NOT_A_SLICE

    # Deleting hands FTS5 the same derived texts it was given: nothing of "a" is left.
    store.write([], delete_sources=["a.json"])
    for words in ("kvadratmeterfordeling", "terapeut"):
        assert store.lexical_search(match_expression(words), 5) == []
    assert store.word_counts().get("terapeut") is None
    assert [c["text"] for c in store.chunks_of("b")] == ["Skybrud oversvømmede kældre."]
    store.close()
    db = sqlite3.connect(old)
    db.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('integrity-check')")
    db.close()


def test_passages_repeated_in_a_document_are_each_a_slice(tmp_path):
    """The same words twice (a heading repeated in a template) map to places in order."""
    rng = np.random.default_rng(12)
    store = Store(tmp_path / "home" / "store.sqlite3")
    texts = ["Samme afsnit.", "Andet afsnit.", "Samme afsnit."]
    store.write([record("a", texts, unit_vectors(rng, 3, 8))])
    spans = store._db.execute(
        "SELECT text, text_start, text_end FROM chunks ORDER BY ord"
    ).fetchall()
    assert all(row[0] is None for row in spans)
    starts = [row[1] for row in spans]
    assert starts == sorted(set(starts))  # the third is the second place the words stand
    assert [c["text"] for c in store.chunks_of("a")] == texts


def test_a_long_migration_shows_its_progress_on_stderr(tmp_path, monkeypatch, capsys):
    rng = np.random.default_rng(13)
    fresh = Store(tmp_path / "fresh" / "store.sqlite3")
    fresh.write([record(f"d{n}", [f"Afsnit {n}."], unit_vectors(rng, 1, 8)) for n in range(3)])
    fresh.close()
    old = tmp_path / "old" / "store.sqlite3"
    _copy_as_010(tmp_path / "fresh" / "store.sqlite3", old)
    # As if every batch took longer than the quiet first seconds.
    monkeypatch.setattr(derived._Progress, "QUIET_S", 0.0)
    monkeypatch.setattr(derived._Progress, "EVERY_S", 0.0)

    Store(old).close()
    shown = capsys.readouterr().err
    assert "Opgraderer lageret" in shown and "3 af 3" in shown and "færdig" in shown
