"""What every vector backend offers, and what the embedded ones share."""

from collections.abc import Callable
from typing import Protocol

import numpy as np

from innosearch.config import Settings
from innosearch.errors import StaleTable
from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.index.tables import PassageTable


class VectorIndex(Protocol):
    """Inner-product search over one generation's normalised passage vectors."""

    kind: str  # "flat", "hnsw", "numpy", ...: shown by `innosearch stats`

    @property
    def size(self) -> int: ...

    def search(
        self, query: np.ndarray, k: int, filters: Filters | None = None, rough: bool = False
    ) -> list[tuple[int, float]]:
        """Up to k (chunk id, inner product) pairs, best first, among passages passing `filters`.

        `rough`: the caller only picks a few documents to look closer at, so an approximate
        backend may spend less on the order (the exact backends ignore it).
        """
        ...


IndexOpener = Callable[[Settings, Store, int, PassageTable], VectorIndex]
"""A backend's entry point: open_index(settings, store, dim, table)."""


def table_vectors(store: Store, table: PassageTable, dim: int) -> np.ndarray:
    """The stored vectors of the table's passages, row i = position i of the table."""
    generation, chunk_ids, vectors = store.vector_snapshot(dim)
    if generation != table.generation or not np.array_equal(chunk_ids, table.chunk_ids):
        raise StaleTable("Indekset blev ændret under indlæsningen. Prøv igen.")
    return vectors


def query_row(query: np.ndarray, dim: int) -> np.ndarray:
    """A query vector as the one float32 row the backends search with."""
    row = np.asarray(query, dtype=np.float32).reshape(1, -1)
    if row.shape[1] != dim:
        raise ValueError(f"the query has {row.shape[1]} dimensions, the index {dim}")
    return row
