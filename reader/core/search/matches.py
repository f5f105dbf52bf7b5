"""Match positions held as two arrays of offsets, not a list of tuples.

A page of hits for ``的`` holds some 75,000 positions at 100 MB of library and every
document's positions millions: as tuples that was about 120 bytes a match, and the
tuples (containers) set Python's cycle collector running over the whole heap again and
again while a query built them, half of the time spent on positions. Two arrays of C
``int`` take 8 bytes a match (every ``，`` of a 100 MB library, 1.4 million, in 11 MB), are
built at C speed, and are no work for the collector; a ``(start, end)`` pair is made only
when someone reads one. An offset fits: SQLite holds no text of 2**31 characters.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from operator import and_, lshift, or_, rshift
from typing import overload

_LOW = (1 << 32) - 1
OFFSETS = "i"
"""The arrays' type code (C ``int``, 4 bytes), for code that fills them from bytes."""


def offsets(values: Iterable[int] = ()) -> array[int]:
    return array(OFFSETS, values)


class Matches(Sequence[tuple[int, int]]):
    """Ascending ``(start, end)`` code-point ranges; compares equal to any sequence of
    the same pairs (a list of tuples, as before)."""

    __slots__ = ("starts", "ends")

    def __init__(self, starts: array[int] | None = None, ends: array[int] | None = None):
        self.starts: array[int] = starts if starts is not None else offsets()
        self.ends: array[int] = ends if ends is not None else offsets()

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, int]]) -> Matches:
        found = cls()
        for start, end in pairs:
            found.starts.append(start)
            found.ends.append(end)
        return found

    def extend(self, other: Matches) -> None:
        self.starts.extend(other.starts)
        self.ends.extend(other.ends)

    def sort(self) -> None:
        """Order by (start, end), at C speed: each pair packed into one integer."""
        if len(self.starts) < 2:
            return
        keys = list(map(or_, map(lshift, self.starts, repeat(32)), self.ends))
        keys.sort()
        self.starts = offsets(map(rshift, keys, repeat(32)))
        self.ends = offsets(map(and_, keys, repeat(_LOW)))

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> Matches: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | Matches:
        if isinstance(index, slice):
            return Matches(self.starts[index], self.ends[index])
        return self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Matches):
            return self.starts == other.starts and self.ends == other.ends
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(other) == len(self) and all(
                tuple(pair) == mine for pair, mine in zip(other, self, strict=True)
            )
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list

    def __repr__(self) -> str:
        return f"Matches({list(self)!r})"
