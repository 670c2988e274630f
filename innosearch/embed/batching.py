"""Concurrent query embeddings coalesced into one model call, and recent ones remembered.

A model embeds 16 queries in one batch in well under half the time of 16 single calls (measured
in docs/load.md), and a busy server has many searches waiting at once. So each caller queues its
texts; whichever caller holds the model next embeds everything queued and hands every waiting
caller its rows. One model call runs at a time, which also keeps the model safe across threads.

Embedding the query is most of a search's CPU time (profiled under load in docs/load.md), and the
same question comes back often: every filter click, page and sort on the web page searches again
for it, and many people ask the common ones. So the vectors of recent queries are kept (least
recently used out), and identical texts waiting together are embedded once.
"""

import threading
from collections import OrderedDict
from concurrent.futures import Future

import numpy as np

from innosearch.embed.base import Embedder

# Larger batches gain little per query and pad short queries to the longest one.
MAX_BATCH = 32
# A query vector of e5-small is 1.5 kB: the default keeps ~3 MB of them.
CACHE_SIZE = 2048


class BatchingEmbedder:
    """An Embedder whose `embed_queries` batches the calls of concurrent threads."""

    def __init__(self, inner: Embedder, max_batch: int = MAX_BATCH, cache_size: int = CACHE_SIZE):
        self.inner = inner
        self.max_batch = max_batch
        self.cache_size = cache_size
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._queue: list[tuple[list[str], Future[np.ndarray]]] = []
        self._queue_lock = threading.Lock()
        self._model_lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        with self._queue_lock:
            known = {t: v for t in texts if (v := self._remembered(t)) is not None}
            missing = [text for text in dict.fromkeys(texts) if text not in known]
            mine: Future[np.ndarray] = Future()
            if missing:
                self._queue.append((missing, mine))
        if missing:
            while not mine.done():
                with self._model_lock:
                    if not mine.done():
                        self._embed_queued()
            known.update(zip(missing, mine.result(), strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([known[text] for text in texts])

    def _remembered(self, text: str) -> np.ndarray | None:
        """The cached vector of a query text (marked as recently used), or None."""
        vector = self._recent.get(text)
        if vector is not None:
            self._recent.move_to_end(text)
        return vector

    def _embed_queued(self) -> None:
        """Embed what is queued (up to max_batch texts, at least one caller's) in one call."""
        with self._queue_lock:
            batch: list[tuple[list[str], Future[np.ndarray]]] = []
            size = 0
            while self._queue and (not batch or size + len(self._queue[0][0]) <= self.max_batch):
                texts, future = self._queue.pop(0)
                batch.append((texts, future))
                size += len(texts)
        if not batch:
            return
        unique = list(dict.fromkeys(text for texts, _ in batch for text in texts))
        try:
            vectors = self.inner.embed_queries(unique)
        except BaseException as exc:  # every waiting caller learns of it, not only this one
            for _, future in batch:
                future.set_exception(exc)
            return
        row = {text: vectors[i] for i, text in enumerate(unique)}
        with self._queue_lock:
            for text, vector in row.items():
                self._recent[text] = vector
                self._recent.move_to_end(text)
            while len(self._recent) > self.cache_size:
                self._recent.popitem(last=False)
        for texts, future in batch:
            future.set_result(np.vstack([row[text] for text in texts]))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        with self._model_lock:
            return self.inner.embed_passages(texts)
