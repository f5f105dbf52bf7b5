"""Docnum sets as bits: what goes in comes out, ANDs intersect, small sets are filtered."""

from __future__ import annotations

import random
from array import array

from reader.core.search import bitmaps


def test_bits_hold_exactly_their_docnums() -> None:
    rng = random.Random(5)
    for _ in range(200):
        span = rng.randrange(1, 3000)
        a = sorted(rng.sample(range(span), rng.randrange(0, span + 1)))
        b = sorted(rng.sample(range(span), rng.randrange(0, span + 1)))
        bits_a = bitmaps.from_ids(array("i", a), span)
        bits_b = bitmaps.from_ids(array("i", b), span)
        assert bitmaps.members(bits_a) == a
        assert bitmaps.members(bits_a & bits_b) == sorted(set(a) & set(b))
        assert bitmaps.members(bits_b, 7) == [d + 7 for d in b]
        probe = {rng.randrange(-3, span + 40) for _ in range(50)}
        assert bitmaps.keep(probe, bits_a) == probe & set(a)


def test_dense_from_one_in_thirty_two() -> None:
    assert bitmaps.is_dense(33, 1024) and not bitmaps.is_dense(32, 1024)
    assert bitmaps.weight(32_000) == 1001  # 4 KB: a thousand 4-byte elements
    assert bitmaps.members(0) == [] and bitmaps.keep([1, 2], 0) == set()
