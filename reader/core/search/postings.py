"""A term's whole posting list, read a block at a time.

Whoosh's matchers step through postings one at a time (``all_ids`` is a generator over
``next``/``id`` through the multi-segment and deletion wrappers, and block ids are
delta-decoded by a Python generator): about 3 µs a posting. A keystroke's new query
reads the lists of its grams and words once (later ones are cached), and that was
12 ms for a common gram at 100 MB of library. Here each segment's blocks are decoded
whole, at C speed; deleted entries are left in (the caller knows its live documents).
"""

from __future__ import annotations

from array import array
from itertools import accumulate
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher


def posting_ids(reader: Any, fieldname: str, term: bytes) -> array[int]:
    """Docnums (across segments) of every posting of ``term``, ascending."""
    return _read(reader, fieldname, term, None)


def posting_weights(reader: Any, fieldname: str, term: bytes) -> tuple[array[int], array[float]]:
    """Docnums and weights (term frequencies) of every posting of ``term``."""
    weights = array("f")  # as Whoosh keeps them: the same floats
    return _read(reader, fieldname, term, weights), weights


def _read(reader: Any, fieldname: str, term: bytes, weights: array[float] | None) -> array[int]:
    ids = array("q")
    for leaf, offset in reader.leaf_readers():
        if (fieldname, term) not in leaf:
            continue
        matcher = leaf._terms.matcher(fieldname, term, leaf.schema[fieldname].format)
        if isinstance(matcher, W3LeafMatcher):
            _read_blocks(matcher, offset, ids, weights)
        else:  # a short list inlined in the term info
            while matcher.is_active():
                ids.append(offset + matcher.id())
                if weights is not None:
                    weights.append(matcher.weight())
                matcher.next()
    return ids


def _read_blocks(
    matcher: Any, offset: int, ids: array[int], weights: array[float] | None
) -> None:
    """Each block's data (Whoosh's private ``_data``: ids as deltas from 0, weights) whole."""
    while matcher.is_active():
        matcher._read_data()  # each block's once: nothing else reads it
        ids.extend(map(offset.__add__, accumulate(matcher._data[0])))
        if weights is not None:
            matcher._read_weights()
            weights.extend(matcher._weights)
        matcher._next_block()
