"""A bounded cache of values read by key: the most recently asked kept, older ones read again."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

Value = TypeVar("Value")


class RecentlyRead(Generic[Value]):
    """The values of the `size` keys most recently asked for; older ones are read again.

    `read` gets the keys not kept, all at once, and returns the values it found (a key it
    leaves out has the value None).
    """

    def __init__(
        self,
        read: Callable[[list[str]], Mapping[str, Value | None]],
        size: int,
    ):
        self._read = read
        self._size = size
        self._kept: OrderedDict[str, Value | None] = OrderedDict()
        self._lock = threading.Lock()  # the API asks from several threads at once

    def get_many(self, keys: list[str]) -> dict[str, Value | None]:
        with self._lock:
            found = {key: self._kept[key] for key in keys if key in self._kept}
            for key in found:
                self._kept.move_to_end(key)
        missing = [key for key in dict.fromkeys(keys) if key not in found]
        if missing:
            read = self._read(missing)
            found.update({key: read.get(key) for key in missing})
            with self._lock:
                self._kept.update({key: found[key] for key in missing})
                while len(self._kept) > self._size:
                    self._kept.popitem(last=False)
        return {key: found[key] for key in keys}
