"""Migration 012: the embedding cache in float16, read back as the float32 ingest works with."""

from pathlib import Path

import numpy as np

from innosearch.index.store import Store
from tests.index.old_homes import schema_at

DIM = 8


def _vectors(count: int) -> list[bytes]:
    rng = np.random.default_rng(0)
    rows = rng.normal(size=(count, DIM)).astype(np.float32)
    return [(row / np.linalg.norm(row)).astype(np.float32).tobytes() for row in rows]


def test_cached_vectors_are_kept_in_half_precision_and_read_back_as_float32(tmp_path):
    store = Store(tmp_path / "store.sqlite3")
    vectors = _vectors(3)
    store.cache_vectors("m", {f"h{i}": v for i, v in enumerate(vectors)})
    stored = store._db.execute("SELECT vector FROM embedding_cache").fetchall()
    assert {len(row[0]) for row in stored} == {DIM * 2}
    back = store.cached_vectors("m", ["h0", "h1", "h2", "missing"])
    assert set(back) == {"h0", "h1", "h2"}
    for i, vector in enumerate(vectors):
        got = np.frombuffer(back[f"h{i}"], dtype=np.float32)
        np.testing.assert_allclose(got, np.frombuffer(vector, dtype=np.float32), atol=1e-3)


def test_a_home_from_before_012_has_its_float32_cache_halved_and_shrinks(tmp_path):
    path = tmp_path / "store.sqlite3"
    vectors = _vectors(3000)
    db = schema_at(path, 11)  # what a home written at schema 011 holds: float32 rows
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('dim', ?)", (str(DIM),))
    db.executemany(
        "INSERT INTO embedding_cache(model, text_hash, vector) VALUES ('m', ?, ?)",
        [(f"h{i}", v) for i, v in enumerate(vectors)],
    )
    db.commit()
    db.close()
    before = _size(path)
    store = Store(path)
    assert store._db.execute("PRAGMA user_version").fetchone()[0] >= 12
    back = store.cached_vectors("m", [f"h{i}" for i in range(3000)])
    for i in (0, 1234, 2999):
        np.testing.assert_allclose(
            np.frombuffer(back[f"h{i}"], dtype=np.float32),
            np.frombuffer(vectors[i], dtype=np.float32),
            atol=1e-3,
        )
    store.close()
    assert _size(path) < before


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
