"""The SQLite store on real files: migrations, upgrades, atomic writes and every read."""

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest

import innosearch.index
from innosearch.config import Settings
from innosearch.errors import ModelMismatch, StoreTooNew
from innosearch.filters import Filters
from innosearch.index.store import Store, derived
from innosearch.index.vectors.factory import open_vector_index
from innosearch.text.analysis import match_expression, stems
from tests.index.conftest import random_records, record, unit_vectors

MIGRATIONS = Path(innosearch.index.__file__).parent / "migrations"
LATEST = max(int(p.name.split("_", 1)[0]) for p in MIGRATIONS.glob("*.sql"))
DIM = 8


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "home" / "store.sqlite3")


def snapshot(store: Store) -> dict:
    """Everything a write may change, to compare before and after."""
    ids, vectors = store.document_vectors()
    return {
        "documents": [(d.id, d.source, d.title, d.content_hash) for d in store.all_documents()],
        "chunks": {d: store.chunks_of(d) for d, _ in store.content_hashes().items()},
        "passages": store.passage_table().chunk_ids.tolist(),
        "vectors": (ids, vectors.tolist()),
        "lexical": store.lexical_search(match_expression("passage"), 100),
        "duplicates": store.duplicate_pairs(),
        "generation": store.generation,
        "meta": store.get_meta("model"),
    }


# --- migrations -----------------------------------------------------------------------------


def test_an_empty_file_gets_every_migration(store):
    assert store.schema_version == LATEST
    assert store.generation == 0
    assert store.stats()["documents"] == 0
    ids, vectors = store.document_vectors()
    assert ids == [] and vectors.shape[0] == 0
    table = store.passage_table()
    assert table.size == 0 and table.generation == 0 and table.documents.size == 0


def test_opening_again_changes_nothing(tmp_path, store):
    store.write(random_records(np.random.default_rng(0), 2, DIM))
    before = snapshot(store)
    again = Store(store.path)
    assert again.schema_version == LATEST
    assert snapshot(again) == before


def test_a_store_of_a_newer_innosearch_is_refused_and_left_as_it_is(store):
    """An older copy of the code (a second server, a cron job) opened it without a word and
    would write rows its tables do not expect."""
    store.write(random_records(np.random.default_rng(0), 2, DIM))
    store.close()
    with sqlite3.connect(store.path) as db:
        db.execute(f"PRAGMA user_version = {LATEST + 1}")
    before = store.path.read_bytes()
    with pytest.raises(StoreTooNew) as refused:
        Store(store.path, create=False)
    assert f"skema {LATEST + 1}; denne udgave kender op til skema {LATEST}" in refused.value.message
    assert "Opdatér innosearch" in refused.value.message
    assert store.path.read_bytes() == before


def test_a_failed_migration_leaves_the_home_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "store.sqlite3"
    _landed_home(path, [])

    def broken(db: sqlite3.Connection) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setitem(derived.DATA_STEPS, 4, broken)
    with pytest.raises(RuntimeError):
        Store(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "document_vectors" not in tables


# --- upgrading a home made by the landed schema (migrations 001-003) -------------------------


def _landed_home(path: Path, documents: list[tuple[str, str, list[str], np.ndarray]]) -> None:
    """A home as the landed version wrote it: its migrations, its INSERTs, its meta."""
    db = sqlite3.connect(path)
    for number in (1, 2, 3):
        (script,) = MIGRATIONS.glob(f"{number:03d}_*.sql")
        db.executescript(f"BEGIN;\n{script.read_text()}\nPRAGMA user_version = {number};\nCOMMIT;")
    for doc_id, sector, texts, vectors in documents:
        db.execute(
            "INSERT INTO documents (id, source, kind, title, text, sections, organisation, "
            "organisation_type, place, sector, stage, status, year, contact_name, contact_email, "
            "contact_phone, evidence_level, evidence_sentences, has_pitfalls, tags, links, extra, "
            "inferred, content_hash, ingested_at) "
            f"VALUES ({', '.join(['?'] * 25)})",
            (
                doc_id,
                f"{doc_id}.json",
                "case",
                f"Sag {doc_id}",
                " ".join(texts),
                json.dumps([{"heading": "Resumé", "text": " ".join(texts), "page": None}]),
                "Fjordby Kommune",
                "kommune",
                None,
                sector,
                "implementering",
                "afsluttet",
                2021,
                None,
                None,
                None,
                2,
                "[]",
                0,
                "[]",
                "[]",
                "{}",
                json.dumps({"stage": 0.8}),
                f"hash-{doc_id}",
                "2024-01-01T00:00:00+00:00",
            ),
        )
        for ord_, (text, vector) in enumerate(zip(texts, vectors, strict=True)):
            cursor = db.execute(
                "INSERT INTO chunks (document_id, ord, section, page, text, embed_text, vector) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc_id, ord_, "Resumé", None, text, text, vector.tobytes()),
            )
            db.execute(
                "INSERT INTO chunks_fts(rowid, stemmed) VALUES (?, ?)",
                (cursor.lastrowid, " ".join(stems(text))),
            )
    for key, value in {"generation": "7", "model": "hashing", "dim": str(DIM)}.items():
        db.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (key, value))
    db.commit()
    db.close()


