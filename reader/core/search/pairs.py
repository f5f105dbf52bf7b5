"""Each kept chunk's character pairs, sorted: every position of a word by two binary
searches instead of a pass over the chunk's text.

A page of a words-only hit wants every position of each of its words (``坚持和发展中国
特色社会主义`` has five) in thirty documents, and comparing each word against every
character of those documents was most of a small library's page and of its every-
document answer (some 6 µs a word and chunk, however rare the word). Sorting a chunk's
pairs costs about as much as scanning it for two words (one NumPy sort of
``first << 32 | second << 16 | position``), so an index is built the second time a
chunk's positions are asked for, and kept in a byte-bounded cache that stops taking
new chunks when full instead of evicting (building a chunk only to drop it for the
next one would cost ten scans of it). The index is exact: it finds every start of
every needle, overlapping ones included, in the chunk's own characters, checking the
characters after the second one against the chunk's code points.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from reader.core.search.chunks import PREFIX_CHARS, Chunk
from reader.core.search.matches import OFFSETS, Matches
from reader.core.search.optional import numpy_module
from reader.core.search.positions import int_offsets

PAIR_BYTES = 24_000_000
"""Indexes kept by one searcher (:data:`CHAR_BYTES` a character): a small library's
every chunk (4.6 MB of text, 1.6 million characters, take 16 MB), a twelfth of 100 MB's."""
CHAR_BYTES = 10
"""An index's bytes a character: its code point (2), its pair's key (4), where that
pair starts (4, as the offsets :class:`.Matches` holds, so a word's are a slice)."""
HEAD_CHARS = PREFIX_CHARS - 1
"""Characters of the next chunk an index keeps after its own, so that a needle of up to
:data:`PREFIX_CHARS` characters starting near the end is checked (longer ones scan)."""
MAX_OWNED = 1 << 16
"""Starts an index can hold (its places are 16-bit); longer windows (a whole unindexed
text) scan."""
SEEN_LIMIT = 100_000
"""Chunks remembered as asked for once, then forgotten (about 100 bytes each)."""

Window = tuple[int, int, str]  # (offset, owned end, text with the head after it)


class PairIndex:
    """One window's pairs: ``keys`` ascending, ``starts`` where each pair starts (in the
    text's offsets, ascending within a key, so a two-character word's matches are a
    slice), ``points`` the code points to check longer words against."""

    __slots__ = ("offset", "owned", "points", "keys", "starts", "shift", "nbytes")

    def __init__(self, np: Any, window: Window) -> None:
        offset, owned_end, text = window
        self.offset = offset
        self.owned = owned = owned_end - offset
        data = text.encode("utf-16-le", "surrogatepass")
        if len(data) == 2 * len(text):  # no astral character: a code unit is a code point
            self.points, self.shift, wide = np.frombuffer(data, dtype="<u2"), 16, np.uint32
        else:
            self.points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
            self.shift, wide = 21, np.uint64
        first = self.points[:owned].astype(np.uint64)
        second = np.zeros(owned, dtype=np.uint64)  # 0 after the text's last character
        following = self.points[1 : owned + 1]
        second[: len(following)] = following
        packed = (first << (self.shift + 16)) | (second << 16) | np.arange(owned, dtype=np.uint64)
        packed.sort()  # one sort of (pair, place): the places of a pair come out ascending
        self.keys = (packed >> 16).astype(wide)
        self.starts = (packed & 0xFFFF).astype(np.int32) + np.int32(offset)
        self.nbytes = int(self.points.nbytes + self.keys.nbytes + self.starts.nbytes)

    def find(self, np: Any, needles: Needles) -> list[Any]:
        """Where each needle starts among the owned characters (int32 text offsets),
        ascending: one binary search for all of them."""
        lows, highs = needles.bounds(self.shift)
        firsts = self.keys.searchsorted(lows).tolist()
        lasts = self.keys.searchsorted(highs, "right").tolist()
        found = []
        for i, tail in enumerate(needles.tails):
            starts = self.starts[firsts[i] : max(firsts[i], lasts[i])]
            if tail is None:  # one character: its pairs are ordered by the second
                starts = np.sort(starts)
            elif needles.checked[i] and len(starts):
                starts = self._longer(np, starts, tail)
            found.append(starts)
        return found

    def _longer(self, np: Any, starts: Any, tail: Any) -> Any:
        """Of the starts of a needle's first pair, those followed by the rest of it
        (``tail``: its code points after the pair), none running off the text's end."""
        points = self.points
        places = starts - np.int32(self.offset)
        width = 2 + len(tail)
        if len(points) - self.owned < width - 1:  # the text's last chunk
            keep = places <= len(points) - width
            starts, places = starts[keep], places[keep]
        if len(tail) and len(starts):
            ahead = points[places[:, None] + np.arange(2, width)]
            starts = starts[(ahead == tail).all(axis=1)]
        return starts


