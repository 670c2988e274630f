"""The read side's one in-memory view of a home, rebuilt only when an ingest changed the store.

Everything a search needs beyond single-row look-ups hangs off one `Snapshot` of one store
generation: the passage table, the vector index built from the same generation, and what is
derived from them on first use (document vectors, problem vectors, the spelling vocabulary,
duplicate pairs). A scale-out backend replaces this seam.
"""

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from innosearch.config import Settings
from innosearch.errors import StaleTable
from innosearch.index.store import Store
from innosearch.index.tables import PassageTable
from innosearch.index.vectors.base import VectorIndex
from innosearch.index.vectors.factory import open_vector_index
from innosearch.recent import RecentlyRead
from innosearch.search import inspiration
from innosearch.search.spelling import Vocabulary

# Reads of a table and its vectors before giving up while other processes keep writing.
_ATTEMPTS = 3


# Vectors kept per snapshot after they were read: a search reads a few dozen documents' (the
# feedback search's best two, the panel's candidates), so a few thousand cover what recent searches
# share, and memory stays bounded at any size (every vector of 1M passages would be 300+ MB).
KEPT_VECTORS = 4096
# Stems whose passage counts are kept per snapshot (a few MB): counting a common stem reads its
# whole posting list, 8 ms per long question at 1M passages, and questions share their commonest
# words.
KEPT_TERM_COUNTS = 50_000


class DocumentVectors(Mapping[str, np.ndarray]):
    """Each document's stored vector (normalised mean of its passages), read when asked for."""

    def __init__(self, store: Store, ids: list[str]):
        self._ids = ids
        self._recent = RecentlyRead(
            lambda doc_ids: {d: store.document_vector(d) for d in doc_ids}, KEPT_VECTORS
        )

    def __getitem__(self, doc_id: str) -> np.ndarray:
        vector = self._recent.get_many([doc_id])[doc_id]
        if vector is None:
            raise KeyError(doc_id)
        return vector

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class DocumentMatrix:
    """Every document's stored vector as one matrix: for comparing one document with all."""

    def __init__(self, ids: list[str], matrix: np.ndarray):
        self.ids = ids
        self.matrix = matrix
        self.row = {doc_id: i for i, doc_id in enumerate(ids)}
        self.id_array = np.asarray(ids, dtype=str)


class ProblemVectors:
    """Each document's problem vector (inspiration.problem_vectors), read when first asked for.

    A search compares a few dozen documents' problems; reading every passage of the home for
    them cost seconds at 100k passages after every ingest.
    """

    def __init__(self, store: Store):
        self._recent = RecentlyRead(
            lambda doc_ids: inspiration.problem_vectors(store.passage_vectors(doc_ids)),
            KEPT_VECTORS,
        )

    def get(self, doc_id: str) -> np.ndarray | None:
        return self._recent.get_many([doc_id])[doc_id]

    def get_many(self, doc_ids: list[str]) -> dict[str, np.ndarray | None]:
        """Several documents' problem vectors; those not kept read in one query."""
        return self._recent.get_many(doc_ids)


@dataclass
class Snapshot:
    """One store generation as the read side sees it."""

    store: Store
    table: PassageTable
    index: VectorIndex
    dim: int

    @property
    def generation(self) -> int:
        return self.table.generation

    @cached_property
    def row_of(self) -> dict[str, int]:
        return {doc_id: i for i, doc_id in enumerate(self.table.documents.ids)}

    def value(self, doc_id: str, field: str) -> object:
        """One filterable value of a document (see innosearch.filters.DocumentColumns)."""
        return self.table.documents.values[field][self.row_of[doc_id]]

    @cached_property
    def passage_counts(self) -> dict[str, int]:
        """How many passages each document has."""
        counts = np.bincount(self.table.doc_rows, minlength=len(self.table.documents.ids))
        return dict(zip(self.table.documents.ids, counts.tolist(), strict=True))

    @cached_property
    def sectors(self) -> dict[str, str | None]:
        columns = self.table.documents
        return dict(zip(columns.ids, columns.values["sector"].tolist(), strict=True))

    @cached_property
    def document_vectors(self) -> DocumentVectors:
        return DocumentVectors(self.store, self.table.documents.ids)

    @cached_property
    def document_matrix(self) -> DocumentMatrix:
        """Read whole on first use only: related cases need it, a search doesn't."""
        ids, matrix = self.store.document_vectors()
        return DocumentMatrix(ids, matrix)

    @cached_property
    def outline_matrix(self) -> DocumentMatrix | None:
        """Every document's outline vector (search/outline.py); None while some document has
        none (a home written before its outlines were stored, until the next ingest)."""
        found = self.store.outline_vectors()
        return DocumentMatrix(*found) if found else None

    @cached_property
    def problem_vectors(self) -> ProblemVectors:
        return ProblemVectors(self.store)

    @cached_property
    def term_counts(self) -> RecentlyRead[int]:
        """How many of this generation's passages hold each stem, kept once counted."""
        return RecentlyRead(self.store.passage_counts, KEPT_TERM_COUNTS)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(self.store.word_counts())

    @cached_property
    def duplicate_of(self) -> dict[str, set[str]]:
        pairs: dict[str, set[str]] = {}
        for a, b in self.store.duplicate_pairs():
            pairs.setdefault(a, set()).add(b)
            pairs.setdefault(b, set()).add(a)
        return pairs


class Corpus:
    """Hands out the current snapshot, building a new one when the store's generation moved."""

    def __init__(self, settings: Settings, store: Store):
        self.settings = settings
        self.store = store
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        """The dimension of the stored vectors (0 for a home nothing was ingested into)."""
        return int(self.store.get_meta("dim") or 0)

    @property
    def latest(self) -> Snapshot | None:
        """The last snapshot taken, without asking the store whether it is still current."""
        return self._snapshot

    def current(self) -> Snapshot:
        with self._lock:
            if self._snapshot is None or self._snapshot.generation != self.store.generation:
                self._snapshot = self._build()
            return self._snapshot

    def _build(self) -> Snapshot:
        # An ingest in another process may commit between reading the table and its vectors;
        # the backend then refuses the mismatch, and another read sees the new generation.
        for _ in range(_ATTEMPTS - 1):
            try:
                return self._open(self.store.passage_table())
            except StaleTable:
                continue
        return self._open(self.store.passage_table())

    def _open(self, table: PassageTable) -> Snapshot:
        index = open_vector_index(self.settings, self.store, self.dim, table)
        return Snapshot(self.store, table, index, self.dim)
