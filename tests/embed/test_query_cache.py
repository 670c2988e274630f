"""Recent query vectors are remembered, the least recently used forgotten first."""

import numpy as np

from innosearch.embed.hashing import HashingEmbedder
from innosearch.embed.query_cache import QueryVectors


class _Counting(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.asked.extend(texts)
        return super().embed_queries(texts)


def test_a_repeated_query_skips_the_model_until_it_is_forgotten():
    model = _Counting()
    cache = QueryVectors(model, size=2)
    first = cache.vector("skybrud")
    assert np.array_equal(cache.vector("skybrud"), first) and model.asked == ["skybrud"]
    cache.vector("ensomhed")
    cache.vector("skybrud")  # used again: now "ensomhed" is the least recently used
    cache.vector("trivsel")
    cache.vector("skybrud")
    assert model.asked == ["skybrud", "ensomhed", "trivsel"]
    cache.vector("ensomhed")
    assert model.asked[-1] == "ensomhed"


def test_a_kept_vector_cannot_be_changed_by_a_caller():
    vector = QueryVectors(HashingEmbedder(), size=4).vector("skybrud")
    assert not vector.flags.writeable


def test_several_queries_come_in_order_and_only_the_new_ones_are_embedded_in_one_call():
    model = _Counting()
    cache = QueryVectors(model, size=4)
    kept = cache.vector("skybrud")
    first, second = cache.vectors(["ensomhed", "skybrud"])
    assert model.asked == ["skybrud", "ensomhed"]
    assert np.array_equal(second, kept)
    assert np.array_equal(first, model.embed_queries(["ensomhed"])[0])
