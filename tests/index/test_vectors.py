"""One contract for every vector backend, run against each entry of BACKENDS on real stores."""

import json
import threading
from pathlib import Path

import faiss
import numpy as np
import pytest

from innosearch.config import Settings
from innosearch.errors import InvalidSetting, ModelMismatch, StaleTable
from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.index.tables import TABLE_FILE, PassageTable
from innosearch.index.vectors import faiss_backend
from innosearch.index.vectors.base import VectorIndex
from innosearch.index.vectors.factory import BACKENDS, open_vector_index
from tests.index.conftest import backend_marks, random_records, unit_vectors

DIM = 16


@pytest.fixture(params=[pytest.param(b, marks=backend_marks(b)) for b in sorted(BACKENDS)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def open_home(
    home: Path, backend: str, dim: int = DIM, **settings: int
) -> tuple[Store, PassageTable, VectorIndex]:
    store = Store(home / "store.sqlite3")
    table = store.passage_table()
    return store, table, open_vector_index(_settings(home, backend, **settings), store, dim, table)


def _settings(home: Path, backend: str, **settings: int) -> Settings:
    return Settings(home=home, vector_backend=backend, **settings)


def filled(home: Path, documents: int = 60, seed: int = 0) -> Store:
    store = Store(home / "store.sqlite3")
    store.write(random_records(np.random.default_rng(seed), documents, DIM))
    return store


def exact(store: Store, query: np.ndarray, k: int, allowed: set[int] | None = None) -> list[int]:
    """Brute force over the stored vectors: the answer every backend must give."""
    _, chunk_ids, vectors = store.vector_snapshot(DIM)
    scores = vectors @ query
    ranked = sorted(zip(scores.tolist(), chunk_ids.tolist(), strict=True), key=lambda t: -t[0])
    return [c for _, c in ranked if allowed is None or c in allowed][:k]


# --- the contract ---------------------------------------------------------------------------


def test_top_k_is_the_exact_top_k(home, backend):
    store = filled(home)
    _, table, index = open_home(home, backend)
    assert index.size == table.size == 180
    for query in unit_vectors(np.random.default_rng(1), 10, DIM):
        hits = index.search(query, 10)
        assert [c for c, _ in hits] == exact(store, query, 10)
        vectors = store.chunk_vectors([c for c, _ in hits], DIM)
        assert [s for _, s in hits] == pytest.approx((vectors @ query).tolist(), abs=1e-5)
        assert all(a[1] >= b[1] for a, b in zip(hits, hits[1:], strict=False))


@pytest.mark.parametrize(
    "filters",
    [
        Filters(sector=["skole"]),
        Filters(sector=["aeldre", "sundhed"], year_from=2020),
        Filters(year_to=2019),
    ],
)
def test_filters_give_exactly_the_chunks_of_matching_documents(home, backend, filters):
    store = filled(home)
    _, table, index = open_home(home, backend)
    documents = {d for d, values in store.document_facets().items() if filters.matches(values)}
    allowed = {c for c in table.chunk_ids.tolist() if table.document_of(c) in documents}
    query = unit_vectors(np.random.default_rng(2), 1, DIM)[0]
    everything = index.search(query, 1000, filters)
    assert {c for c, _ in everything} == allowed
    assert [c for c, _ in index.search(query, 7, filters)] == exact(store, query, 7, allowed)


def test_a_filter_matching_nothing_finds_nothing(home, backend):
    filled(home)
    _, _, index = open_home(home, backend)
    query = unit_vectors(np.random.default_rng(3), 1, DIM)[0]
    assert index.search(query, 10, Filters(sector=["politi_beredskab"])) == []
    assert index.search(query, 10, Filters()) == index.search(query, 10)


def test_k_larger_than_the_index_gives_every_passage_once(home, backend):
    filled(home, documents=4)
    _, table, index = open_home(home, backend)
    hits = index.search(unit_vectors(np.random.default_rng(4), 1, DIM)[0], 500)
    assert sorted(c for c, _ in hits) == table.chunk_ids.tolist()
    assert index.search(np.ones(DIM, dtype=np.float32), 0) == []


@pytest.mark.parametrize("dim", [0, DIM])
def test_an_empty_home_finds_nothing(home, backend, dim):
    _, table, index = open_home(home, backend, dim)
    assert table.size == index.size == 0
    assert index.search(np.ones(DIM, dtype=np.float32), 10) == []
    assert index.search(np.ones(DIM, dtype=np.float32), 10, Filters(sector=["skole"])) == []


def test_a_query_of_another_dimension_is_an_error(home, backend):
    filled(home, documents=2)
    _, _, index = open_home(home, backend)
    with pytest.raises(ValueError):
        index.search(np.ones(DIM + 1, dtype=np.float32), 3)


def test_vectors_of_another_dimension_are_refused(home, backend):
    filled(home, documents=2)
    with pytest.raises(ModelMismatch):
        open_home(home, backend, dim=DIM // 2)


def test_a_table_older_than_the_store_is_refused(home, backend):
    store = filled(home, documents=3)
    table = store.passage_table()
    store.write(random_records(np.random.default_rng(5), 1, DIM))  # replaces d0000
    with pytest.raises(StaleTable):
        open_vector_index(_settings(home, backend), store, DIM, table)


def test_faiss_and_numpy_agree(home):
    store = filled(home, documents=80)
    table = store.passage_table()
    indexes = [open_vector_index(_settings(home, b), store, DIM, table) for b in ("faiss", "numpy")]
    for i, query in enumerate(unit_vectors(np.random.default_rng(6), 20, DIM)):
        filters = Filters(sector=["skole"]) if i % 2 else None
        first, second = (index.search(query, 15, filters) for index in indexes)
        assert [c for c, _ in first] == [c for c, _ in second]
        assert [s for _, s in first] == pytest.approx([s for _, s in second], abs=1e-5)


# --- the factory and the setting ------------------------------------------------------------


def test_an_unknown_backend_is_refused_in_danish(home):
    store = Store(home / "store.sqlite3")
    with pytest.raises(InvalidSetting, match="Ukendt vektorindeks 'annoy'.*faiss, numpy"):
        open_vector_index(_settings(home, "annoy"), store, DIM, store.passage_table())


def test_the_backend_is_chosen_by_the_environment(monkeypatch):
    assert Settings().vector_backend == "faiss"
    monkeypatch.setenv("INNOSEARCH_VECTOR_BACKEND", "numpy")
    assert Settings().vector_backend == "numpy"


def test_numpy_keeps_nothing_on_disk(home):
    filled(home, documents=2)
    open_home(home, "numpy")
    store_files = {TABLE_FILE}  # the store's own passage table (index/tables.py)
    kept = [p.name for p in home.iterdir() if not p.name.startswith("store.sqlite3")]
    assert sorted(set(kept) - store_files) == []


# --- the FAISS cache ------------------------------------------------------------------------


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """Counts FAISS builds: a cache that is used is not built again."""
    done: list[int] = []
    build = faiss_backend._build

    def counting(vectors: np.ndarray, *args):
        done.append(len(vectors))
        return build(vectors, *args)

    monkeypatch.setattr(faiss_backend, "_build", counting)
    return done


def _sidecar(home: Path) -> dict:
    return json.loads((home / "vectors.json").read_text())


def test_the_cache_is_saved_and_reused(home, builds):
    store = filled(home, documents=5)
    open_home(home, "faiss")
    assert _sidecar(home) == {
        "format": faiss_backend.FORMAT,
        "generation": store.generation,
        "dim": DIM,
        "size": 15,
        "kind": "flat",
        "trained": 0,
    }
    _, _, index = open_home(home, "faiss")
    assert builds == [15] and index.kind == "flat" and index.size == 15
    assert sorted(p.name for p in home.iterdir() if "vectors" in p.name) == [
        "vectors.faiss",
        "vectors.json",
        "vectors.lock",
    ]  # no temporary file left behind


def test_added_documents_grow_the_saved_index_without_a_rebuild(home, builds):
    store = filled(home, documents=5)
    open_home(home, "faiss")
    store.write(random_records(np.random.default_rng(7), 7, DIM)[5:])
    _, table, index = open_home(home, "faiss")
    assert builds == [15] and index.size == 21
    assert _sidecar(home)["generation"] == store.generation == table.generation
    assert _sidecar(home)["size"] == 21
    query = unit_vectors(np.random.default_rng(8), 1, DIM)[0]
    assert [c for c, _ in index.search(query, 5)] == exact(store, query, 5)
    _, _, again = open_home(home, "faiss")  # the grown index was saved
    assert builds == [15] and [c for c, _ in again.search(query, 5)] == exact(store, query, 5)


@pytest.mark.parametrize("change", ["replace", "delete"])
def test_a_cache_stale_by_removed_passages_is_rebuilt(home, builds, change):
    store = filled(home, documents=5)
    open_home(home, "faiss")
    if change == "replace":  # new passages for d0001: ids change, positions shift
        store.write(random_records(np.random.default_rng(7), 2, DIM, passages=4)[1:])
    else:
        store.delete_document("d0001")
    store.write(random_records(np.random.default_rng(9), 7, DIM)[5:])  # then an addition
    _, table, index = open_home(home, "faiss")
    assert builds == [15, table.size] and index.size == table.size
    query = unit_vectors(np.random.default_rng(8), 1, DIM)[0]
    assert [c for c, _ in index.search(query, 5)] == exact(store, query, 5)


@pytest.mark.parametrize("damaged", ["vectors.faiss", "vectors.json"])
def test_a_damaged_cache_is_rebuilt(home, builds, damaged):
    store = filled(home, documents=5)
    open_home(home, "faiss")
    (home / damaged).write_bytes(b"\x00garbage")
    _, _, index = open_home(home, "faiss")
    assert builds == [15, 15]
    query = unit_vectors(np.random.default_rng(9), 1, DIM)[0]
    assert [c for c, _ in index.search(query, 5)] == exact(store, query, 5)
    open_home(home, "faiss")
    assert builds == [15, 15]  # the rebuilt cache is good again


def test_a_cache_for_another_dimension_is_rebuilt(home, builds):
    filled(home, documents=5)
    open_home(home, "faiss")
    info = _sidecar(home)
    (home / "vectors.json").write_text(json.dumps({**info, "dim": DIM * 2}))
    open_home(home, "faiss")
    assert builds == [15, 15]


def test_a_cache_written_by_the_landed_version_is_rebuilt(home, builds):
    """That version kept chunk ids in an IndexIDMap2 and no format in the sidecar."""
    store = filled(home, documents=5)
    _, chunk_ids, vectors = store.vector_snapshot(DIM)
    old = faiss.IndexIDMap2(faiss.IndexFlatIP(DIM))
    old.add_with_ids(vectors, chunk_ids)
    faiss.write_index(old, str(home / "vectors.faiss"))
    info = {"generation": store.generation, "dim": DIM, "kind": "flat"}
    (home / "vectors.json").write_text(json.dumps(info))
    _, _, index = open_home(home, "faiss")
    assert builds == [15]
    query = unit_vectors(np.random.default_rng(10), 1, DIM)[0]
    assert [c for c, _ in index.search(query, 5)] == exact(store, query, 5)


def test_processes_saving_at_once_leave_one_good_cache(home):
    store = filled(home, documents=20)
    table = store.passage_table()
    settings = _settings(home, "faiss")
    vectors = store.vector_snapshot(DIM)[2]
    errors: list[BaseException] = []

    def save() -> None:
        try:
            for _ in range(5):
                index, kind, _ = faiss_backend._build(vectors, DIM, 200_000)
                faiss_backend._save(index, settings.vectors_path, {"generation": -1, "kind": kind})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert faiss.read_index(str(settings.vectors_path)).ntotal == table.size
    assert sorted(p.name for p in home.iterdir() if "vectors" in p.name) == [
        "vectors.faiss",
        "vectors.json",
        "vectors.lock",
    ]


def test_ivf_above_the_threshold_keeps_recall_and_filters(home):
    store = filled(home, documents=400, seed=11)  # 1,200 passages
    _, table, index = open_home(home, "faiss", approximate_above=100)
    assert index.kind == "ivf"
    found = 0
    queries = unit_vectors(np.random.default_rng(12), 30, DIM)
    for query in queries:
        found += len({c for c, _ in index.search(query, 10)} & set(exact(store, query, 10)))
    assert found / (10 * len(queries)) >= 0.9
    skole = Filters(sector=["skole"])
    allowed = set(table.chunk_ids[table.chunk_mask(skole)].tolist())
    hits = index.search(queries[0], 10, skole)
    assert len(hits) == 10 and {c for c, _ in hits} <= allowed
    narrow = Filters(sector=["skole"], year_from=2023)  # one passage in eighteen
    allowed = set(table.chunk_ids[table.chunk_mask(narrow)].tolist())
    hits = index.search(queries[0], 10, narrow)
    assert [c for c, _ in hits] == exact(store, queries[0], 10, allowed)


def test_a_rough_ivf_search_gives_exact_scores_of_allowed_passages_and_the_same_best(home):
    store = filled(home, documents=600, seed=13)  # 1,800 passages: more than a rough search scores
    _, table, index = open_home(home, "faiss", approximate_above=100)
    _, chunk_ids, vectors = store.vector_snapshot(DIM)
    vector_of = dict(zip(chunk_ids.tolist(), vectors, strict=True))
    queries = unit_vectors(np.random.default_rng(14), 30, DIM)
    four_sectors = Filters(sector=["skole", "aeldre", "sundhed", "klima_miljoe"])
    allowed = set(table.chunk_ids[table.chunk_mask(four_sectors)].tolist())
    same_best = 0
    for query in queries:
        rough = index.search(query, 20, rough=True)
        assert len(rough) == 20
        # Rough means fewer candidates scored, never approximate scores: a feedback search
        # moves the query by these passages' documents.
        for chunk_id, score in rough:
            assert score == pytest.approx(float(vector_of[chunk_id] @ query), abs=1e-5)
        assert [s for _, s in rough] == sorted((s for _, s in rough), reverse=True)
        same_best += rough[0][0] == exact(store, query, 1)[0]
        assert {c for c, _ in index.search(query, 20, four_sectors, rough=True)} <= allowed
    assert same_best >= 0.8 * len(queries)


def test_ivf_grows_without_retraining_and_retrains_when_rebuilt_far_bigger(home, builds):
    store = filled(home, documents=200, seed=3)  # 600 passages
    open_home(home, "faiss", approximate_above=100)
    assert _sidecar(home)["kind"] == "ivf" and _sidecar(home)["trained"] == 600
    store.write(random_records(np.random.default_rng(4), 260, DIM)[200:])
    _, table, index = open_home(home, "faiss", approximate_above=100)
    assert builds == [600] and index.size == table.size == 780
    assert _sidecar(home)["trained"] == 600  # added to the trained lists
    query = unit_vectors(np.random.default_rng(5), 1, DIM)[0]
    assert [c for c, _ in index.search(query, 1)] == exact(store, query, 1)
    store.delete_document("d0001")  # positions shift: rebuilt, on the trained centroids
    _, table, _ = open_home(home, "faiss", approximate_above=100)
    assert builds == [600, 777] and _sidecar(home)["trained"] == 600
    store.write(random_records(np.random.default_rng(6), 1000, DIM)[260:])
    store.delete_document("d0002")  # rebuilt over 2,994 passages: more than 4 x 600
    open_home(home, "faiss", approximate_above=100)
    assert _sidecar(home)["trained"] == 2994


def _old_rows_file(home: Path) -> Path:
    """The float16 copy of the vectors an earlier version kept beside an approximate index."""
    return home / "vectors.f16"


def test_ivf_scores_are_the_stored_vectors_exact_inner_products(home):
    store = filled(home, documents=400, seed=11)
    _, table, index = open_home(home, "faiss", approximate_above=100)
    assert index.kind == "ivf" and not _old_rows_file(home).exists()
    for query in unit_vectors(np.random.default_rng(13), 5, DIM):
        hits = index.search(query, 20)
        vectors = store.chunk_vectors([c for c, _ in hits], DIM)
        assert [s for _, s in hits] == pytest.approx((vectors @ query).tolist(), abs=1e-5)
        assert all(a[1] >= b[1] for a, b in zip(hits, hits[1:], strict=False))


def test_ivf_grown_by_added_passages_scores_them_from_the_store(home, builds):
    store = filled(home, documents=400, seed=11)
    open_home(home, "faiss", approximate_above=100)
    store.write(random_records(np.random.default_rng(4), 410, DIM)[400:])
    _, table, grown = open_home(home, "faiss", approximate_above=100)
    assert builds == [1200] and grown.size == table.size == 1230
    newest = store.chunk_vectors(table.chunk_ids[-30:].tolist(), DIM)
    for chunk_id, vector in zip(table.chunk_ids[-30:].tolist(), newest, strict=True):
        assert grown.search(vector, 1)[0] == (chunk_id, pytest.approx(1.0, abs=1e-3))


def test_ivf_search_after_a_removal_it_did_not_see_is_stale(home):
    """Candidates whose passages another write removed are refused, never scored as zero."""
    store = filled(home, documents=400, seed=11)
    _, table, index = open_home(home, "faiss", approximate_above=100)
    first = int(table.chunk_ids[0])
    query = store.chunk_vectors([first], DIM)[0]
    store.write([], delete_sources=[f"{table.document_of(first)}.json"])
    with pytest.raises(StaleTable):
        index.search(query, 10)


def test_the_copy_of_the_vectors_an_earlier_version_kept_is_deleted(home, builds):
    filled(home, documents=400, seed=11)
    open_home(home, "faiss", approximate_above=100)
    _old_rows_file(home).write_bytes(b"\0" * 2 * DIM * 1200)
    _, _, index = open_home(home, "faiss", approximate_above=100)
    assert builds == [1200] and index.kind == "ivf"  # the index itself is reused
    assert not _old_rows_file(home).exists()


def test_a_copy_takes_the_index_and_its_sidecar(home, tmp_path):
    filled(home, documents=400, seed=11)
    open_home(home, "faiss", approximate_above=100)
    copy = tmp_path / "copy"
    copy.mkdir()
    faiss_backend.copy_saved(_settings(home, "faiss"), copy)
    assert sorted(p.name for p in copy.iterdir()) == ["vectors.faiss", "vectors.json"]
