"""FAISS over chunk vectors, keyed by chunk id: a cache of the store, rebuilt when it is stale."""

import json
import os
from pathlib import Path

import faiss
import numpy as np

from innosearch.index.store import Store

# Below this many chunks an exact search costs a few milliseconds; above it HNSW keeps queries
# interactive at a small cost in recall.
APPROXIMATE_ABOVE = 200_000


def _build(ids: np.ndarray, vectors: np.ndarray, dim: int) -> tuple[faiss.Index, str]:
    if len(ids) > APPROXIMATE_ABOVE:
        inner = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        inner.hnsw.efConstruction = 80
        inner.hnsw.efSearch = 128
        kind = "hnsw"
    else:
        inner = faiss.IndexFlatIP(dim)
        kind = "flat"
    index = faiss.IndexIDMap2(inner)
    if len(ids):
        index.add_with_ids(vectors, ids)
    return index, kind


class VectorIndex:
    """Inner-product search over normalised chunk vectors."""

    def __init__(self, index: faiss.Index, kind: str):
        self._index = index
        self.kind = kind

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @classmethod
    def open(cls, store: Store, path: Path, dim: int) -> "VectorIndex":
        """Load the saved index if it matches the store's generation, else rebuild and save it."""
        sidecar = path.with_suffix(".json")
        generation = store.generation
        if path.exists() and sidecar.exists():
            try:
                info = json.loads(sidecar.read_text())
                if info.get("generation") == generation and info.get("dim") == dim:
                    return cls(faiss.read_index(str(path)), info["kind"])
            except (ValueError, RuntimeError, KeyError):
                pass  # a damaged cache is rebuilt below
        ids, vectors = store.all_vectors(dim)
        index, kind = _build(ids, vectors, dim)
        _save(index, path, {"generation": generation, "dim": dim, "kind": kind})
        return cls(index, kind)

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k nearest chunk ids with their scores, optionally only among `allowed` ids."""
        if self.size == 0 or k <= 0:
            return []
        params = None
        if allowed is not None:
            if len(allowed) == 0:
                return []
            selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
            params = (
                faiss.SearchParametersHNSW(sel=selector, efSearch=128)
                if self.kind == "hnsw"
                else faiss.SearchParameters(sel=selector)
            )
        scores, ids = self._index.search(
            np.asarray(query, dtype=np.float32).reshape(1, -1), min(k, self.size), params=params
        )
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]

    def vectors(self, chunk_ids: list[int]) -> np.ndarray:
        return np.vstack([self._index.reconstruct(int(i)) for i in chunk_ids])


def _save(index: faiss.Index, path: Path, info: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".faiss.tmp")
    faiss.write_index(index, str(tmp))
    os.replace(tmp, path)
    sidecar_tmp = path.with_suffix(".json.tmp")
    sidecar_tmp.write_text(json.dumps(info))
    os.replace(sidecar_tmp, path.with_suffix(".json"))
