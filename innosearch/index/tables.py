"""The passage table: one store generation's passages as arrays, shared by every vector backend.

Read whole it costs seconds at 1M passages (a million rows through SQLite), so the store keeps it
in a file beside itself (`passages.npz`, see save_table/load_table) and reads back only what an
ingest added since (DocumentStore.passage_table).
"""

import os
import tempfile
import threading
import zipfile
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from innosearch.filters import CHOICE_FIELDS, DocumentColumns, Filters

# The file beside the store that keeps its passage table.
TABLE_FILE = "passages.npz"
# Bump when the file's arrays change meaning; a file of another format is read again from SQLite.
TABLE_FILE_FORMAT = 1

# Masks kept per table: a page of results and its facets, its inspiration panel and a few
# refinements ask for the same handful of filters again and again.
_MASKS_KEPT = 8


@dataclass
class PassageTable:
    """One generation's passages: chunk ids ascending, each chunk's document row, document columns.

    A chunk's position in `chunk_ids` is its row in every vector backend built from the same
    generation, so a backend keeps no ids of its own.
    """

    generation: int
    chunk_ids: np.ndarray  # int64, ascending
    doc_rows: np.ndarray  # int32, row into documents.ids for each chunk
    documents: DocumentColumns
    # The store's rowid of the last document in `documents`: where a later ingest's new ones start.
    last_document_rowid: int = 0
    _masks: dict[tuple, np.ndarray] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    @property
    def size(self) -> int:
        return len(self.chunk_ids)

    def positions(self, chunk_ids: list[int]) -> np.ndarray:
        """Each chunk's row in this table, -1 for a chunk of another generation."""
        wanted = np.asarray(chunk_ids, dtype=np.int64)
        found = np.searchsorted(self.chunk_ids, wanted)
        inside = found < self.size
        held = np.zeros(len(wanted), dtype=bool)
        held[inside] = self.chunk_ids[found[inside]] == wanted[inside]
        return np.where(held, found, -1)

    def documents_of(self, chunk_ids: list[int]) -> dict[int, str]:
        """chunk id -> id of its document, for the chunks this table holds (others left out)."""
        positions = self.positions(chunk_ids)
        held = positions >= 0
        ids = self.documents.ids
        rows = self.doc_rows[positions[held]].tolist()
        held_ids = np.asarray(chunk_ids, dtype=np.int64)[held].tolist()
        return {chunk_id: ids[row] for chunk_id, row in zip(held_ids, rows, strict=True)}

    def document_of(self, chunk_id: int) -> str:
        """The id of the document a chunk belongs to; KeyError for a chunk of another generation."""
        return self.documents_of([chunk_id])[chunk_id]

    def chunk_mask(self, filters: Filters | None) -> np.ndarray | None:
        """Which chunk positions pass the filters (read-only), or None when nothing is filtered."""
        if filters is None or not filters.active:
            return None
        key = _key(filters)
        with self._lock:  # the API searches from several threads at once
            mask = self._masks.pop(key, None)
            if mask is None:
                mask = filters.mask(self.documents)[self.doc_rows]
                mask.flags.writeable = False  # shared by every caller of the same filters
                if len(self._masks) >= _MASKS_KEPT:
                    del self._masks[next(iter(self._masks))]  # the least recently used
            self._masks[key] = mask
        return mask


def _key(filters: Filters) -> tuple:
    """A hashable value for filters; the order of values in a list doesn't change the mask."""
    return tuple(
        tuple(sorted(value)) if isinstance(value, list) else value for value in astuple(filters)
    )


def save_table(table: PassageTable, path: Path) -> None:
    """Write the table to `path` (atomically); a failure leaves the old file, or none."""
    arrays: dict[str, Any] = {
        "format": np.array([TABLE_FILE_FORMAT, table.generation, table.last_document_rowid]),
        "chunk_ids": table.chunk_ids,
        "doc_rows": table.doc_rows,
        "ids": np.array(table.documents.ids, dtype=str),
    }
    for name, values in table.documents.values.items():
        # Choice fields as text, None as "" (no choice value is empty): no pickled objects.
        arrays[name] = (
            np.array(["" if v is None else v for v in values], dtype=str)
            if name in CHOICE_FIELDS
            else values
        )
    staged = None
    try:
        handle, staged = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".npz")
        with os.fdopen(handle, "wb") as file:
            np.savez(file, **arrays)
        os.replace(staged, path)
    except OSError:  # a read-only home or a full disk: the table is only a cache
        if staged is not None:
            Path(staged).unlink(missing_ok=True)


def load_table(path: Path) -> PassageTable | None:
    """The table saved at `path`, or None when there is none or it cannot be read."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            file_format, generation, last_rowid = saved["format"].tolist()
            if file_format != TABLE_FILE_FORMAT:
                return None
            values = {}
            for name in saved.files:
                if name in CHOICE_FIELDS:
                    values[name] = np.array([v or None for v in saved[name].tolist()], dtype=object)
                elif name not in ("format", "chunk_ids", "doc_rows", "ids"):
                    values[name] = saved[name]
            return PassageTable(
                generation=generation,
                chunk_ids=saved["chunk_ids"],
                doc_rows=saved["doc_rows"],
                documents=DocumentColumns(saved["ids"].tolist(), values),
                last_document_rowid=last_rowid,
            )
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None
