"""The bounded cache of values read by key."""

import numpy as np

from innosearch.recent import RecentlyRead


def test_recently_read_keeps_only_the_most_recent_values_and_reads_again_after():
    reads: list[str] = []

    def read(keys: list[str]) -> dict[str, np.ndarray]:
        reads.extend(keys)
        return {key: np.full(2, len(reads), dtype=np.float32) for key in keys if key != "none"}

    recent = RecentlyRead(read, size=3)
    first = recent.get_many(["a", "b"])["a"]
    assert recent.get_many(["a"])["a"] is first  # kept: not read again
    assert recent.get_many(["none", "c"])["none"] is None  # "b" is now the least recent: gone
    recent.get_many(["b", "a"])
    assert reads == ["a", "b", "none", "c", "b"]
