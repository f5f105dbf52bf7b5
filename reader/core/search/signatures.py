"""Trigram signatures of each segment's chunks, in a file beside Whoosh's segment files.

The gram index holds every character and pair of a chunk, which cannot tell a chunk
holding ``力，更`` from one holding ``力，`` and ``，更`` far apart: a rare phrase of
common characters had candidates in nearly every chunk, and verifying them scanned
most of the library on every query (``力，更``: 2,159 chunks at 100 MB, 220 of them
holding it). So each chunk also gets a Bloom filter of its trigrams (every three
adjacent characters of the text its grams cover, two bits each of :data:`ROWS`),
stored bit-sliced: one row per bit, a bit per entry of the segment. A literal's
candidates are then the AND of two rows per trigram, each read with one ``pread``
(an eighth of a byte per chunk), so the cost stays small at any size of library.

A filter can only leave extra candidates, never drop one, and verification makes
the answer exact. A segment without a sound file (written before this existed, by
a merge, or damaged) is simply not filtered. The file is named like a segment file,
so Whoosh deletes it with its segment and the manifest records its size and SHA-256.
Building a signature needs NumPy; without it a segment gets no file.
"""

from __future__ import annotations

import os
import struct
import zlib
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from reader.core.search.bitmaps import members
from reader.core.search.chunkfile import write_or_nothing
from reader.core.search.chunks import PREFIX_CHARS
from reader.core.search.integrity import CacheDamage
from reader.core.search.optional import numpy_module as _numpy
from reader.core.search.originals import pread

EXTENSION = ".pztrigrams"
MAGIC = b"pizhu-trigrams-1\n"
"""Names the layout and the hash (:func:`_mix`'s constants): change it with either, so a file
written otherwise reads as unsound instead of filtering by other bits."""
ROWS = 1 << 16
"""Bits of a chunk's filter. A 16,384-character chunk has some 12,000 distinct trigrams,
so about a fifth to a third of its bits are set, and a trigram it lacks passes with
a chance of about 1 in 10 (two bits); each further trigram of a literal divides that."""
SIGNATURE_BYTES = ROWS // 8
_HEAD = struct.Struct("<III")  # entries, rows, bytes per row
_CRC = struct.Struct("<I")  # after each row: a damaged row must filter nothing, not drop hits
SAMPLE = 64  # candidates tested before narrowing them all (see SignatureFilter.narrow)
WORTH_NARROWING = 0.875
"""Narrow only when fewer of the sampled candidates than this pass: for a phrase most
candidates hold (``国务院``) turning rows into chunk numbers costs more than it saves."""
MAX_TRIGRAMS = 6
"""Trigrams of a literal whose rows are read: spread over its first characters; more
would cost reads for candidates the pairs and the first trigrams have already cut."""
_MASK = 0xFFFFFFFF


def _mix(a: Any, b: Any, c: Any) -> Any:
    """A 32-bit hash of a trigram's code points: of Python ints at query time, and of
    NumPy uint32 arrays (every trigram of a chunk) at build time, with the same bits,
    since uint32 arithmetic wraps modulo 2**32 as the masks do for ints."""
    x = (a * 0x9E3779B1 ^ b * 0x85EBCA77 ^ c * 0xC2B2AE3D) & _MASK
    x ^= x >> 16
    x = (x * 0x7FEB352D) & _MASK
    x ^= x >> 15
    x = (x * 0x846CA68B) & _MASK
    return x ^ (x >> 16)


def _row_bytes(entries: int) -> int:
    """Bytes of a row: a bit per entry of the segment."""
    return (entries + 7) // 8


def signature(text: str) -> bytes | None:
    """The Bloom filter of ``text``'s trigrams (:data:`SIGNATURE_BYTES`), None without NumPy.

    Whitespace is not left out: a trigram across a space only sets bits no literal asks
    for (query trigrams never hold whitespace), which can only add a false candidate.
    """
    np = _numpy()
    if np is None:
        return None
    bits = np.zeros(ROWS, dtype=bool)
    if len(text) >= 3:
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        x = _mix(points[:-2], points[1:-1], points[2:])
        bits[(x & np.uint32(ROWS - 1)).astype(np.intp)] = True
        bits[(x >> np.uint32(16)).astype(np.intp)] = True
    return bytes(np.packbits(bits, bitorder="little"))


