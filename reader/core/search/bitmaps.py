"""Sets of Whoosh docnums as the bits of one Python int.

A common gram is in most chunks of a big library (30,000 at 1 GB): as an array of
docnums that is 120 KB, and the gram cache held only the last hundred or so, so a
library's queries kept re-reading Whoosh postings (a third of a query's time at 1 GB).
As bits it is 4 KB, grams intersect with ``&`` at C speed, and only the survivors are
turned back into docnums. NumPy packs and unpacks the bits; without it callers keep
arrays (:func:`available`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from reader.core.search.optional import numpy_module as _numpy

DENSE_SHARE = 32
"""A set of more than one docnum in this many is kept as bits (an int of the docnum
span's bits is smaller than a 4-byte array of its members from there on)."""


def available() -> bool:
    return _numpy() is not None


def is_dense(count: int, span: int) -> bool:
    return available() and count * DENSE_SHARE > span


def from_ids(ids: array[int], span: int) -> int:
    """The bits of ``ids`` (an ``array('i')`` of docnums below ``span``)."""
    np = _numpy()
    flags = np.zeros(max(1, span), dtype=bool)
    flags[np.frombuffer(ids, dtype=np.intc)] = True
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def weight(span: int) -> int:
    """A bitmap's size in 4-byte elements (the gram cache's unit)."""
    return span // 32 + 1


def members(bits: int, base: int = 0) -> list[int]:
    """The docnums whose bits are set, ascending, each plus ``base``."""
    if not bits:
        return []
    np = _numpy()
    packed = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    flags = np.unpackbits(np.frombuffer(packed, dtype=np.uint8), bitorder="little")
    return (np.flatnonzero(flags) + base).tolist()


def keep(docnums: Iterable[int], bits: int) -> set[int]:
    """Those of ``docnums`` whose bits are set (a few against a dense set)."""
    packed = bits.to_bytes((bits.bit_length() + 7) // 8 or 1, "little")
    end = len(packed) * 8
    return {d for d in docnums if 0 <= d < end and packed[d >> 3] >> (d & 7) & 1}
