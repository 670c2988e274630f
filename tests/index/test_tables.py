"""The passage table kept beside the store: read back, extended after adds, never stale."""

from pathlib import Path

import numpy as np
import pytest

from innosearch.index.store import Store
from innosearch.index.tables import TABLE_FILE, PassageTable, load_table
from tests.index.conftest import random_records

DIM = 8


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "home" / "store.sqlite3")
    store.write(random_records(np.random.default_rng(0), 12, DIM))
    return store


def read_whole(store: Store) -> PassageTable:
    """The table as SQLite alone gives it: the saved file is removed first."""
    store.table_path.unlink(missing_ok=True)
    table = store.passage_table()
    return table


def assert_same(table: PassageTable, expected: PassageTable) -> None:
    assert table.generation == expected.generation
    assert table.last_document_rowid == expected.last_document_rowid
    np.testing.assert_array_equal(table.chunk_ids, expected.chunk_ids)
    np.testing.assert_array_equal(table.doc_rows, expected.doc_rows)
    assert table.documents.ids == expected.documents.ids
    for name, values in expected.documents.values.items():
        np.testing.assert_array_equal(table.documents.values[name], values)
        assert table.documents.values[name].dtype == values.dtype


def test_the_table_is_saved_and_read_back_equal(store):
    first = store.passage_table()
    assert store.table_path == store.path.with_name(TABLE_FILE) and store.table_path.exists()
    saved = load_table(store.table_path)
    assert saved is not None
    assert_same(saved, first)
    assert_same(store.passage_table(), first)
    # Unknown values (no sector) survive the file as None, not as "".
    assert None in set(first.documents.values["stage"].tolist())


def test_documents_added_later_extend_the_saved_table(store):
    store.passage_table()
    more = random_records(np.random.default_rng(1), 5, DIM)
    for number, record in enumerate(more):
        record.id, record.source = f"new{number}", f"new{number}.json"
    store.write(more)
    extended = store.passage_table()
    assert extended.size == 17 * 3
    assert_same(extended, read_whole(store))


@pytest.mark.parametrize("change", ["replace", "delete"])
def test_a_removal_since_the_saved_table_reads_it_whole(store, change):
    store.passage_table()
    records = random_records(np.random.default_rng(2), 3, DIM)
    if change == "replace":
        store.write(records[:1])  # d0000 again, with other passages
    else:
        store.write([], [records[1].source])
    after = store.passage_table()
    assert_same(after, read_whole(store))
    assert after.size == (12 if change == "replace" else 11) * 3


def test_a_damaged_file_or_one_from_another_home_is_not_used(store, tmp_path):
    expected = store.passage_table()
    store.table_path.write_bytes(b"not a table")
    assert_same(store.passage_table(), expected)
    other = Store(tmp_path / "other" / "store.sqlite3")
    records = random_records(np.random.default_rng(3), 12, DIM)
    for record in records:
        record.id = "x" + record.id
    other.write(records)
    other.passage_table()
    # Same generation and size, other documents: the copied file must not pass for this home's.
    store.table_path.write_bytes(other.table_path.read_bytes())
    assert_same(store.passage_table(), expected)


def test_a_home_the_table_cannot_be_written_to_still_gives_the_table(store, monkeypatch):
    expected = read_whole(store)
    store.table_path.unlink()

    def refuse(*args, **kwargs):
        raise PermissionError("skrivebeskyttet")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    assert_same(store.passage_table(), expected)
    assert not store.table_path.exists()
