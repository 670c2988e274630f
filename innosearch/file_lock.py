"""An advisory lock on a file, held across threads and processes (fcntl.flock)."""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def file_lock(path: Path, exclusive: bool = True) -> Iterator[None]:
    """Hold a lock on `path` (made, with its folder, when missing) until the block ends.

    Each call opens the file anew, so two threads of one process exclude each other as two
    processes do; shared locks (`exclusive=False`) only exclude an exclusive one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield  # closing the file releases the lock