def test_a_home_made_by_the_landed_schema_is_upgraded_in_place(tmp_path):
    rng = np.random.default_rng(3)
    rehab, reading = unit_vectors(rng, 3, DIM), unit_vectors(rng, 2, DIM)
    path = tmp_path / "home" / "store.sqlite3"
    path.parent.mkdir()
    _landed_home(
        path,
        [
            ("rehab", "aeldre", ["Hverdagsrehabilitering", "Træning i eget hjem", "Effekt"], rehab),
            ("reading", "skole", ["Læseløft i indskolingen", "Små hold"], reading),
            ("empty", "sundhed", [], np.zeros((0, DIM), dtype=np.float32)),
        ],
    )

    store = Store(path)
    assert path.with_name(path.name + "-wal").stat().st_size == 0  # the rewrite checkpointed

    assert store.schema_version == LATEST
    assert store.generation == 7  # the vectors are unchanged, so caches of them stay valid
    doc = store.document("rehab")
    assert doc is not None and doc.sector == "aeldre" and doc.inferred == {"stage": 0.8}
    assert [c["text"] for c in store.chunks_of("reading")] == [
        "Læseløft i indskolingen",
        "Små hold",
    ]
    (hit, _), *_ = store.lexical_search(match_expression("læseløft"), 5)
    assert store.chunks([hit])[hit]["document_id"] == "reading"
    assert store.word_counts()["læseløft"] == 1 and store.word_counts()["i"] == 2  # backfilled
    ids, vectors = store.document_vectors()
    assert ids == ["rehab", "reading"]  # stored order; a document without passages has none
    for matrix, vector in zip((rehab, reading), vectors, strict=True):
        # the centroid the landed version computed: passage vectors summed in order, normalised,
        # then kept in float16 (migration 011)
        total = matrix[0].copy()
        for row in matrix[1:]:
            total = total + row
        centroid = (total / np.linalg.norm(total)).astype(np.float16).astype(np.float32)
        assert np.array_equal(vector, centroid)

    table = store.passage_table()
    assert table.generation == 7 and table.size == 5
    index = open_vector_index(Settings(home=path.parent), store, DIM, table)
    ((chunk_id, score),) = index.search(reading[1], 1)
    assert table.document_of(chunk_id) == "reading" and score == pytest.approx(1.0, abs=1e-3)
    # migration 009: the passage vectors are kept in float16
    assert np.array_equal(
        store.passage_vectors_of("reading", DIM), reading.astype(np.float16).astype(np.float32)
    )


# --- writing --------------------------------------------------------------------------------