def trigram_bits(needle: str) -> list[int]:
    """The rows a chunk's filter has set if a match of ``needle`` starts in it (none for a
    literal without three adjacent non-space characters)."""
    trigrams = [run[i : i + 3] for run in needle.split() for i in range(len(run) - 2)]
    if len(trigrams) > MAX_TRIGRAMS:  # spread: neighbours share characters
        step = (len(trigrams) - 1) / (MAX_TRIGRAMS - 1)
        trigrams = [trigrams[round(k * step)] for k in range(MAX_TRIGRAMS)]
    bits: list[int] = []
    for trigram in trigrams:
        x = _mix(*map(ord, trigram))
        bits += (x & (ROWS - 1), (x >> 16) & (ROWS - 1))
    return list(dict.fromkeys(bits))


def signature_file(folder: Path, segment_id: str) -> Path:
    """Named like the segment's own files: Whoosh deletes it with them, the manifest lists it."""
    return folder / f"{segment_id}{EXTENSION}"


def encode_rows(signatures: Sequence[bytes]) -> Iterator[bytes | memoryview]:
    """The file's bytes in pieces: the head, then a record for each of the :data:`ROWS`
    bits: a bit per entry (the entries' filters transposed, eight entries, a byte of every
    row, at a time) and the row's CRC-32."""
    np = _numpy()
    assert np is not None
    entries = len(signatures)
    row_bytes = _row_bytes(entries)
    yield MAGIC + _HEAD.pack(entries, ROWS, row_bytes)
    records = np.zeros((ROWS, row_bytes + _CRC.size), dtype=np.uint8)
    column = np.zeros(ROWS, dtype=np.uint8)
    for n, found in enumerate(signatures):
        bits = np.unpackbits(np.frombuffer(found, dtype=np.uint8), bitorder="little")
        column |= bits << np.uint8(n & 7)
        if n & 7 == 7 or n == entries - 1:
            records[:, n >> 3] = column
            column[:] = 0
    crcs = np.fromiter(map(zlib.crc32, records[:, :row_bytes]), dtype="<u4", count=ROWS)
    records[:, row_bytes:] = crcs.view(np.uint8).reshape(ROWS, _CRC.size)
    yield memoryview(records).cast("B")


def write_signatures(path: Path, signatures: Sequence[bytes | None]) -> bool:
    """Write the file; False, and no file, when a filter is missing (no NumPy) or malformed,
    or the disk refuses: the file only saves time."""
    if _numpy() is None or any(s is None or len(s) != SIGNATURE_BYTES for s in signatures):
        return False
    return write_or_nothing(path, encode_rows([s for s in signatures if s is not None]))


class SignatureFile:
    """A segment's signature file, checked for its shape when opened and row by row when
    read (a bit cleared by damage would rule out a chunk that holds the literal)."""

    def __init__(self, path: Path, entries: int) -> None:
        self.path = path
        self.entries = entries
        self.row_bytes = _row_bytes(entries)

    @classmethod
    def open(cls, path: Path, entries: int) -> SignatureFile | None:
        """The file of a segment of ``entries`` entries; None when it is missing or is not
        what was written for such a segment (then the segment is not filtered)."""
        found = cls(path, entries)
        try:
            with path.open("rb") as f:
                head = f.read(len(MAGIC) + _HEAD.size)
                size = os.fstat(f.fileno()).st_size
        except OSError:
            return None
        if not head.startswith(MAGIC) or len(head) != len(MAGIC) + _HEAD.size:
            return None
        if _HEAD.unpack_from(head, len(MAGIC)) != (entries, ROWS, found.row_bytes):
            return None
        if size != len(head) + ROWS * (found.row_bytes + _CRC.size):
            return None
        return found

    def mask(self, bits: list[int]) -> int | None:
        """The entries whose filters have every one of ``bits`` set, as the bits of an int
        (entry ``n`` is bit ``n``); None when the file cannot be read now (deleted with an
        old generation). :class:`CacheDamage` when a row is not what was written.

        Rows are a few hundred bytes per segment: Python's integers AND them faster than
        NumPy's calls can start."""
        if not bits:
            return None
        head = len(MAGIC) + _HEAD.size
        record = self.row_bytes + _CRC.size
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            return None
        try:
            passing = -1
            for bit in bits:
                data = pread(fd, record, head + bit * record)
                row = data[: self.row_bytes]
                if len(data) != record or zlib.crc32(row) != _CRC.unpack_from(data, len(row))[0]:
                    raise CacheDamage(self.path, f"checksum mismatch in row {bit}")
                passing &= int.from_bytes(row, "little")
                if not passing:
                    break
            return passing
        except OSError:
            return None
        finally:
            os.close(fd)


