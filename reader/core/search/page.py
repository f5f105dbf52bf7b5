"""Which candidates make the page, in rank order, without sorting or building them all.

A common word has a candidate in nearly every document (2,000 at 100 MB of library,
20,000 at 1 GB), and only the page is returned. Building an object and a sort key for
each of them cost more than the rest of a query's ranking (1 µs an object, half that a
key tuple, on the 2-core VM). Here the candidates are two parallel lists (scores, doc
ids) split into two tiers (the query as typed matches; only its words do), and the
page is found from the scores alone: a C-level sort of floats gives the page's lowest
score, C-level ``compress`` the candidates at or above it, and only those are ordered
by (score descending, doc id).

The order is that of a full sort by (tier, -score, doc id) for the first ``limit``
places, followed by the rest of the run of candidates tied with the page's last one,
so that the density tie-break (``Searcher._break_ties``) sees the whole run that
reaches into the page, as after a full sort.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress


def page_order(exact_count: int, scores: Sequence[float], ids: Sequence[int],
               limit: int) -> list[int]:
    """Indices into ``scores``/``ids``: the page in rank order, then the tie run crossing
    its end. Indices below ``exact_count`` are the first tier (exact hits), the rest the
    second; every index when there are no more than ``limit``."""
    if limit <= 0:
        return []
    first = _tier_order(scores, ids, 0, exact_count, limit)
    if exact_count >= limit:
        return first
    return first + _tier_order(scores, ids, exact_count, len(ids), limit - exact_count)


def _tier_order(scores: Sequence[float], ids: Sequence[int], lo: int, hi: int,
                want: int) -> list[int]:
    """The first ``want`` of ``[lo, hi)`` by (-score, doc id), then the rest of their
    last one's tie run (all of them, ordered, when there are no more than ``want``)."""
    if hi - lo <= want:
        return sorted(range(lo, hi), key=lambda i: (-scores[i], ids[i]))
    tier = scores[lo:hi]
    bar = sorted(tier, reverse=True)[want - 1]  # the page's lowest score
    above = sorted(compress(range(lo, hi), map(bar.__lt__, tier)),
                   key=lambda i: (-scores[i], ids[i]))  # fewer than ``want``
    tied = sorted(compress(range(lo, hi), map(bar.__eq__, tier)), key=ids.__getitem__)
    return above + tied


def confirmed_first(scores: Sequence[float], ids: Sequence[int], limit: int,
                    verify: Callable[[set[int]], set[int]], batch: int,
                    max_ties: int) -> tuple[set[int], bool]:
    """The candidates ``verify`` confirms, checked in rank order, a growing batch at a time,
    until the page is settled: (confirmed, whether every candidate was checked).

    A common phrase of a big library has a candidate in most of its documents (20,000 at
    1 GB) and reading them all to confirm it cost a second; the page needs only the
    first ``limit`` that hold it, in the order of (-score, doc id). It is settled once
    ``limit`` are confirmed and the tie run of the last of them is known: every
    candidate of its score checked, or more than ``max_ties`` of them confirmed (a run
    the density tie-break leaves in id order, and unchecked ones have higher ids).
    The page and the runs it reaches into are then those of checking every candidate.
    """
    checked: set[int] = set()
    confirmed: set[int] = set()
    want = max(1, batch)
    while True:
        order = _tier_order(scores, ids, 0, len(ids), want)[:want]  # rank order, ties by id
        fresh = {ids[i] for i in order} - checked
        confirmed |= verify(fresh)
        checked |= fresh
        if len(order) >= len(ids):
            return confirmed, True
        if _settled(order, scores, ids, confirmed, limit, max_ties):
            return confirmed, False
        want *= 4


def _settled(order: list[int], scores: Sequence[float], ids: Sequence[int],
             confirmed: set[int], limit: int, max_ties: int) -> bool:
    held = [i for i in order if ids[i] in confirmed]
    if len(held) < limit:
        return False
    last = scores[held[limit - 1]]
    in_prefix = sum(1 for i in order if scores[i] == last)
    if in_prefix == sum(1 for score in scores if score == last):
        return True
    return sum(1 for i in held if scores[i] == last) > max_ties