def test_write_replaces_deletes_and_bumps_the_generation(store):
    rng = np.random.default_rng(1)
    first, second = random_records(rng, 2, DIM)
    store.write([first, second], meta={"model": "hashing", "dim": str(DIM)})
    assert store.generation == 1
    assert store.content_hashes() == {"d0000.json": "hash-d0000", "d0001.json": "hash-d0001"}

    replacement = record("d0000", ["ny tekst"], unit_vectors(rng, 1, DIM), content_hash="new")
    store.write([replacement], delete_sources=["d0001.json"])

    assert store.generation == 2
    assert store.content_hashes() == {"d0000.json": "new"}
    assert [c["text"] for c in store.chunks_of("d0000")] == ["ny tekst"]
    assert store.chunks_of("d0001") == []
    assert store.lexical_search(match_expression("passage"), 10) == []
    ids, vectors = store.document_vectors()
    assert ids == ["d0000"]
    passage = np.frombuffer(replacement.chunks[0].vector, np.float32)
    assert np.allclose(vectors[0], passage, atol=1e-3)  # stored in float16
    assert store.stats()["chunks"] == 1


def test_an_exception_mid_write_leaves_the_store_unchanged(store):
    rng = np.random.default_rng(2)
    kept, replaced = random_records(rng, 2, DIM)
    store.write([kept, replaced], duplicates=[("d0000", "d0001", 0.98)])
    before = snapshot(store)

    new_version = record("d0001", ["ny"], unit_vectors(rng, 1, DIM))
    broken = record("d0009", ["a", "b"], unit_vectors(rng, 2, DIM))
    broken.chunks[1].vector = None  # type: ignore[assignment]  # fails inside the transaction
    with pytest.raises(TypeError):
        store.write([new_version, broken], delete_sources=["d0000.json"], meta={"model": "x"})

    assert snapshot(store) == before


def test_word_counts_follow_every_write_and_delete(store):
    rng = np.random.default_rng(5)
    store.write([record("a", ["Ældre træner", "ældre i Nørreby"], unit_vectors(rng, 2, DIM))])
    store.write([record("b", ["Træning for ældre"], unit_vectors(rng, 1, DIM))])
    assert store.word_counts() == {
        "ældre": 3,
        "træner": 1,
        "i": 1,
        "nørreby": 1,
        "træning": 1,
        "for": 1,
    }
    store.write([record("a", ["Ældre cykler"], unit_vectors(rng, 1, DIM))])  # replaced
    assert store.word_counts() == {"ældre": 2, "cykler": 1, "træning": 1, "for": 1}
    store.delete_document("b")
    assert store.word_counts() == {"ældre": 1, "cykler": 1}


def test_delete_document(store):
    store.write(random_records(np.random.default_rng(4), 2, DIM))
    assert store.delete_document("d0001") is True
    assert store.delete_document("d0001") is False
    assert store.sources() == ["d0000.json"]
    assert store.document_vectors()[0] == ["d0000"]


def test_the_documents_of_one_file_are_its_own_and_its_records(store):
    rng = np.random.default_rng(5)
    sources = ["sager.jsonl#2", "sager.jsonl2", "sag.json", "sager.jsonl.bak"]
    store.write(
        [
            record(f"d{i}", ["tekst"], unit_vectors(rng, 1, DIM), source=s)
            for i, s in enumerate(sources)
        ]
    )
    assert store.has_documents_of_file("sager.jsonl") and store.has_documents_of_file("sag.json")
    assert not store.has_documents_of_file("sager")
    store.delete_document("d0")
    assert not store.has_documents_of_file("sager.jsonl")  # not "sager.jsonl2" nor ".bak"


def test_embedding_cache_is_per_model_and_answers_large_batches(store):
    items = {f"hash-{i}": np.full(DIM, i, dtype=np.float32).tobytes() for i in range(1200)}
    store.cache_vectors("model-a", items)
    found = store.cached_vectors("model-a", [*items, "unknown"])
    assert found == items
    assert store.cached_vectors("model-b", list(items)) == {}


# --- reading --------------------------------------------------------------------------------


