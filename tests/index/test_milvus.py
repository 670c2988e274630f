"""The Milvus backend's own duties, on milvus-lite: an incremental copy of the store's passages."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from innosearch.config import Settings
from innosearch.errors import InvalidSetting
from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.index.vectors.factory import open_vector_index
from innosearch.index.vectors.milvus_backend import filter_expression
from tests.index.conftest import random_records, record, unit_vectors

pymilvus = pytest.importorskip("pymilvus")
pytestmark = pytest.mark.milvus

DIM = 16


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", vector_backend="milvus")


@pytest.fixture
def upserted(monkeypatch) -> list[int]:
    """How many rows each upsert sends to the engine."""
    sent: list[int] = []
    upsert = pymilvus.MilvusClient.upsert

    def counting(self, collection_name, data, *args, **kwargs):
        sent.append(len(data))
        return upsert(self, collection_name, data, *args, **kwargs)

    monkeypatch.setattr(pymilvus.MilvusClient, "upsert", counting)
    return sent


def _open(settings: Settings, store: Store, dim: int = DIM):
    return open_vector_index(settings, store, dim, store.passage_table())


def _collection_ids(settings: Settings) -> list[int]:
    client = pymilvus.MilvusClient(uri=str(settings.home / "milvus.db"))
    rows = client.query(settings.milvus_collection, filter="id >= 0", output_fields=["id"])
    return sorted(int(row["id"]) for row in rows)


def test_the_collection_follows_the_store_sending_only_what_changed(settings, upserted):
    store = Store(settings.store_path)
    store.write(random_records(np.random.default_rng(0), 10, DIM))
    _open(settings, store)
    assert upserted == [30]
    assert _collection_ids(settings) == store.passage_table().chunk_ids.tolist()

    _open(settings, store)
    assert upserted == [30]  # the same generation: nothing sent, nothing read

    # Replace d0000 (3 new passages), add d0010, delete d0001.
    changed = random_records(np.random.default_rng(1), 11, DIM)
    store.write([changed[0], changed[10]])
    store.delete_document("d0001")
    index = _open(settings, store)
    assert upserted == [30, 6]
    table = store.passage_table()
    assert _collection_ids(settings) == table.chunk_ids.tolist() and index.size == 30
    query = changed[10].chunks[0].vector
    score = index.search(np.frombuffer(query, dtype=np.float32), 1)[0][1]
    assert score == pytest.approx(1.0, abs=1e-3)  # stored in float16


def test_a_reused_chunk_id_with_new_content_is_replaced(settings, upserted):
    """SQLite may give a new passage the id of a deleted one; the fingerprint tells them apart."""
    store = Store(settings.store_path)
    vectors = unit_vectors(np.random.default_rng(2), 4, DIM)
    store.write([record("a", ["en"], vectors[:1]), record("b", ["to"], vectors[1:2])])
    _open(settings, store)
    store.delete_document("b")
    store.write([record("c", ["tre"], vectors[2:3])])
    table = store.passage_table()
    assert table.chunk_ids.tolist() == [1, 2]  # id 2 was b's and is c's now
    index = _open(settings, store)
    assert upserted == [2, 1]
    assert index.search(vectors[2], 1) == [(2, pytest.approx(1.0, abs=1e-3))]


def test_filter_values_of_a_document_are_scalar_fields_in_the_engine(settings):
    store = Store(settings.store_path)
    vectors = unit_vectors(np.random.default_rng(3), 3, DIM)
    store.write(
        [
            record("a", ["en"], vectors[:1], year=2021, evidence_level=3, has_pitfalls=True),
            record("b", ["to"], vectors[1:2], sector=None, evidence_level=1, has_pitfalls=False),
            record("c", ["tre"], vectors[2:3], sector="skole", year=None),
        ]
    )
    index = _open(settings, store)

    def found(filters: Filters) -> set[int]:
        return {c for c, _ in index.search(vectors[0], 10, filters)}

    assert found(Filters(year_from=2000)) == {1}  # no year never passes a year filter
    assert found(Filters(min_level=2)) == {1}
    assert found(Filters(has_pitfalls=False)) == {2}
    assert found(Filters(sector=["aeldre", "skole"])) == {1, 3}  # no sector: no match


def test_filters_become_one_engine_expression():
    filters = Filters(sector=["skole", "aeldre"], year_from=2020, min_level=2, has_pitfalls=True)
    assert filter_expression(filters) == (
        'sector in ["aeldre", "skole"] and year >= 2020 and evidence_level >= 2 '
        "and has_pitfalls == 1"
    )
    assert filter_expression(Filters()) == filter_expression(None) == ""


def test_a_dropped_collection_is_rebuilt(settings, upserted):
    store = Store(settings.store_path)
    store.write(random_records(np.random.default_rng(4), 2, DIM))
    _open(settings, store)
    client = pymilvus.MilvusClient(uri=str(settings.home / "milvus.db"))
    client.drop_collection(settings.milvus_collection)
    index = _open(settings, store)
    assert upserted == [6, 6] and index.size == 6
    sidecar = json.loads((settings.home / "milvus.json").read_text())
    assert sidecar["generation"] == store.generation and sidecar["size"] == 6


def test_a_collection_the_engine_holds_released_is_searched_after_loading(settings):
    """The next process (a search after an ingest) found the collection released, as
    milvus-lite reopens it, and every search failed: "call load() before search"."""
    store = Store(settings.store_path)
    store.write(random_records(np.random.default_rng(5), 2, DIM))
    _open(settings, store)
    client = pymilvus.MilvusClient(uri=str(settings.home / "milvus.db"))
    client.release_collection(settings.milvus_collection)
    index = _open(settings, store)  # the collection is current: nothing is synced again
    chunk_id = store.passage_table().chunk_ids[0]
    vector = store.passage_vectors_of(store.passage_table().documents.ids[0], DIM)[0]
    assert index.search(vector, 1)[0][0] == chunk_id


def test_an_unreachable_engine_is_named_in_danish(tmp_path):
    settings = Settings(home=tmp_path, vector_backend="milvus", milvus_uri="ftp://127.0.0.1:1")
    store = Store(settings.store_path)
    with pytest.raises(InvalidSetting, match="Kan ikke forbinde til Milvus på 'ftp://127.0.0.1:1'"):
        _open(settings, store)


def test_without_the_extra_the_message_says_what_to_install(settings, monkeypatch):
    monkeypatch.setitem(sys.modules, "pymilvus", None)  # as if it was never installed
    store = Store(settings.store_path)
    with pytest.raises(InvalidSetting, match=r"pip install 'innosearch\[milvus\]'"):
        _open(settings, store)
