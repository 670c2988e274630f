"""FAISS over one generation's passage vectors: a cache of the store, rebuilt when it is stale.

The index is saved as vectors.faiss with a sidecar vectors.json naming the generation it was
built from. Its rows are the positions of the PassageTable of that generation; the table maps
them to chunk ids, so the index holds no ids of its own.

Up to `approximate_above` passages the index is exact ("flat": every vector in float16, the
precision the store keeps). Above it ("ivf"), inverted lists over 4-bit product-quantiser codes
(an eighth of a float16 vector's bytes, held in memory) are scanned with FAISS's SIMD fast-scan
kernels for candidates, which are then scored exactly against their float16 vectors read from
the store (chunks.vector, by chunk id, in the caller's read transaction): the one float16 copy
of every vector is the store's, and the page cache holds it, not the process. The index grows by
added passages without retraining; its k-means centroids and codebooks are trained once and
reused by every rebuild until the index holds RETRAIN_FACTOR times the passages they were trained
on.
"""

import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import NamedTuple

import faiss
import numpy as np

from innosearch.config import Settings
from innosearch.errors import StaleTable
from innosearch.file_lock import file_lock
from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.index.tables import PassageTable
from innosearch.index.vectors.base import query_row, table_vectors

# Share of the lists scanned per query, and how many of the candidates found there are scored
# exactly. Chosen with `bench/bench_scale.py --index-only --sweep` on 1M passages mixed from real
# e5 vectors (docs/speed.md): there the codes' ranking limits recall more than the lists do
# (1/5 of the lists: 0.877 with 1,000 candidates, 0.947 with 2,000, 0.983 with 3,000). Real
# sentences as queries against 20k passages mixed from fewer real vectors
# (tests/index/test_approximate_recall.py) need more lists: recall@10 0.918 at 1/5, 0.945 at
# 3/10, above 0.95 at 1/2.
IVF_PROBED_SHARE = 0.5
RERANK_CANDIDATES = 3000
# Candidates re-scored in a rough search (VectorIndex.search): the feedback search only needs the
# first two documents. At 1M passages, 1,000 instead of 3,000 changed 0.6 % of 48 questions'
# top-10 documents (docs/speed.md), at a third of the reads from the store.
ROUGH_RERANK_CANDIDATES = 1000
# Dimensions per 4-bit code: 2 gives 96 bytes per e5-small passage (float16: 768); 4 (48 bytes)
# left the true neighbours out of the 1,000 best candidates (recall@10 0.68 at 100k).
PQ_DIMS_PER_CODE = 2
# Training points per centroid: enough for stable centroids (faiss warns below 39), few enough
# that training 1M passages' lists takes seconds, not minutes, on two cores.
IVF_TRAINING_PER_LIST = 40
IVF_TRAINING_ITERATIONS = 10
# A rebuild retrains the centroids once the index holds this many times what they learnt from.
RETRAIN_FACTOR = 4

# Layout of the saved files. 4: exact rows in float16; IVF over 4-bit fast-scan codes, re-scored
# from the store's vectors (until migration 011's round, from a copy of them in vectors.f16,
# which is deleted where found). 3: IVF over 8-bit codes. 2: float32 flat or HNSW. 1 (no
# "format" in the sidecar) held chunk ids in an IndexIDMap2. Files of another layout are rebuilt,
# never read.
FORMAT = 4


