"""Query vectors kept by text: a repeated query (the next page, another filter) skips the model."""

import threading
from collections import OrderedDict

import numpy as np

from innosearch.embed.base import Embedder


class QueryVectors:
    """The vectors of the `size` most recently asked queries; older ones are embedded again."""

    def __init__(self, embedder: Embedder, size: int):
        self.embedder = embedder
        self.size = size
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # the API asks from several threads at once

    def vector(self, query: str) -> np.ndarray:
        with self._lock:
            if query in self._kept:
                self._kept.move_to_end(query)
                return self._kept[query]
        vector = self.embedder.embed_queries([query])[0]
        vector.flags.writeable = False  # shared by every caller of the same query
        with self._lock:
            self._kept[query] = vector
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return vector
