"""FAISS over one generation's passage vectors: a cache of the store, rebuilt when it is stale.

The index is saved as vectors.faiss with a sidecar vectors.json naming the generation it was
built from. Its rows are the positions of the PassageTable of that generation; the table maps
them to chunk ids, so the index holds no ids of its own.

Up to `approximate_above` passages the index is exact ("flat": every vector in float16, the
precision the store keeps). Above it, an inverted file over 8-bit scalar-quantised vectors
("ivf"): a quarter of float32's bytes, memory-mapped when opened as saved, and it grows by the
added passages without retraining. Its k-means centroids are trained once and reused by every
rebuild until the index holds RETRAIN_FACTOR times the passages they were trained on.
"""

import fcntl
import json
import math
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

# Share of the lists scanned per query. Measured with real e5 queries against passages mixed
# from real e5 vectors as in bench/bench_scale.py (20k passages, 512 lists, 8-bit codes): recall@10
# against exact search 0.89 scanning 1/8 of the lists, 0.94 at 1/4, 0.965 at 1/2, 0.97 at all
# (the codes' own limit). Mixtures of a few hundred real vectors fill their space evenly, the
# hardest case for lists; a corpus with topics clusters better. Scanning 2/5 of 8-bit codes is
# still ~3x less work than the exact float16 search (and a quarter of its memory).
IVF_PROBED_SHARE = 0.4
# Training points per centroid: enough for stable centroids (faiss warns below 39), few enough
# that training 1M passages' lists takes seconds, not minutes, on two cores.
IVF_TRAINING_PER_LIST = 40
IVF_TRAINING_ITERATIONS = 10
# A rebuild retrains the centroids once the index holds this many times what they learnt from.
RETRAIN_FACTOR = 4

# Layout of the saved file. 3: exact rows in float16, IVF with 8-bit codes. 2: float32 flat or
# HNSW, rows as PassageTable positions. 1 (no "format" in the sidecar) held chunk ids in an
# IndexIDMap2. Files of another layout are rebuilt, never read.
FORMAT = 3


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
        params: faiss.SearchParameters | None = None
        # faiss's bundled type stubs lack the search-parameter objects of its SWIG API.
        if self.kind == "ivf":
            selected = self.size if mask is None else int(np.count_nonzero(mask))
            probes = _probes(self._index, selected, self.size)
            params = faiss.SearchParametersIVF(sel=selector, nprobe=probes)  # type: ignore[call-arg]
        elif selector is not None:
            params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
        scores, positions = self._index.search(
            query_row(query, self._index.d), min(k, self.size), params=params
        )
        found = positions[0] != -1
        chunk_ids = self._table.chunk_ids[positions[0][found]]
        return [(int(c), float(s)) for c, s in zip(chunk_ids, scores[0][found], strict=True)]


def _probes(index: faiss.Index, selected: int, size: int) -> int:
    """Lists to scan so that about as many allowed passages are seen as without a filter.

    A filter that allows a tenth of the passages leaves a tenth of each list to compare, so ten
    times the lists are scanned; a narrow filter scans them all, which is then an exact search
    over the few passages it allows (the selector skips the rest before any distance is taken).
    """
    lists = int(faiss.extract_index_ivf(index).nlist)
    wanted = math.ceil(IVF_PROBED_SHARE * lists * size / max(selected, 1))
    return max(1, min(lists, wanted))


