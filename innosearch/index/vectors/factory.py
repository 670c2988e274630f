"""The one place that maps the vector_backend setting to a backend."""

from innosearch.config import Settings
from innosearch.errors import InvalidSetting
from innosearch.index.store import Store
from innosearch.index.tables import PassageTable
from innosearch.index.vectors import faiss_backend, milvus_backend, numpy_backend
from innosearch.index.vectors.base import IndexOpener, VectorIndex

BACKENDS: dict[str, IndexOpener] = {
    "faiss": faiss_backend.open_index,
    "numpy": numpy_backend.open_index,
    "milvus": milvus_backend.open_index,  # needs the extra innosearch[milvus]
}


def open_vector_index(
    settings: Settings, store: Store, dim: int, table: PassageTable
) -> VectorIndex:
    """The configured backend's index over the table's passages."""
    opener = BACKENDS.get(settings.vector_backend)
    if opener is None:
        raise InvalidSetting(
            f"Ukendt vektorindeks '{settings.vector_backend}' (INNOSEARCH_VECTOR_BACKEND). "
            f"Mulige værdier: {', '.join(BACKENDS)}."
        )
    return opener(settings, store, dim, table)