@dataclass(frozen=True)
class _Filtered:
    """One segment of the searcher: its first docnum, its entries and its file, if sound."""

    base: int
    entries: int
    signatures: SignatureFile | None


class SignatureFilter:
    """The signature files of a searcher's segments, kept across reopenings by segment id
    (a segment never changes once written; deleted entries only stop being candidates)."""

    MIN_CANDIDATES = 16
    """Fewer candidate chunks than this are verified as they are: reading rows costs more."""

    def __init__(self) -> None:
        self._known: dict[str, SignatureFile | None] = {}
        self._segments: list[_Filtered] = []
        self.damage: list[CacheDamage] = []
        """Damaged files found since the caller last emptied this (their segments are no
        longer filtered): the searcher has the index rebuilt."""

    def reset(self, folder: Path, segments: Sequence[tuple[str, int, int]]) -> None:
        """The searcher's segments: (segment id, base docnum, entries), in docnum order."""
        known: dict[str, SignatureFile | None] = {}
        self._segments = []
        for segment_id, base, entries in segments:
            if segment_id in self._known:
                found = self._known[segment_id]
            else:
                found = SignatureFile.open(signature_file(folder, segment_id), entries) \
                    if segment_id and _numpy() is not None else None
            known[segment_id] = found
            self._segments.append(_Filtered(base, entries, found))
        self._known = known

    def narrow(self, candidates: set[int], needle: str) -> set[int]:
        """``candidates`` (chunk docnums) less those whose filters rule out ``needle``."""
        if len(candidates) < self.MIN_CANDIDATES or not any(
                s.signatures for s in self._segments):
            return candidates
        bits = trigram_bits(needle[:PREFIX_CHARS])  # what a chunk's filter covers
        if not bits:
            return candidates
        masks = [self._mask(segment, bits) for segment in self._segments]
        if self._passing_share(masks, candidates) >= WORTH_NARROWING:
            return candidates
        kept: set[int] = set()
        for passing, segment in zip(masks, self._segments, strict=True):
            if passing:  # None: not filtered, 0: nothing passes
                kept.update(members(passing, segment.base))
        if None in masks:  # their candidates stay (a set of their whole ranges costs more)
            bases = [segment.base for segment in self._segments]
            kept.update(d for d in candidates
                        if masks[max(0, bisect_right(bases, d) - 1)] is None)
        return candidates & kept

    def _mask(self, segment: _Filtered, bits: list[int]) -> int | None:
        if segment.signatures is None:
            return None
        try:
            return segment.signatures.mask(bits)
        except CacheDamage as damage:
            self.damage.append(damage)
            self._segments = [s if s is not segment else _Filtered(s.base, s.entries, None)
                              for s in self._segments]
            self._known = {k: (None if v is segment.signatures else v)
                           for k, v in self._known.items()}
            return None

    def _passing_share(self, masks: list[int | None], candidates: set[int]) -> float:
        """The share of a sample of ``candidates`` that the filters let through."""
        bases = [segment.base for segment in self._segments]
        sample = list(islice(candidates, SAMPLE))
        passed = 0
        for docnum in sample:
            at = max(0, bisect_right(bases, docnum) - 1)
            found = masks[at]
            passed += found is None or found >> (docnum - bases[at]) & 1
        return passed / len(sample)
