"""The threads that answer reads, so the event loop stays free for health checks and new requests.

A search spends much of its time waiting for its query's embedding batch, and a waiting thread
costs nothing; so many threads let many searches wait together and share one model call. But
only `cpu_slots` of them run at once: more runnable threads than cores do no more work, and they
all fight over the GIL with the event loop, which then answers health checks in seconds. A thread
gives up its slot while it waits for its embedding batch (`waiting`, used by
embed/batching.py), so the batch still gathers every waiting search.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import ParamSpec, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")


class ReadPool:
    def __init__(self, threads: int, cpu_slots: int):
        self.limiter = CapacityLimiter(max(1, threads))
        self._slots = threading.Semaphore(max(1, cpu_slots))
        self._holds_slot = threading.local()

    async def run(
        self, work: Callable[_Params, _Result], *args: _Params.args, **kwargs: _Params.kwargs
    ) -> _Result:
        """`work(*args, **kwargs)` in one of the pool's threads, once a CPU slot is free."""
        return await anyio.to_thread.run_sync(
            partial(self._in_slot, work, *args, **kwargs), limiter=self.limiter
        )

    def _in_slot(
        self, work: Callable[_Params, _Result], *args: _Params.args, **kwargs: _Params.kwargs
    ) -> _Result:
        with self._slots:
            self._holds_slot.value = True
            try:
                return work(*args, **kwargs)
            finally:
                self._holds_slot.value = False

    @contextmanager
    def waiting(self) -> Iterator[None]:
        """This thread's CPU slot given up while it only waits; a no-op outside the pool."""
        if not getattr(self._holds_slot, "value", False):
            yield
            return
        self._slots.release()
        self._holds_slot.value = False
        try:
            yield
        finally:
            self._slots.acquire()
            self._holds_slot.value = True