def open_index(settings: Settings, store: Store, dim: int, table: PassageTable) -> FaissIndex:
    """The saved index: as saved, grown by the passages added since, or else rebuilt."""
    faiss.omp_set_num_threads(settings.search_threads)  # per process; see Settings
    path = settings.vectors_path
    info = {"format": FORMAT, "generation": table.generation, "dim": dim, "size": table.size}
    current = _load(path, info, mapped=True)
    if current is not None:
        return FaissIndex(current[0], current[1], table)
    saved = _load(path, {"format": FORMAT, "dim": dim}, mapped=False)
    if (
        saved is not None
        and _only_added_since(saved[2], store, table)
        and (saved[1] == "ivf") == (table.size > settings.approximate_above)
    ):
        index, kind = saved[0], saved[1]
        new_rows = table.chunk_ids[index.ntotal :].tolist()
        try:
            index.add(store.chunk_vectors(new_rows, dim))
        except KeyError:  # removed by an ingest that committed after the table was read
            raise StaleTable("Indekset blev ændret under indlæsningen. Prøv igen.") from None
        trained = saved[2].get("trained", 0)
    else:
        reusable = None
        if saved is not None and saved[1] == "ivf":
            reusable = (saved[0], saved[2].get("trained", 0))
        with _all_threads(settings.search_threads):
            index, kind, trained = _build(
                table_vectors(store, table, dim), dim, settings.approximate_above, reusable
            )
    _save(index, path, {**info, "kind": kind, "trained": trained})
    if kind == "ivf":  # searched from the mapped file, so the copy in memory can go
        saved = _load(path, info, mapped=True)
        index = index if saved is None else saved[0]
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


@contextmanager
def _all_threads(search_threads: int) -> Iterator[None]:
    """Every core for a build (training and assigning 1M passages), then back to searching."""
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(search_threads)


def _build(
    vectors: np.ndarray,
    dim: int,
    approximate_above: int,
    reusable: tuple[faiss.Index, int] | None = None,
) -> tuple[faiss.Index, str, int]:
    """(index, kind, passages its centroids were trained on) over `vectors`.

    `reusable`: a saved IVF index and its training size, whose centroids serve again while the
    vectors are at most RETRAIN_FACTOR times as many.
    """
    index: faiss.Index
    if len(vectors) <= approximate_above:
        index = faiss.IndexScalarQuantizer(
            dim, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT
        )
        if len(vectors):
            index.add(vectors)
        return index, "flat", 0
    if reusable is not None and 0 < len(vectors) <= RETRAIN_FACTOR * reusable[1]:
        index, trained = reusable
        index.reset()  # keeps the trained centroids, drops the rows
    else:
        index, trained = _trained_ivf(vectors, dim), len(vectors)
    index.add(vectors)
    return index, "ivf", trained


def _trained_ivf(vectors: np.ndarray, dim: int) -> faiss.Index:
    """An empty IVF index over 8-bit codes, its centroids trained on a sample of `vectors`."""
    lists = max(1, min(round(2 * math.sqrt(len(vectors))), len(vectors) // 39))
    index = faiss.IndexIVFScalarQuantizer(
        faiss.IndexFlatIP(dim),
        dim,
        lists,
        faiss.ScalarQuantizer.QT_8bit,
        faiss.METRIC_INNER_PRODUCT,
    )
    index.cp.niter = IVF_TRAINING_ITERATIONS
    sample = min(len(vectors), lists * IVF_TRAINING_PER_LIST)
    rows = np.sort(np.random.default_rng(0).choice(len(vectors), sample, replace=False))
    index.train(vectors[rows])
    return index


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


@contextmanager
def _locked(path: Path, exclusive: bool) -> Iterator[None]:
    """Hold the home's index lock, so the index and its sidecar are read and replaced as a pair."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield  # closing the file releases the lock


def _load(path: Path, expected: dict, mapped: bool) -> tuple[faiss.Index, str, dict] | None:
    """The saved index, its kind and its sidecar when the sidecar matches `expected`.

    `mapped`: an IVF index's lists are memory-mapped (read-only; the page cache holds them, and
    a process that replaces the file keeps the old mapping valid) instead of read into memory.
    """
    if not path.exists():
        return None
    with _locked(path, exclusive=False):
        try:
            info = json.loads(_sidecar(path).read_text())
            if not _same(info, expected):
                return None
            kind = info["kind"]
            flags = faiss.IO_FLAG_MMAP if mapped and kind == "ivf" else 0
            index = faiss.read_index(str(path), flags)
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
