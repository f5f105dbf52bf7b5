"""Match positions held as arrays of offsets, not a list of tuples.

A page of hits for ``的`` holds some 75,000 positions at 100 MB of library and every
document's positions millions: as tuples that was about 120 bytes a match, and the
tuples (containers) set Python's cycle collector running over the whole heap again and
again while a query built them, half of the time spent on positions. Arrays of C
``int`` take 4 bytes a match of one needle and 8 of several (every ``，`` of a 100 MB
library, 1.4 million, in 6 MB), are built at C speed, and are no work for the collector;
a ``(start, end)`` pair is made only when someone reads one. An offset fits: SQLite
holds no text of 2**31 characters.
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
    the same pairs (a list of tuples, as before).

    The matches of one needle all have its length, so those keep their starts only and a
    ``width`` (:meth:`of_width`): 4 bytes a match, which at 1 GB of library is the
    difference between 78 and 39 MB for every ``的``. Matches of several needles keep
    both arrays.
    """

    __slots__ = ("starts", "_ends", "_width")

    def __init__(self, starts: array[int] | None = None, ends: array[int] | None = None):
        self.starts: array[int] = starts if starts is not None else offsets()
        self._ends: array[int] | None = ends if ends is not None else offsets()
        self._width = 0  # every end is start + width when ``_ends`` is None

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, int]]) -> Matches:
        found = cls()
        ends = found._ends
        assert ends is not None
        for start, end in pairs:
            found.starts.append(start)
            ends.append(end)
        return found

    @classmethod
    def of_width(cls, starts: array[int], width: int) -> Matches:
        """Matches of one needle of ``width`` characters at ``starts``."""
        found = cls(starts)
        found._ends, found._width = None, width
        return found

    @property
    def width(self) -> int | None:
        """The one length of every match, when they were made so; else None."""
        return self._width if self._ends is None else None

    @property
    def ends(self) -> array[int]:
        """Where each match ends (a new array when they share one width)."""
        if self._ends is not None:
            return self._ends
        return offsets(map(self._width.__add__, self.starts))

    def extend(self, other: Matches) -> None:
        if not other:
            return
        if not self.starts:
            self.starts = offsets(other.starts)
            self._ends = None if other._ends is None else offsets(other._ends)
            self._width = other._width
        elif self._ends is None and other._ends is None and self._width == other._width:
            self.starts.extend(other.starts)
        else:
            ends = self.ends
            ends.extend(other.ends)
            self.starts.extend(other.starts)
            self._ends = ends

    def sort(self) -> None:
        """Order by (start, end), at C speed: each pair packed into one integer."""
        if len(self.starts) < 2:
            return
        if self._ends is None:
            self.starts = offsets(sorted(self.starts))
            return
        keys = list(map(or_, map(lshift, self.starts, repeat(32)), self._ends))
        keys.sort()
        self.starts = offsets(map(rshift, keys, repeat(32)))
        self._ends = offsets(map(and_, keys, repeat(_LOW)))

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> Matches: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | Matches:
        if isinstance(index, slice):
            if self._ends is None:
                return Matches.of_width(self.starts[index], self._width)
            return Matches(self.starts[index], self._ends[index])
        start = self.starts[index]
        return start, (start + self._width if self._ends is None else self._ends[index])

    def __iter__(self) -> Iterator[tuple[int, int]]:
        if self._ends is None:
            return zip(self.starts, map(self._width.__add__, self.starts), strict=True)
        return zip(self.starts, self._ends, strict=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Matches):
            if self._ends is None and other._ends is None:
                same = self._width == other._width or not self.starts
                return same and self.starts == other.starts
            return self.starts == other.starts and self.ends == other.ends
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(other) == len(self) and all(
                tuple(pair) == mine for pair, mine in zip(other, self, strict=True)
            )
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list

    def __repr__(self) -> str:
        return f"Matches({list(self)!r})"
