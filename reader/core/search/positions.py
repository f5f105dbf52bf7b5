"""Exact match positions, snippets and section paths (no Whoosh highlighter: it
mis-highlights overlapping CJK n-grams)."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate
from typing import Any

from reader.core.ingest.model import OutlineEntry
from reader.core.search.matches import Matches, offsets
from reader.core.search.optional import numpy_module as _numpy

DENSE_MAX_CHARS = 2
DENSE_MATCHES = 16
"""A window with more matches than this of a one- or two-character needle is scanned
with NumPy (:func:`_dense_occurrences`): below it, summing ``split``'s parts is faster
than NumPy's fixed costs."""
DENSE_SAMPLE = 2_048  # characters counted to guess a window's density
SNIPPET_BEFORE = 24
SNIPPET_AFTER = 48


def occurrences(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Every (start, end) of every needle in ``text``, overlapping ones included, ascending."""
    unique = [n for n in dict.fromkeys(needles) if n]
    if len(unique) == 1:
        return list(_occurrences(text, unique[0]))
    found: set[tuple[int, int]] = set()
    for needle in unique:
        found.update(_occurrences(text, needle))
    return sorted(found)


def has_border(needle: str) -> bool:
    """True if a proper prefix equals a suffix (``哈哈``, ``aba``): matches may overlap."""
    return any(needle[:k] == needle[-k:] for k in range(1, len(needle)))


def _occurrences(text: str, needle: str) -> Matches:
    return occurrences_from(text, needle, 0, len(text))


def occurrences_from(text: str, needle: str, offset: int, limit: int) -> Matches:
    """Every (start, end) of ``needle`` in ``text`` that starts before ``limit``, shifted
    by ``offset`` (a window of a longer text owns the starts before ``limit``).

    ``，`` occurs thousands of times in a report, and a page of hits wants them all:
    without a border, matches cannot overlap, so ``split`` finds them at C speed and
    the offsets are summed into arrays without a Python-level step per match.
    """
    size = len(needle)
    if not size:
        return Matches()
    if has_border(needle):
        starts = offsets()
        find, add = text.find, starts.append
        pos = find(needle, 0, limit + size - 1)
        while pos >= 0:
            add(offset + pos)
            pos = find(needle, pos + 1, limit + size - 1)
        return Matches.of_width(starts, size)
    if size <= DENSE_MAX_CHARS and _looks_dense(text, needle) and _numpy() is not None:
        return _dense_occurrences(text, needle, offset, limit)
    parts = text.split(needle)
    if len(parts) == 1:
        return Matches()
    del parts[-1]
    # offset + the lengths so far of (part + needle), less one needle: each match's start
    starts = offsets(accumulate(map(size.__add__, map(len, parts)), initial=offset - size))
    del starts[0]
    cut = bisect_left(starts, offset + limit)
    if cut < len(starts):
        del starts[cut:]
    return Matches.of_width(starts, size)


def _looks_dense(text: str, needle: str) -> bool:
    """True when ``text`` likely holds over :data:`DENSE_MATCHES` of ``needle``, judged
    from its first :data:`DENSE_SAMPLE` characters (counting them all costs as much as
    ``split`` for a rare needle; a wrong guess costs time, never a position)."""
    if len(text) <= DENSE_SAMPLE:
        return text.count(needle) > DENSE_MATCHES
    return text.count(needle, 0, DENSE_SAMPLE) * len(text) > DENSE_MATCHES * DENSE_SAMPLE


def _dense_occurrences(text: str, needle: str, offset: int, limit: int) -> Matches:
    """:func:`occurrences_from` for a short needle with many matches, by NumPy.

    ``split`` makes a string per match and the offsets cost an integer object each
    (some 300 ns a match on the 2-core VM); a page of ``的`` or ``，`` is tens of
    thousands of them. Here the text's code points (one per character, as Python
    indexes a string) are compared as an array and the starts come back as
    raw bytes for the offset arrays: about as fast as ``split`` at 16 matches in a
    16,384-character window, 2-3 times faster at 50, 5 times at 500.
    Needles here have no border (no two matches overlap) and one or two characters.
    """
    np = _numpy()
    assert np is not None
    points = _code_points(np, text)
    starts = _starts(np, points, needle, min(len(points) - len(needle) + 1, limit)) + offset
    return Matches.of_width(int_offsets(np, starts), len(needle))


def occurrences_many(
    windows: Iterable[tuple[int, int, str]], needles: list[str]
) -> Matches | None:
    """Every (start, end) of every needle (overlapping ones included) in ``windows`` of
    (offset, owned end, text), ascending; None without NumPy (then one needle at a time).

    A words-only hit is ranked on several words (``坚持和发展中国特色社会主义`` has five),
    and scanning each window once per word with ``split`` was most of a small library's
    page. Here a window's code points are one array, each needle is its first two
    characters compared at C speed and the rest checked at the few places left, and the
    runs are merged by one sort of the packed (start, end) pairs.
    """
    np = _numpy()
    if np is None:
        return None
    found = []
    for offset, owned_end, text in windows:
        points = _code_points(np, text)
        for needle in needles:
            stop = min(len(points) - len(needle) + 1, owned_end - offset)
            starts = _starts(np, points, needle, stop) + offset
            if len(starts):
                found.append((starts << 32) | (starts + len(needle)))
    if not found:
        return Matches()
    keys = np.sort(np.concatenate(found))
    return _matches(np, keys >> 32, keys & 0xFFFFFFFF)


def _code_points(np: Any, text: str) -> Any:
    """``text`` as an array of its code points (as Python indexes it): two bytes each when
    no character is astral (half the memory to compare), else four."""
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text):  # no astral character: a code unit is a code point
        return np.frombuffer(data, dtype="<u2")
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _starts(np: Any, points: Any, needle: str, stop: int) -> Any:
    """Where ``needle`` starts in ``points`` before ``stop``, overlapping ones included:
    its first two characters compared at C speed, the rest where those hold."""
    codes = [ord(ch) for ch in needle]
    if stop <= 0 or points.dtype.itemsize == 2 and max(codes) > 0xFFFF:
        return np.empty(0, dtype=np.intp)
    hit = points[:stop] == codes[0]
    if len(codes) > 1:
        hit &= points[1 : stop + 1] == codes[1]
    starts = np.flatnonzero(hit)
    for at in range(2, len(codes)):
        if not len(starts):
            break
        starts = starts[points[starts + at] == codes[at]]
    return starts


def _matches(np: Any, starts: Any, ends: Any) -> Matches:
    """NumPy starts and ends as a :class:`Matches`."""
    return Matches(int_offsets(np, starts), int_offsets(np, ends))


def int_offsets(np: Any, values: Any) -> array[int]:
    """A NumPy array as the C int array of :class:`Matches` (its raw bytes)."""
    found = offsets()
    found.frombytes(values.astype(np.intc).tobytes())
    return found


def dense_scan_available() -> bool:
    """Whether dense windows are scanned with NumPy (the frozen build's smoke test asks:
    without it every position is still found, only slower, so no search would fail)."""
    return _numpy() is not None


def count_from(text: str, needle: str, limit: int) -> int:
    """How many matches of ``needle`` start before ``limit`` (as :func:`occurrences_from`)."""
    if has_border(needle):
        return len(occurrences_from(text, needle, 0, limit))
    return text.count(needle, 0, limit + len(needle) - 1)


def section_path(outline: list[OutlineEntry], offset: int) -> str | None:
    """Titles of the headings that contain ``offset``, outermost first."""
    stack: list[OutlineEntry] = []
    for entry in outline:
        if entry.start > offset:
            break
        while stack and stack[-1].level >= entry.level:
            stack.pop()
        stack.append(entry)
    return " > ".join(e.title for e in stack) if stack else None


def snippet_window(start: int, end: int, length: int) -> tuple[int, int]:
    return max(0, start - SNIPPET_BEFORE), min(length, max(end, start) + SNIPPET_AFTER)


def clean_snippet(raw: str, at_start: bool, at_end: bool) -> str:
    text = " ".join(raw.split())
    return ("" if at_start else "…") + text + ("" if at_end else "…")
