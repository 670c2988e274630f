"""A tiny deterministic embedder: a bag of Danish stems hashed into a few dimensions.

Fast and meaning-free. It is registered like a real model (`INNOSEARCH_MODEL=hashing`) so tests
of logic that doesn't depend on meaning (storage, incremental ingest, filters, API shapes, the CLI)
run through the same factory as production; search quality is measured with the real model.
"""

import hashlib

import numpy as np

from innosearch.text.analysis import stems

MODEL_ID = "hashing"


class HashingEmbedder:
    precision = "float32"

    def __init__(self, dim: int = 64, model_id: str = MODEL_ID):
        self.dim = dim
        self.model_id = model_id
        self.passages_embedded = 0

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for stem in stems(text) or ["tom"]:
            digest = hashlib.md5(stem.encode()).digest()
            vector[digest[0] % self.dim] += 1.0 if digest[1] % 2 else -1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._vector(t) for t in texts]).astype(np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.passages_embedded += len(texts)
        return self.embed_queries(texts)
