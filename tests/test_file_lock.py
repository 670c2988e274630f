"""The advisory file lock: exclusive holders exclude everyone, shared holders each other not."""

import threading
import time

from innosearch.file_lock import file_lock


def _holds_while_another_tries(path, first: bool, second: bool) -> bool:
    """Whether a second holder got the lock while the first still held it."""
    got = threading.Event()

    def other() -> None:
        with file_lock(path, exclusive=second):
            got.set()

    with file_lock(path, exclusive=first):
        thread = threading.Thread(target=other)
        thread.start()
        overlapped = got.wait(0.3)
    thread.join(5)
    assert got.is_set()  # it gets the lock once the first lets go
    return overlapped


def test_an_exclusive_lock_excludes_another_thread_until_released(tmp_path):
    assert not _holds_while_another_tries(tmp_path / "a" / "x.lock", first=True, second=True)
    assert not _holds_while_another_tries(tmp_path / "x.lock", first=False, second=True)


def test_shared_locks_are_held_together(tmp_path):
    start = time.monotonic()
    assert _holds_while_another_tries(tmp_path / "x.lock", first=False, second=False)
    assert time.monotonic() - start < 5
