"""Concurrent query embeddings coalesced into one model call.

A model embeds 16 queries in one batch in well under half the time of 16 single calls (measured
in docs/load.md), and a busy server has many searches waiting at once. So each caller queues its
texts; whichever caller holds the model next embeds everything queued and hands every waiting
caller its rows. One model call runs at a time, which also keeps the model safe across threads.

Identical texts waiting together are embedded once. Recent query vectors are remembered one
level up, by the Searcher (embed/query_cache.py), for every caller, not only the server.
"""

import threading
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import AbstractContextManager, nullcontext

import numpy as np

from innosearch.embed.base import Embedder

# Larger batches gain little per query and pad short queries to the longest one.
MAX_BATCH = 32


class BatchingEmbedder:
    """An Embedder whose `embed_queries` batches the calls of concurrent threads."""

    def __init__(
        self,
        inner: Embedder,
        max_batch: int = MAX_BATCH,
        waiting: Callable[[], AbstractContextManager[None]] = nullcontext,
    ):
        self.inner = inner
        self.max_batch = max_batch
        # Entered while a caller waits for its batch (the server's pool frees a CPU slot then).
        self.waiting = waiting
        self._queue: list[tuple[list[str], Future[np.ndarray]]] = []
        self._queue_lock = threading.Lock()
        self._model_lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dim(self) -> int:
        return self.inner.dim

    @property
    def precision(self) -> str:
        return self.inner.precision

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        with self._queue_lock:
            unique = list(dict.fromkeys(texts))
            mine: Future[np.ndarray] = Future()
            if unique:
                self._queue.append((unique, mine))
        if not unique:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self.waiting():
            while not mine.done():
                with self._model_lock:
                    if not mine.done():
                        self._embed_queued()
        row = dict(zip(unique, mine.result(), strict=True))
        return np.vstack([row[text] for text in texts])

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
        for texts, future in batch:
            future.set_result(np.vstack([row[text] for text in texts]))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        with self._model_lock:
            return self.inner.embed_passages(texts)