class Needles:
    """What :meth:`PairIndex.find` asks for each needle, worked out once per query."""

    def __init__(self, np: Any, needles: list[str]) -> None:
        self._np = np
        self.words = list(needles)
        self.widths = np.array([len(n) for n in needles], dtype=np.int64)
        # A one-character needle's code points after it: None; else after its pair.
        self.tails: list[Any] = [
            None if len(n) == 1 else np.array([ord(ch) for ch in n[2:]], dtype=np.uint32)
            for n in needles]
        # Whether a match of its pair needs checking: a longer needle's rest, and the 0
        # that follows a text's last character in its last pair (a needle ending in NUL).
        self.checked = [len(n) > 2 or n[1:] == "\0" for n in needles]
        self._bounds: dict[int, tuple[Any, Any]] = {}

    def bounds(self, shift: int) -> tuple[Any, Any]:
        """Each needle's first and last pair key, for an index whose keys shift by
        ``shift``, in the keys' own type (else NumPy converts the keys for every search)."""
        found = self._bounds.get(shift)
        if found is None:
            lows, highs = [], []
            limit = 1 << shift
            for needle in self.words:
                first = ord(needle[0])
                if first >= limit:  # astral, in a window without any
                    lows.append(1)
                    highs.append(0)
                elif len(needle) == 1:
                    lows.append(first << shift)
                    highs.append(((first + 1) << shift) - 1)
                elif ord(needle[1]) < limit:
                    lows.append((first << shift) | ord(needle[1]))
                    highs.append(lows[-1])
                else:
                    lows.append(1)
                    highs.append(0)
            wide = self._np.uint32 if shift == 16 else self._np.uint64
            found = self._bounds[shift] = (self._np.array(lows, dtype=wide),
                                           self._np.array(highs, dtype=wide))
        return found


class PairCache:
    """:class:`PairIndex` per chunk, built from ``read(chunks, reach)`` windows the second
    time a chunk is asked for, while the budget lasts; cleared when the index changes."""

    def __init__(self, read: Callable[[list[Chunk], int], list[Window]],
                 budget: int = PAIR_BYTES) -> None:
        self._read = read
        self.budget = budget
        self.size = 0
        self._items: dict[tuple[int, int], PairIndex] = {}
        self._seen: set[tuple[int, int]] = set()
        self._plan: Needles | None = None

    def positions(self, chunks: list[Chunk], needles: list[str], *,
                  build: bool = True) -> Matches | None:
        """Every (start, end) of every needle starting in ``chunks``, ascending; None when
        a chunk has no index (yet) or a needle is too long, so the caller scans. Without
        ``build`` only chunks indexed already are used (a one-off pass over a big library
        must not fill the cache with what the panel's typing will not ask for)."""
        ready = self._ready(chunks, needles, build)
        if ready is None:
            return None
        np, indexes, plan = ready
        found = [index.find(np, plan) for index in indexes]
        if len(needles) == 1:
            return Matches.of_width(_joined([each[0] for each in found]), len(needles[0]))
        runs = [starts for each in found for starts in each]
        starts = np.concatenate(runs).astype(np.int64)
        if not len(starts):
            return Matches()
        ends = starts + np.repeat(np.tile(plan.widths, len(found)), [len(r) for r in runs])
        keys = np.sort((starts << 32) | ends)  # the runs merged, by start then end
        return Matches(int_offsets(np, keys >> 32), int_offsets(np, keys & 0xFFFFFFFF))

    def count(self, chunks: list[Chunk], needles: list[str], *, build: bool = True) -> int | None:
        """How many of :meth:`positions` there are (without building them), or None."""
        ready = self._ready(chunks, needles, build)
        if ready is None:
            return None
        np, indexes, plan = ready
        return sum(len(starts) for index in indexes for starts in index.find(np, plan))

    def _ready(self, chunks: list[Chunk], needles: list[str],
               build: bool) -> tuple[Any, list[PairIndex], Needles] | None:
        """NumPy, the chunks' indexes and the needles' plan, or None: scan."""
        np = numpy_module()
        if np is None or not needles or max(map(len, needles)) > HEAD_CHARS + 1:
            return None
        indexes = self._indexes(np, chunks, build)
        if indexes is None:
            return None
        plan = self._plan
        if plan is None or plan.words != needles:  # a page asks the same for each document
            plan = self._plan = Needles(np, needles)
        return np, indexes, plan

    def _indexes(self, np: Any, chunks: list[Chunk], build: bool) -> list[PairIndex] | None:
        items = self._items
        missing = [c for c in chunks if (c.doc_id, c.seq) not in items]
        if missing and not (build and self._build(np, missing)):
            return None
        return [items[(c.doc_id, c.seq)] for c in chunks]

    def _build(self, np: Any, chunks: list[Chunk]) -> bool:
        """Index ``chunks`` if each was asked for before and they fit; else remember them."""
        keys = [(c.doc_id, c.seq) for c in chunks]
        seen = self._seen
        if not all(key in seen for key in keys):
            if len(seen) + len(keys) > SEEN_LIMIT:
                seen.clear()
            seen.update(keys)
            return False
        chars = sum(c.end - c.start + HEAD_CHARS for c in chunks)
        if self.size + CHAR_BYTES * chars > self.budget:
            return False
        windows = self._read(chunks, HEAD_CHARS)
        if any(end - offset > MAX_OWNED for offset, end, _text in windows):
            return False
        for key, window in zip(keys, windows, strict=True):
            index = PairIndex(np, window)
            self._items[key] = index
            self.size += index.nbytes
            seen.discard(key)
        return True

    def clear(self) -> None:
        self._items.clear()
        self._seen.clear()
        self.size = 0


def _joined(runs: list[Any]) -> array[int]:
    """int32 runs as one C int array (:mod:`.matches`), without a NumPy step when one."""
    found = array(OFFSETS)
    for run in runs:
        found.frombytes(run.tobytes())
    return found
