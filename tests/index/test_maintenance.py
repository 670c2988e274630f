"""check, backup and restore on real homes, including damaged ones."""

import shutil

import faiss
import numpy as np
import pytest

from innosearch.errors import HomeMissing, StoreDamaged
from innosearch.index.maintenance import backup, check_home, restore
from innosearch.index.store import Store
from innosearch.index.vectors.factory import open_vector_index
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher
from tests.index.conftest import random_records


@pytest.fixture
def home(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])
    return settings


def _results(settings, embedder):
    found = Searcher(settings, embedder).search(SearchRequest("ældre hjemme skybrud", limit=10))
    return [(h.document.id, round(h.score, 6)) for h in found.hits]


def test_a_sound_home_passes(home):
    assert all(f.ok for f in check_home(home))


def test_an_empty_store_file_is_refused_and_left_untouched(settings, embedder):
    settings.home.mkdir(parents=True)
    settings.store_path.write_bytes(b"")
    with pytest.raises(StoreDamaged, match="tom fil"):
        Searcher(settings, embedder)
    assert settings.store_path.read_bytes() == b""
    assert not settings.vectors_path.exists()
    assert not check_home(settings)[0].ok


@pytest.mark.parametrize("damage", ["overwritten", "truncated"])
def test_a_damaged_store_is_refused_with_a_clear_message(home, embedder, damage):
    data = home.store_path.read_bytes()
    Store(home.store_path).close()  # checkpoint nothing more; the file is what we damage
    damaged = b"not a database " * 100 if damage == "overwritten" else data[: len(data) // 3]
    for suffix in ("-wal", "-shm"):
        home.store_path.with_name(home.store_path.name + suffix).unlink(missing_ok=True)
    home.store_path.write_bytes(damaged)
    with pytest.raises(StoreDamaged, match="beskadiget"):
        Searcher(home, embedder).search(SearchRequest("ældre"))
    assert home.store_path.read_bytes() == damaged
    assert not all(f.ok for f in check_home(home))


def test_a_missing_home_is_reported_not_created(settings):
    with pytest.raises(HomeMissing, match="innosearch ingest"):
        Store(settings.store_path, create=False)
    assert not settings.home.exists()


def test_an_index_of_another_dimension_is_reported_and_rebuilt(home, embedder):
    before = _results(home, embedder)
    faiss.write_index(faiss.IndexFlatIP(embedder.dim // 2), str(home.vectors_path))
    findings = check_home(home)
    assert any(not f.ok and "dimensioner" in f.message for f in findings)
    assert _results(home, embedder) == before  # rebuilt, never served
    assert all(f.ok for f in check_home(home))


def test_an_index_grown_far_past_its_training_says_how_to_retrain(settings):
    settings = settings.model_copy(update={"approximate_above": 100})
    store = Store(settings.store_path)
    meta = {"model": "x", "dim": "16"}
    store.write(random_records(np.random.default_rng(1), 100, 16), meta=meta)  # 300 passages
    open_vector_index(settings, store, 16, store.passage_table())
    assert "lært" not in check_home(settings)[-1].message
    store.write(random_records(np.random.default_rng(2), 500, 16)[100:], meta=meta)  # 1,500
    open_vector_index(settings, store, 16, store.passage_table())  # grown, not retrained
    finding = check_home(settings)[-1]
    assert finding.ok and "lært på 300 afsnit; slet vectors.faiss" in finding.message
    settings.vectors_path.unlink()
    open_vector_index(settings, store, 16, store.passage_table())
    assert "lært" not in check_home(settings)[-1].message


def test_backup_and_restore_give_identical_results(home, embedder, tmp_path):
    before = _results(home, embedder)
    copy = tmp_path / "backup"
    backup(home, copy)
    shutil.rmtree(home.home)
    restore(home, copy)
    assert all(f.ok for f in check_home(home))
    assert _results(home, embedder) == before


def test_restore_refuses_a_damaged_backup_and_keeps_the_home(home, embedder, tmp_path):
    before = _results(home, embedder)
    copy = tmp_path / "backup"
    copy.mkdir()
    (copy / "store.sqlite3").write_bytes(b"garbage" * 100)
    with pytest.raises(StoreDamaged):
        restore(home, copy)
    assert _results(home, embedder) == before
