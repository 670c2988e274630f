"""FAISS over one generation's passage vectors: a cache of the store, rebuilt when it is stale.

The index is saved as vectors.faiss with a sidecar vectors.json naming the generation it was
built from. Its rows are the positions of the PassageTable of that generation; the table maps
them to chunk ids, so the index holds no ids of its own.
"""

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import faiss
import numpy as np

from innosearch.config import Settings
from innosearch.errors import StaleTable
from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.index.tables import PassageTable
from innosearch.index.vectors.base import query_row, table_vectors

HNSW_NEIGHBOURS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128

# Layout of the saved file. 2: rows are PassageTable positions. 1 (no "format" in the sidecar)
# held chunk ids in an IndexIDMap2; such a file is rebuilt, never read as positions.
FORMAT = 2


class FaissIndex:
    def __init__(self, index: faiss.Index, kind: str, table: PassageTable):
        self._index = index
        self._table = table
        self.kind = kind

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def search(
        self, query: np.ndarray, k: int, filters: Filters | None = None
    ) -> list[tuple[int, float]]:
        if self.size == 0 or k <= 0:
            return []
        selector = None
        mask = self._table.chunk_mask(filters)
        if mask is not None:
            if not mask.any():
                return []
            # One bit per position; it must outlive the search, which only holds a pointer to it.
            bitmap = np.packbits(mask, bitorder="little")
            selector = faiss.IDSelectorBitmap(len(bitmap), faiss.swig_ptr(bitmap))
        params = None
        if self.kind == "hnsw":
            # The graph search keeps efSearch candidates: fewer than k would cap recall.
            params = faiss.SearchParametersHNSW(sel=selector, efSearch=max(HNSW_EF_SEARCH, k))  # type: ignore[attr-defined]
        elif selector is not None:
            # faiss's bundled type stubs lack the search-parameter objects of its SWIG API.
            params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
        scores, positions = self._index.search(
            query_row(query, self._index.d), min(k, self.size), params=params
        )
        found = positions[0] != -1
        chunk_ids = self._table.chunk_ids[positions[0][found]]
        return [(int(c), float(s)) for c, s in zip(chunk_ids, scores[0][found], strict=True)]


def open_index(settings: Settings, store: Store, dim: int, table: PassageTable) -> FaissIndex:
    """The saved index: as saved, grown by the passages added since, or else rebuilt."""
    faiss.omp_set_num_threads(settings.search_threads)  # per process; see Settings
    path = settings.vectors_path
    info = {"format": FORMAT, "generation": table.generation, "dim": dim, "size": table.size}
    saved = _load(path, {"format": FORMAT, "dim": dim})
    if saved is not None and _same(saved[2], info):
        index, kind = saved[0], saved[1]
    elif saved is not None and _only_added_since(saved[2], store, table):
        index, kind = saved[0], saved[1]
        new_rows = table.chunk_ids[index.ntotal :].tolist()
        try:
            index.add(store.chunk_vectors(new_rows, dim))
        except KeyError:  # removed by an ingest that committed after the table was read
            raise StaleTable("Indekset blev ændret under indlæsningen. Prøv igen.") from None
        _save(index, path, {**info, "kind": kind})
    else:
        index, kind = _build(table_vectors(store, table, dim), dim, settings.approximate_above)
        _save(index, path, {**info, "kind": kind})
    return FaissIndex(index, kind, table)


def _same(saved: dict, expected: dict) -> bool:
    return all(saved.get(key) == value for key, value in expected.items())


def _only_added_since(saved: dict, store: Store, table: PassageTable) -> bool:
    """Whether the table is the saved index's passages plus new ones after them.

    Passages are only ever appended with larger ids; a removal or replacement (which shifts
    positions) is recorded as the store's chunks_removed_at, after which the index is rebuilt.
    """
    generation, size = saved.get("generation", -1), saved.get("size", -1)
    return store.chunks_removed_at <= generation < table.generation and size <= table.size


def _build(vectors: np.ndarray, dim: int, approximate_above: int) -> tuple[faiss.Index, str]:
    index: faiss.Index
    if len(vectors) > approximate_above:
        index = faiss.IndexHNSWFlat(dim, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
        kind = "hnsw"
    else:
        index = faiss.IndexFlatIP(dim)
        kind = "flat"
    if len(vectors):
        index.add(vectors)
    return index, kind


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


@contextmanager
def _locked(path: Path, exclusive: bool) -> Iterator[None]:
    """Hold the home's index lock, so the index and its sidecar are read and replaced as a pair."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield  # closing the file releases the lock


def _load(path: Path, expected: dict) -> tuple[faiss.Index, str, dict] | None:
    """The saved index, its kind and its sidecar when the sidecar matches `expected`."""
    if not path.exists():
        return None
    with _locked(path, exclusive=False):
        try:
            info = json.loads(_sidecar(path).read_text())
            if not _same(info, expected):
                return None
            kind = info["kind"]
            index = faiss.read_index(str(path))
        except (OSError, ValueError, KeyError, RuntimeError):
            return None  # missing, damaged or of another layout: rebuilt by the caller
    if index.ntotal != info.get("size") or index.d != expected["dim"]:
        return None
    return index, kind, info


def _save(index: faiss.Index, path: Path, info: dict) -> None:
    """Write both files under names of their own, then swap them in together."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = []
    try:
        for suffix in (".faiss", ".json"):
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=suffix)
            os.close(handle)
            temporary.append(name)
        faiss.write_index(index, temporary[0])
        Path(temporary[1]).write_text(json.dumps(info))
        with _locked(path, exclusive=True):
            os.replace(temporary[0], path)
            os.replace(temporary[1], _sidecar(path))
    finally:
        for name in temporary:
            with suppress(FileNotFoundError):
                os.remove(name)


def saved_info(settings: Settings) -> dict | None:
    """The saved index's sidecar plus its real row count and dimension; None when none is saved.

    Raises ValueError when the files cannot be read.
    """
    path = settings.vectors_path
    if not path.exists():
        return None
    with _locked(path, exclusive=False):
        try:
            info = json.loads(_sidecar(path).read_text())
            index = faiss.read_index(str(path))
        except (OSError, RuntimeError, json.JSONDecodeError) as exc:
            raise ValueError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
    return {**info, "rows": int(index.ntotal), "index_dim": int(index.d)}


def copy_saved(settings: Settings, folder: Path) -> None:
    """Copy the saved index and its sidecar into `folder` as one consistent pair, if saved."""
    path = settings.vectors_path
    if not path.exists():
        return
    with _locked(path, exclusive=False):
        for source in (path, _sidecar(path)):
            shutil.copyfile(source, folder / source.name)
