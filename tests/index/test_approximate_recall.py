"""The approximate index against exact search, on vectors of the real model."""

from pathlib import Path

import numpy as np
import pytest

from innosearch.config import Settings
from innosearch.errors import ModelUnavailable
from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.index.vectors.factory import open_vector_index
from innosearch.text.sentences import split_sentences
from tests.index.conftest import SECTORS, record

pytestmark = pytest.mark.model

REAL_DOCS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real-docs"
PASSAGES = 20_000  # 283 lists, half of them scanned, 1,000 candidates scored exactly
RECALL_TARGET = 0.95


@pytest.fixture(scope="module")
def real_vectors() -> tuple[np.ndarray, np.ndarray]:
    """(passage vectors, query vectors) of real sentences from ../shared/real-docs."""
    from innosearch.embed.factory import load_embedder

    if not REAL_DOCS.is_dir():
        pytest.skip(f"{REAL_DOCS} is missing")
    try:
        embedder = load_embedder(Settings())
    except ModelUnavailable as exc:
        pytest.skip(f"the default model could not be built: {exc.message}")
    sentences = []
    for path in sorted(REAL_DOCS.glob("*.md"))[:40]:
        found = [s for s in split_sentences(path.read_text(encoding="utf-8")) if len(s) > 60]
        sentences.extend(found[:5])
    passages = np.asarray(embedder.embed_passages(sentences[::2]), dtype=np.float32)
    queries = np.asarray(embedder.embed_queries(sentences[1::2][:40]), dtype=np.float32)
    return passages, queries


def _home(tmp_path: Path, real: np.ndarray) -> Store:
    """PASSAGES vectors, each a mixture of 2-3 real ones plus noise (as bench/bench_scale.py)."""
    rng = np.random.default_rng(0)
    mixed = rng.integers(0, len(real), (PASSAGES, 3))
    weights = rng.dirichlet(np.ones(3), PASSAGES).astype(np.float32)
    vectors = np.einsum("pk,pkd->pd", weights, real[mixed])
    vectors += rng.normal(0.0, 0.02, vectors.shape).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store = Store(tmp_path / "store.sqlite3")
    store.write(
        [
            record(
                f"d{i:05d}",
                [f"afsnit {j}" for j in range(5)],
                vectors[i : i + 5],
                sector=SECTORS[i // 5 % len(SECTORS)],
            )
            for i in range(0, PASSAGES, 5)
        ]
    )
    return store


def _recall(found: list[list[int]], truth: list[list[int]]) -> float:
    hits = sum(len(set(f) & set(t)) for f, t in zip(found, truth, strict=True))
    return hits / sum(len(t) for t in truth)


@pytest.mark.parametrize("filters", [None, Filters(sector=["skole"])], ids=["plain", "sector"])
def test_the_approximate_index_finds_the_exact_top_10(tmp_path, real_vectors, filters):
    passages, queries = real_vectors
    store = _home(tmp_path, passages)
    table = store.passage_table()
    dim = passages.shape[1]
    settings = Settings(home=tmp_path, approximate_above=PASSAGES // 2)
    approximate = open_vector_index(settings, store, dim, table)
    exact = open_vector_index(
        settings.model_copy(update={"vector_backend": "numpy"}), store, dim, table
    )
    assert approximate.kind == "ivf"
    found = [[c for c, _ in approximate.search(q, 10, filters)] for q in queries]
    truth = [[c for c, _ in exact.search(q, 10, filters)] for q in queries]
    assert _recall(found, truth) >= RECALL_TARGET
    allowed = set(table.chunk_ids[table.chunk_mask(filters)].tolist()) if filters else None
    assert allowed is None or all(set(f) <= allowed for f in found)