def test_lexical_search_ranks_by_bm25(store):
    rng = np.random.default_rng(5)
    store.write(
        [
            record(
                "a", ["skybrud og regnbede", "skybrud skybrud skybrud"], unit_vectors(rng, 2, 8)
            ),
            record("b", ["læsning i skolen"], unit_vectors(rng, 1, 8)),
        ]
    )
    hits = store.lexical_search(match_expression("skybrud"), 10)
    chunks = store.chunks([c for c, _ in hits])
    assert [chunks[c]["text"] for c, _ in hits] == [
        "skybrud skybrud skybrud",
        "skybrud og regnbede",
    ]
    assert hits[0][1] > hits[1][1] > 0
    assert store.lexical_search(match_expression("skybrud"), 1) == hits[:1]


def test_passage_table_maps_chunks_to_documents_and_filters(store):
    records = random_records(np.random.default_rng(6), 6, DIM, passages=2)
    records[5].chunks = []  # a document without passages is in the columns, not in the chunks
    store.write(records)
    table = store.passage_table()

    assert table.generation == store.generation == 1
    assert table.chunk_ids.dtype == np.int64 and table.doc_rows.dtype == np.int32
    assert np.all(np.diff(table.chunk_ids) > 0) and table.size == 10
    assert table.documents.ids == [r.id for r in records]
    for chunk_id in table.chunk_ids.tolist():
        assert table.document_of(chunk_id) == store.chunks([chunk_id])[chunk_id]["document_id"]
    with pytest.raises(KeyError):
        table.document_of(int(table.chunk_ids.max()) + 1)
    # Several at once, as a search asks: chunks of another generation (before the first, after
    # the last) are left out.
    held = table.chunk_ids.tolist()
    asked = [held[3], 0, held[0], int(table.chunk_ids.max()) + 5, held[3]]
    assert table.positions(asked).tolist() == [3, -1, 0, -1, 3]
    assert table.documents_of(asked) == {c: table.document_of(c) for c in (held[3], held[0])}
    assert table.documents_of([]) == {}

    assert table.chunk_mask(None) is None and table.chunk_mask(Filters()) is None
    mask = table.chunk_mask(Filters(sector=["skole", "sundhed"], year_from=2020))
    expected = {r.id for r in records if r.sector in ("skole", "sundhed") and r.year >= 2020}
    chosen = {table.document_of(c) for c in table.chunk_ids[mask].tolist()}
    assert chosen == expected - {"d0005"}
    assert table.chunk_mask(Filters(year_from=2020, sector=["sundhed", "skole"])) is mask
    assert not mask.flags.writeable


def test_document_vectors_are_the_normalised_mean_of_the_passages(store):
    records = random_records(np.random.default_rng(7), 4, DIM, passages=3)
    store.write(records)
    ids, vectors = store.document_vectors()
    assert ids == [r.id for r in records]
    assert vectors.dtype == np.float32 and vectors.shape == (4, DIM)
    for r, vector in zip(records, vectors, strict=True):
        mean = store.passage_vectors_of(r.id, DIM).mean(axis=0)
        # the document vector is the mean of full-precision passages; the store keeps float16
        assert np.allclose(vector, mean / np.linalg.norm(mean), atol=1e-3)


def test_vectors_of_another_dimension_are_refused(store):
    store.write(random_records(np.random.default_rng(8), 1, DIM))
    with pytest.raises(ModelMismatch, match="4 dimensioner"):
        store.vector_snapshot(4)
    generation, ids, vectors = store.vector_snapshot(DIM)
    assert generation == 1 and vectors.shape == (len(ids), DIM)


def test_duplicates_are_shown_from_both_sides_and_go_with_their_documents(store):
    records = random_records(np.random.default_rng(9), 3, DIM)
    store.write(records, duplicates=[("d0002", "d0000", 0.98), ("d0000", "d0001", 0.99)])
    assert store.duplicates_of("d0000") == [
        ("d0001", "Sag d0001", 0.99),
        ("d0002", "Sag d0002", 0.98),
    ]
    assert store.duplicates_of("d0002") == [("d0000", "Sag d0000", 0.98)]
    store.delete_document("d0001")
    assert store.duplicates_of("d0000") == [("d0002", "Sag d0002", 0.98)]
    assert store.duplicate_pairs() == [("d0000", "d0002")]
