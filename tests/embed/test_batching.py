"""Query embeddings of concurrent searches: batched and deduplicated."""

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from innosearch.embed.batching import BatchingEmbedder
from innosearch.embed.hashing import HashingEmbedder


class _CountingEmbedder(HashingEmbedder):
    """The hashing embedder, recording each model call's texts (slowed so callers pile up)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []
        self._slow = threading.Event()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        self._slow.wait(0.01)
        return super().embed_queries(texts)


QUESTIONS = [f"Hvordan hjælper vi borgere med sag nummer {n}?" for n in range(60)]


def test_concurrent_queries_get_their_own_vectors_in_fewer_model_calls():
    inner = _CountingEmbedder()
    batching = BatchingEmbedder(inner, max_batch=16)
    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(pool.map(lambda q: batching.embed_queries([q]), QUESTIONS))
    expected = HashingEmbedder().embed_queries(QUESTIONS)
    assert all(np.array_equal(row[0], expected[i]) for i, row in enumerate(results))
    assert len(inner.calls) < len(QUESTIONS)
    assert max(len(call) for call in inner.calls) <= 16


def test_identical_texts_are_embedded_once():
    inner = _CountingEmbedder()
    twice = BatchingEmbedder(inner).embed_queries(["skybrud", "skybrud", "ensomhed"])
    assert inner.calls == [["skybrud", "ensomhed"]]
    assert np.array_equal(twice[0], twice[1])


def test_a_failing_model_call_reaches_every_waiting_caller():
    class Broken(HashingEmbedder):
        def embed_queries(self, texts: list[str]) -> np.ndarray:
            raise RuntimeError("model gone")

    batching = BatchingEmbedder(Broken())
    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(lambda q: _error_of(batching, q), QUESTIONS[:8]))
    assert outcomes == ["model gone"] * 8
    assert batching.embed_queries([]).shape == (0, 64)


def _error_of(batching: BatchingEmbedder, query: str) -> str:
    try:
        batching.embed_queries([query])
    except RuntimeError as exc:
        return str(exc)
    return "no error"
