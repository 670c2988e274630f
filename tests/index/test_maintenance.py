"""check, backup and restore on real homes, including damaged ones."""

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing, contextmanager
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import faiss
import numpy as np
import pytest

from innosearch.errors import HomeInUse, HomeMissing, StoreDamaged
from innosearch.index.maintenance import backup, check_home, restore
from innosearch.index.store import Store
from innosearch.index.vectors.factory import open_vector_index
from innosearch.ingest.pipeline import Ingestor
from innosearch.ingest.uploads import ingest_uploads
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher
from tests.index.conftest import random_records

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(settings, embedder, case_folder):
    ingestor = Ingestor(settings, embedder)
    ingestor.ingest([case_folder])
    ingestor.store.close()  # as when `innosearch ingest` ends: restore refuses an open home
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


def _upload(settings, embedder, name: str, body: bytes) -> None:
    upload = SimpleNamespace(filename=name, file=BytesIO(body))
    report = ingest_uploads(settings, embedder, [upload])
    assert report.added or report.updated, report.failed


SEDUM = '{"title": "Grønne tage", "summary": "Sedum på taget tager regnvandet."}'.encode()


def test_the_uploaded_files_go_with_the_backup_and_come_back_with_the_restore(
    home, embedder, tmp_path
):
    _upload(home, embedder, "grønne-tage.json", SEDUM)
    copy = tmp_path / "backup"
    backup(home, copy)
    assert (copy / "uploads" / "grønne-tage.json").read_bytes() == SEDUM
    _upload(home, embedder, "senere.json", SEDUM.replace(b"Sedum", b"Mos"))
    restore(home, copy)
    assert sorted(p.name for p in home.uploads_path.iterdir()) == ["grønne-tage.json"]
    assert (home.uploads_path / "grønne-tage.json").read_bytes() == SEDUM
    assert not [p for p in home.home.iterdir() if p.name.startswith(".restore")]
    assert all(f.ok for f in check_home(home))


def test_a_backup_without_uploads_keeps_the_homes_on_restore(home, embedder, tmp_path):
    """A backup from before uploads were copied: the home's files may be their only copy."""
    copy = tmp_path / "backup"
    backup(home, copy)
    _upload(home, embedder, "grønne-tage.json", SEDUM)
    restore(home, copy)
    assert (home.uploads_path / "grønne-tage.json").read_bytes() == SEDUM


def test_restore_refuses_a_damaged_backup_and_keeps_the_home(home, embedder, tmp_path):
    before = _results(home, embedder)
    copy = tmp_path / "backup"
    copy.mkdir()
    (copy / "store.sqlite3").write_bytes(b"garbage" * 100)
    with pytest.raises(StoreDamaged):
        restore(home, copy)
    assert _results(home, embedder) == before


def _documents(settings) -> set[str]:
    store = Store(settings.store_path, create=False)
    try:
        return {d.source for d in store.all_documents()}
    finally:
        store.close()


@contextmanager
def _held_open(settings):
    """Another process with the home's store open and read, as a server or an ingest has it."""
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from innosearch.index.store import Store\n"
        "store = Store(Path(sys.argv[1]), create=False)\n"
        "store.stats()\n"
        "print('open', flush=True)\n"
        "time.sleep(120)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(settings.store_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_restore_is_refused_while_another_process_has_the_home_open(home, tmp_path):
    copy = tmp_path / "backup"
    backup(home, copy)
    store = Store(home.store_path)
    store.delete_document(_ids(home)[0])
    store.close()
    before = _documents(home)
    with _held_open(home):
        with pytest.raises(HomeInUse, match="Stop den først"):
            restore(home, copy)
        assert _documents(home) == before  # nothing swapped under the running process
    restore(home, copy)  # once it has stopped
    assert len(_documents(home)) == len(before) + 1


def _ids(settings) -> list[str]:
    store = Store(settings.store_path, create=False)
    try:
        return [d.id for d in store.all_documents()]
    finally:
        store.close()


