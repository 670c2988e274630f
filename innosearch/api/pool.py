"""The threads that answer reads, so the event loop stays free for health checks and new requests.

A search holds the GIL only in short stretches (the model, FAISS and SQLite release it), and it
waits for its query's embedding batch; a bounded pool of threads lets many searches overlap
without one slow client queueing everyone behind it.
"""

from collections.abc import Callable
from functools import partial
from typing import ParamSpec, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")


class ReadPool:
    def __init__(self, threads: int):
        self.limiter = CapacityLimiter(max(1, threads))

    async def run(
        self, work: Callable[_Params, _Result], *args: _Params.args, **kwargs: _Params.kwargs
    ) -> _Result:
        """`work(*args, **kwargs)` in one of the pool's threads."""
        return await anyio.to_thread.run_sync(partial(work, *args, **kwargs), limiter=self.limiter)
