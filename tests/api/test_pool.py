"""The read pool: many threads, only `cpu_slots` of them working at once; waiters give theirs up."""

import threading
import time

import anyio
import numpy as np

from innosearch.api.pool import ReadPool
from innosearch.embed.batching import BatchingEmbedder
from tests.embed.test_batching import QUESTIONS, _CountingEmbedder


def _run_all(pool: ReadPool, work, count: int) -> list:
    async def main() -> list:
        results: list = [None] * count

        async def one(n: int) -> None:
            results[n] = await pool.run(work, n)

        async with anyio.create_task_group() as group:
            for n in range(count):
                group.start_soon(one, n)
        return results

    return anyio.run(main)


def test_no_more_than_cpu_slots_searches_work_at_once():
    pool = ReadPool(threads=8, cpu_slots=2)
    lock = threading.Lock()
    working, most = 0, 0

    def work(n: int) -> int:
        nonlocal working, most
        with lock:
            working += 1
            most = max(most, working)
        time.sleep(0.02)
        with lock:
            working -= 1
        return n

    assert _run_all(pool, work, 16) == list(range(16))
    assert most == 2


def test_a_waiting_search_gives_up_its_slot():
    # Eight searches with one slot all reach the barrier only if each gives up its slot while
    # it waits; holding it, the second would never start and the barrier would break.
    pool = ReadPool(threads=8, cpu_slots=1)
    barrier = threading.Barrier(8, timeout=10)

    def work(n: int) -> int:
        with pool.waiting():
            barrier.wait()
        return n

    assert _run_all(pool, work, 8) == list(range(8))


def test_queries_waiting_in_one_slot_still_share_model_calls():
    pool = ReadPool(threads=30, cpu_slots=1)
    inner = _CountingEmbedder()
    batching = BatchingEmbedder(inner, waiting=pool.waiting)
    vectors = _run_all(pool, lambda n: batching.embed_queries([QUESTIONS[n]]), len(QUESTIONS))
    expected = inner.embed_queries(QUESTIONS)
    assert all(np.array_equal(row[0], expected[n]) for n, row in enumerate(vectors))
    # One slot that a waiting caller kept would make every model call a single query.
    assert max(len(call) for call in inner.calls[:-1]) > 1


def test_waiting_outside_the_pool_changes_nothing():
    pool = ReadPool(threads=2, cpu_slots=1)
    with pool.waiting():
        pass
    assert _run_all(pool, lambda n: n * 2, 3) == [0, 2, 4]
