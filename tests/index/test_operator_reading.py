"""check, backup and restore as an operator meets them: a damaged page, a backup from a newer
innosearch. Real homes in temporary folders, damaged the way disks and people damage them."""

import errno
import os
import shutil
import sqlite3
from contextlib import closing

import pytest
from typer.testing import CliRunner

from innosearch import cli
from innosearch.cli import common
from innosearch.errors import InvalidSetting, StoreDamaged
from innosearch.index.maintenance import backup, check_home, restore
from innosearch.index.store import Store
from innosearch.ingest.pipeline import Ingestor


@pytest.fixture
def home(settings, embedder, case_folder):
    ingestor = Ingestor(settings, embedder)
    ingestor.ingest([case_folder])
    ingestor.store.close()  # as when `innosearch ingest` ends
    return settings


def _damage_table(settings, table: str) -> None:
    """Overwrite the first page of `table`, as a bad disk sector would; the rest stays sound."""
    with closing(sqlite3.connect(settings.store_path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = db.execute("PRAGMA page_size").fetchone()[0]
        sql = "SELECT rootpage FROM sqlite_master WHERE name = ?"
        page = db.execute(sql, (table,)).fetchone()[0]
    for suffix in ("-wal", "-shm"):
        settings.store_path.with_name(settings.store_path.name + suffix).unlink(missing_ok=True)
    with settings.store_path.open("r+b") as file:
        file.seek((page - 1) * size)
        file.write(b"\xde\xad" * (size // 2))


def _from_a_newer_innosearch(path) -> None:
    """Mark the store as written by an innosearch with one migration more than this one."""
    with closing(sqlite3.connect(path)) as db:
        newer = db.execute("PRAGMA user_version").fetchone()[0] + 1
        db.execute(f"PRAGMA user_version = {newer}")
        db.commit()


def test_check_reports_a_damaged_page_naming_the_file_instead_of_failing(home):
    _damage_table(home, "chunks")
    findings = check_home(home)
    assert not all(f.ok for f in findings)
    (finding,) = [f for f in findings if not f.ok]
    assert str(home.store_path) in finding.message
    assert "innosearch restore" in finding.message


def test_a_backup_of_a_damaged_store_is_refused_not_reported_saved(home, tmp_path):
    _damage_table(home, "chunks")
    copy = tmp_path / "kopi"
    with pytest.raises(StoreDamaged, match="ikke taget nogen sikkerhedskopi") as caught:
        backup(home, copy)
    assert str(home.store_path) in caught.value.message
    assert not copy.exists()


def test_a_backup_from_a_newer_innosearch_is_refused_and_the_home_kept(home, tmp_path):
    copy = tmp_path / "kopi"
    backup(home, copy)
    _from_a_newer_innosearch(copy / "store.sqlite3")
    before = home.store_path.read_bytes()
    with pytest.raises(StoreDamaged, match="nyere udgave af innosearch") as caught:
        restore(home, copy)
    assert "Hjemmet er ikke ændret" in caught.value.message
    assert home.store_path.read_bytes() == before


def test_check_reports_a_store_written_by_a_newer_innosearch(home):
    Store(home.store_path).close()
    _from_a_newer_innosearch(home.store_path)
    (finding,) = [f for f in check_home(home) if not f.ok]
    assert "nyere udgave af innosearch" in finding.message
    assert str(home.store_path) in finding.message


def test_a_backup_into_a_read_only_folder_names_the_folder_not_a_damaged_home(
    home, tmp_path, read_only
):
    copy = tmp_path / "usb"
    copy.mkdir()
    read_only(copy)
    with pytest.raises(InvalidSetting, match="skrivebeskyttet") as caught:
        backup(home, copy)
    assert str(copy) in caught.value.message and "beskadiget" not in caught.value.message
    assert list(copy.iterdir()) == []


def _full_disk(path) -> None:
    """What SQLite raises when the copy's disk fills up."""
    exc = sqlite3.OperationalError("database or disk is full")
    exc.sqlite_errorcode = sqlite3.SQLITE_FULL
    raise exc


def test_a_backup_onto_a_full_disk_says_so_naming_the_folder(home, tmp_path, monkeypatch):
    monkeypatch.setattr(Store, "backup_to", lambda self, path: _full_disk(path))
    copy = tmp_path / "kopi"
    with pytest.raises(InvalidSetting, match="disken er fuld") as caught:
        backup(home, copy)
    assert str(copy) in caught.value.message and "beskadiget" not in caught.value.message
    assert not copy.exists()


def test_a_restore_onto_a_full_disk_names_the_home_not_the_backup(home, tmp_path, monkeypatch):
    copy = tmp_path / "kopi"
    backup(home, copy)
    before = home.store_path.read_bytes()

    def no_room(source, target, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(source))

    monkeypatch.setattr(shutil, "copyfile", no_room)
    with pytest.raises(InvalidSetting, match="disken er fuld") as caught:
        restore(home, copy)
    assert str(home.home) in caught.value.message and "ikke ændret" in caught.value.message
    assert home.store_path.read_bytes() == before
    assert not list(home.home.glob(".restore-*"))


def test_check_prints_each_finding_whole_on_one_line(home, monkeypatch):
    """Piped to a log, a finding naming a long path is not cut in two at 80 columns."""
    monkeypatch.setattr(common.out, "_width", 80)
    Store(home.store_path).close()
    _from_a_newer_innosearch(home.store_path)
    result = CliRunner().invoke(cli.app, ["check", "--home", str(home.home)])
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if line.startswith("FEJL")]
    assert str(home.store_path) in line and line.endswith("Opdatér innosearch, før det bruges.")


def test_check_warns_of_an_index_that_is_rebuilt_by_itself_and_exits_0(home):
    """A cache that the next search rebuilds is nothing for a monitor to wake anyone for."""
    home.vectors_path.write_bytes(b"garbage")
    result = CliRunner().invoke(cli.app, ["check", "--home", str(home.home)])
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    [warned] = [line for line in lines if line.startswith("ADVARSEL")]
    assert "bygges igen ved næste søgning" in warned and not any("FEJL" in x for x in lines)
    assert result.stdout.rstrip().endswith("er i orden.")


def test_check_names_a_table_the_schema_promises_and_the_store_lacks(home):
    """A store migrated by a development copy under other numbers said "skema 15" and passed
    the check, while every followed challenge failed on its missing table."""
    with closing(sqlite3.connect(home.store_path)) as db:
        db.execute("DROP TABLE saved_seen")
        db.commit()
    findings = check_home(home)
    [missing] = [f for f in findings if not f.ok]
    assert "mangler saved_seen" in missing.message and "Gendan det" in missing.message


def test_check_warns_of_documents_without_their_outline_until_the_next_ingest(home, embedder):
    with sqlite3.connect(home.store_path) as db:
        db.execute("UPDATE document_vectors SET outline = NULL")
        stored = db.execute("SELECT COUNT(*) FROM document_vectors").fetchone()[0]
    (finding,) = [f for f in check_home(home) if not f.ok]
    assert finding.heals  # a warning: every search still answers, by the first stage
    assert finding.message.startswith(f"{stored} dokumenter mangler deres overblik")
    assert "innosearch ingest" in finding.message
    Ingestor(home, embedder).ingest([])
    assert all(f.ok for f in check_home(home))
