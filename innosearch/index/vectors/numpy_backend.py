"""Exact search with NumPy over the stored vectors, in memory, nothing on disk."""

import numpy as np

from innosearch.config import Settings
from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.index.tables import PassageTable
from innosearch.index.vectors.base import query_row, table_vectors


class NumpyIndex:
    kind = "numpy"

    def __init__(self, vectors: np.ndarray, table: PassageTable):
        self._vectors = vectors
        self._table = table

    @property
    def size(self) -> int:
        return len(self._vectors)

    def search(
        self, query: np.ndarray, k: int, filters: Filters | None = None, rough: bool = False
    ) -> list[tuple[int, float]]:
        if self.size == 0 or k <= 0:
            return []
        mask = self._table.chunk_mask(filters)
        positions = np.arange(self.size) if mask is None else np.flatnonzero(mask)
        if len(positions) == 0:
            return []
        scores = (self._vectors @ query_row(query, self._vectors.shape[1])[0])[positions]
        k = min(k, len(positions))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((positions[top], -scores[top]))]  # best first, ties by position
        chunk_ids = self._table.chunk_ids[positions[top]]
        return [(int(c), float(s)) for c, s in zip(chunk_ids, scores[top], strict=True)]


def open_index(settings: Settings, store: Store, dim: int, table: PassageTable) -> NumpyIndex:
    return NumpyIndex(table_vectors(store, table, dim), table)