def test_a_sqlite_file_that_innosearch_never_wrote_is_no_backup(home, tmp_path):
    copy = tmp_path / "other-app"
    copy.mkdir()
    with closing(sqlite3.connect(copy / "store.sqlite3")) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
        db.commit()
    before = _documents(home)
    with pytest.raises(StoreDamaged, match="ikke et innosearch-lager"):
        restore(home, copy)
    assert _documents(home) == before  # the home was not emptied by a "restore"


def test_restore_never_writes_into_the_backup_so_a_read_only_one_restores(
    home, embedder, tmp_path, read_only
):
    before = _results(home, embedder)
    copy = tmp_path / "backup"
    backup(home, copy)
    listing = {p.name: p.read_bytes() for p in copy.iterdir()}
    read_only(copy)
    shutil.rmtree(home.home)
    restore(home, copy)
    assert {p.name: p.read_bytes() for p in copy.iterdir()} == listing
    assert _results(home, embedder) == before


def test_a_folder_copied_by_hand_from_a_live_home_restores_with_its_log(
    settings, embedder, case_folder, tmp_path
):
    Ingestor(settings, embedder).ingest([case_folder])
    live = Store(settings.store_path)  # keeps the log from being folded into the file
    live.delete_document(_ids(settings)[0])
    copy = tmp_path / "by-hand"
    copy.mkdir()
    for name in ("store.sqlite3", "store.sqlite3-wal"):
        shutil.copyfile(settings.home / name, copy / name)
    expected = _documents(settings)
    live.close()
    target = settings.model_copy(update={"home": tmp_path / "restored"})
    restore(target, copy)
    assert _documents(target) == expected


def test_restore_drops_every_cache_of_the_old_store(home, tmp_path):
    copy = tmp_path / "backup"
    backup(home, copy)
    (home.home / "milvus.json").write_text('{"generation": 1}')
    (home.home / "passages.npz").write_bytes(b"old")
    restore(home, copy)
    assert not (home.home / "milvus.json").exists()
    assert not (home.home / "passages.npz").exists()


def test_a_failed_backup_leaves_no_copy_that_looks_whole(home, embedder, tmp_path):
    _upload(home, embedder, "grønne-tage.json", SEDUM)  # a folder in the copy to take away too
    home.vectors_path.unlink(missing_ok=True)
    home.vectors_path.mkdir()  # the index cache cannot be copied: the backup fails midway
    copy = tmp_path / "backup"
    with pytest.raises(OSError):
        backup(home, copy)
    assert not copy.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(OSError):
        backup(home, empty)
    assert list(empty.iterdir()) == []


def test_an_unreadable_index_is_reported_in_danish_naming_the_files(home):
    home.vectors_path.write_bytes(b"garbage")
    (finding,) = [f for f in check_home(home) if not f.ok]
    assert str(home.vectors_path) in finding.message and "vectors.json" in finding.message
    assert "bygges igen ved næste søgning" in finding.message
    assert "Error" not in finding.message and "not recognized" not in finding.message


def test_a_backup_taken_between_an_ingest_and_its_index_is_whole_on_its_own(settings, tmp_path):
    store = Store(settings.store_path)
    meta = {"model": "x", "dim": "16"}
    store.write(random_records(np.random.default_rng(1), 20, 16), meta=meta)
    open_vector_index(settings, store, 16, store.passage_table())  # the cache, at this generation
    store.write(random_records(np.random.default_rng(2), 40, 16)[20:], meta=meta)  # committed,
    store.close()  # ... and the ingest has not saved its index yet when the backup runs
    copy = tmp_path / "backup"
    backup(settings, copy)
    copied = settings.model_copy(update={"home": copy})
    assert all(f.ok for f in check_home(copied)), [f.message for f in check_home(copied)]


def test_check_of_a_damaged_store_says_what_to_do_not_to_run_check(home):
    Store(home.store_path).close()
    for suffix in ("-wal", "-shm"):
        home.store_path.with_name(home.store_path.name + suffix).unlink(missing_ok=True)
    home.store_path.write_bytes(b"not a database " * 100)
    (finding,) = check_home(home)
    assert not finding.ok and "innosearch restore" in finding.message
    assert "innosearch check" not in finding.message
