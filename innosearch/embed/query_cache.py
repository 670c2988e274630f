"""Query vectors kept by text: a repeated query (the next page, another filter) skips the model."""

import numpy as np

from innosearch.embed.base import Embedder
from innosearch.recent import RecentlyRead


class QueryVectors:
    """The vectors of the `size` most recently asked queries; older ones are embedded again."""

    def __init__(self, embedder: Embedder, size: int):
        self.embedder = embedder
        self.size = size
        self._recent = RecentlyRead(self._embed, size)

    def _embed(self, queries: list[str]) -> dict[str, np.ndarray]:
        vectors = self.embedder.embed_queries(queries)
        vectors.flags.writeable = False  # its rows are shared by every caller of the same query
        return dict(zip(queries, vectors, strict=True))

    def vector(self, query: str) -> np.ndarray:
        return self.vectors([query])[0]

    def vectors(self, queries: list[str]) -> list[np.ndarray]:
        """The queries' vectors in order; those not kept embedded in one call."""
        found = self._recent.get_many(queries)
        vectors = []
        for query in queries:
            vector = found[query]
            assert vector is not None  # every query asked for is embedded
            vectors.append(vector)
        return vectors