class Rows:
    """The stored float16 vectors of an approximate index's candidates, read by position.

    A second copy beside the index (vectors.f16, 732 MiB at 1M passages) made these reads ~10 ms
    faster at 1M (3,000 candidates: 10 ms by pread, 20 ms from the store; docs/speed.md, "Disk")
    and is gone, to keep a 1M home under 4 GB.
    """

    def __init__(self, store: Store, table: PassageTable, dim: int):
        self._store, self._table, self._dim = store, table, dim

    def best(
        self, query: np.ndarray, positions: np.ndarray, k: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(positions, exact inner products) of the k best of `positions`, best first."""
        positions = np.sort(positions)
        try:
            vectors = self._store.chunk_vectors(
                self._table.chunk_ids[positions].tolist(), self._dim
            )
        except KeyError:  # removed by an ingest that committed after the table was read
            raise StaleTable("Lageret er ændret under søgningen; søg igen.") from None
        scores = vectors @ query
        order = np.lexsort((positions, -scores))[:k]  # best first, ties by position
        return positions[order], scores[order]


class FaissIndex:
    def __init__(self, index: faiss.Index, kind: str, table: PassageTable, rows: Rows | None):
        self._index = index
        self._table = table
        self._rows = rows  # set for "ivf": its candidates are scored exactly from these
        self.kind = kind

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def search(
        self, query: np.ndarray, k: int, filters: Filters | None = None, rough: bool = False
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
        row = query_row(query, self._index.d)
        params: faiss.SearchParameters | None = None
        # faiss's bundled type stubs lack the search-parameter objects of its SWIG API.
        if self._rows is not None:
            selected = self.size if mask is None else int(np.count_nonzero(mask))
            rescored = _rescored(selected, self.size)
            if rough:
                rescored = min(rescored, ROUGH_RERANK_CANDIDATES)
            probes = _probes(self._index, selected, rescored)
            params = faiss.SearchParametersIVF(sel=selector, nprobe=probes)  # type: ignore[call-arg]
            wanted = min(max(k, rescored), self.size)
            candidates = self._index.search(row, wanted, params=params)[1][0]
            # A filter allowing no more passages than that makes every one a candidate (all
            # lists are scanned then): the exact scores make it an exact search.
            positions, scores = self._rows.best(row[0], candidates[candidates != -1], k)
        else:
            if selector is not None:
                params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
            found_scores, found = self._index.search(row, min(k, self.size), params=params)
            positions, scores = found[0][found[0] != -1], found_scores[0][found[0] != -1]
        chunk_ids = self._table.chunk_ids[positions]
        return [(int(c), float(s)) for c, s in zip(chunk_ids, scores, strict=True)]


def _rescored(selected: int, size: int) -> int:
    """Candidates to score exactly: RERANK_CANDIDATES in proportion to the passages a filter
    allows, down to half of it.

    A filter leaves fewer passages competing for the same candidates. Measured at 1M passages
    (docs/speed.md) with filters allowing 10 %, 6.7 %, 2.6 % and 0.7 % of the passages, half the
    candidates kept recall@10 against exact search at 0.981-0.987 and recall@300 at 0.81-0.94,
    as high as an unfiltered search's with all of them (0.971 and 0.798).
    """
    return max(RERANK_CANDIDATES // 2, math.ceil(RERANK_CANDIDATES * selected / max(size, 1)))


def _probes(index: faiss.Index, selected: int, rescored: int) -> int:
    """Lists to scan: IVF_PROBED_SHARE of them, filtered or not, or all for a narrow filter.

    A filter allowing no more passages than are `rescored` scans every list, so that every
    passage it allows is scored exactly. Otherwise a filter doesn't widen the scan: its nearest
    allowed passages lie in the query's nearest lists as the unfiltered ones do. Measured at
    1M passages (docs/speed.md), recall@10 against exact search with filters allowing 10 %,
    2.6 % and 0.7 % of the passages was 0.998, 0.988 and 0.981 with the unfiltered share, and
    1.000 when as many more lists were scanned as the filter leaves out (every list, here), at
    4-5 ms more per search.
    """
    lists = int(faiss.extract_index_ivf(index).nlist)
    if selected <= rescored:
        return lists
    return max(1, min(lists, math.ceil(IVF_PROBED_SHARE * lists)))


class Saved(NamedTuple):
    faiss_index: faiss.Index
    kind: str
    info: dict


def open_index(settings: Settings, store: Store, dim: int, table: PassageTable) -> FaissIndex:
    """The saved index: as saved, grown by the passages added since, or else rebuilt."""
    faiss.omp_set_num_threads(settings.search_threads)  # per process; see Settings
    path = settings.vectors_path
    info = {"format": FORMAT, "generation": table.generation, "dim": dim, "size": table.size}
    current = _load(path, info)
    if current is None:
        current = _updated(settings, store, dim, table, info)
    _forget_old_rows(path)
    rows = Rows(store, table, dim) if current.kind == "ivf" else None
    return FaissIndex(current.faiss_index, current.kind, table, rows)


def _updated(settings: Settings, store: Store, dim: int, table: PassageTable, info: dict) -> Saved:
    """The saved index grown by the table's new passages, or rebuilt; saved either way."""
    path = settings.vectors_path
    saved = _load(path, {"format": FORMAT, "dim": dim})
    if (
        saved is not None
        and _only_added_since(saved.info, store, table)
        and (saved.kind == "ivf") == (table.size > settings.approximate_above)
    ):
        index, kind = saved.faiss_index, saved.kind
        new_rows = table.chunk_ids[index.ntotal :].tolist()
        try:
            added = store.chunk_vectors(new_rows, dim)
        except KeyError:  # removed by an ingest that committed after the table was read
            raise StaleTable("Indekset blev ændret under indlæsningen. Prøv igen.") from None
        index.add(added)
        trained = saved.info.get("trained", 0)
    else:
        reusable = None
        if saved is not None and saved.kind == "ivf":
            reusable = (saved.faiss_index, saved.info.get("trained", 0))
        vectors = table_vectors(store, table, dim)
        with _all_threads(settings.search_threads):
            index, kind, trained = _build(vectors, dim, settings.approximate_above, reusable)
    full = {**info, "kind": kind, "trained": trained}
    _save(index, path, full)
    return Saved(index, kind, full)


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

    `reusable`: a saved IVF index and its training size, whose centroids and codebooks serve
    again while the vectors are at most RETRAIN_FACTOR times as many.
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
        index.reset()  # keeps the trained centroids and codebooks, drops the rows
    else:
        index, trained = _trained_ivf(vectors, dim), len(vectors)
    index.add(vectors)
    return index, "ivf", trained


def _trained_ivf(vectors: np.ndarray, dim: int) -> faiss.Index:
    """An empty IVF index over 4-bit fast-scan codes, trained on a sample of `vectors`."""
    lists = max(1, min(round(2 * math.sqrt(len(vectors))), len(vectors) // 39))
    codes = next(m for m in range(max(1, dim // PQ_DIMS_PER_CODE), 0, -1) if dim % m == 0)
    index = faiss.IndexIVFPQFastScan(
        faiss.IndexFlatIP(dim), dim, lists, codes, 4, faiss.METRIC_INNER_PRODUCT
    )
    index.cp.niter = IVF_TRAINING_ITERATIONS
    sample = min(len(vectors), lists * IVF_TRAINING_PER_LIST)
    rows = np.sort(np.random.default_rng(0).choice(len(vectors), sample, replace=False))
    index.train(vectors[rows])
    return index


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


def _locked(path: Path, exclusive: bool) -> AbstractContextManager[None]:
    """Hold the home's index lock, so the index and its sidecar are read and replaced as a pair."""
    return file_lock(path.with_suffix(".lock"), exclusive)


def _old_rows_path(path: Path) -> Path:
    """Where an earlier version kept a float16 copy of an approximate index's vectors."""
    return path.with_suffix(".f16")


def _forget_old_rows(path: Path) -> None:
    """Delete the copy of the vectors an earlier version kept beside the index (732 MiB at 1M)."""
    if _old_rows_path(path).exists():
        with _locked(path, exclusive=True):
            _old_rows_path(path).unlink(missing_ok=True)


def _load(path: Path, expected: dict) -> Saved | None:
    """The saved index when its sidecar matches `expected`."""
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
    return Saved(index, kind, info)


def _save(index: faiss.Index, path: Path, info: dict) -> None:
    """Write both files under a name of their own, then swap them in together."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffixes = [".faiss", ".json"]
    temporary = []
    try:
        for suffix in suffixes:
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
    """Copy the saved index and its sidecar into `folder` as one consistent pair."""
    path = settings.vectors_path
    if not path.exists():
        return
    with _locked(path, exclusive=False):
        for source in (path, _sidecar(path)):
            shutil.copyfile(source, folder / source.name)
