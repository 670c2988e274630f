"""The passage table: one store generation's passages as arrays, shared by every vector backend."""

import threading
from dataclasses import astuple, dataclass, field

import numpy as np

from innosearch.filters import DocumentColumns, Filters

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
    _masks: dict[tuple, np.ndarray] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    @property
    def size(self) -> int:
        return len(self.chunk_ids)

    def position(self, chunk_id: int) -> int:
        """A chunk's row in this table; KeyError for a chunk of another generation."""
        position = int(np.searchsorted(self.chunk_ids, chunk_id))
        if position == self.size or self.chunk_ids[position] != chunk_id:
            raise KeyError(chunk_id)
        return position

    def document_of(self, chunk_id: int) -> str:
        """The id of the document a chunk belongs to; KeyError for a chunk of another generation."""
        return self.documents.ids[self.doc_rows[self.position(chunk_id)]]

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
