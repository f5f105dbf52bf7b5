"""A least-recently-used map bounded by the total weight of its values.

A searcher's caches (gram postings, per-word scores, chunk texts) must stay within
a fixed share of memory whatever the size of the library: counting entries is not
enough when one entry of a common gram at 1 GB weighs a thousand of a rare one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class SizedLRU(Generic[K, V]):
    """``put`` names each value's weight (bytes, elements); the least recently used go
    first when the total would pass ``budget``. A value heavier than the whole budget
    is not kept."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()

    def get(self, key: K) -> V | None:
        item = self._items.get(key)
        if item is None:
            return None
        self._items.move_to_end(key)
        return item[0]

    def peek(self) -> Callable[[K], tuple[V, int] | None]:
        """A lookup of (value, weight) that leaves the order alone: a C call, for loops that
        check thousands of entries per query (a Python-level ``get`` each was a fifth of
        verifying a common phrase)."""
        return self._items.get

    def put(self, key: K, value: V, weight: int) -> None:
        self.pop(key)
        if weight > self.budget:
            return
        while self._items and self.size + weight > self.budget:
            _key, (_value, dropped) = self._items.popitem(last=False)
            self.size -= dropped
        self._items[key] = (value, weight)
        self.size += weight

    def pop(self, key: K) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self.size -= item[1]

    def clear(self) -> None:
        self._items.clear()
        self.size = 0

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)
