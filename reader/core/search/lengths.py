"""Every document's field length (BM25's document length), read a segment at a time.

Whoosh answers ``doc_field_length`` one document at a time through the multi-segment
reader, the per-document reader and a one-byte file read: about 8 µs a document, and
the searcher needs every document's length for two fields each time it opens the
index (after every commit, and on the first query of a process: 30 ms at 100 MB).
A segment keeps its lengths as one byte per document (Whoosh's logarithmic
``length_to_byte``), so here each segment's bytes are read whole and mapped through
Whoosh's own table: the same floats.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import byte_to_length


def field_lengths(reader: Any, field_name: str, docnums: Iterable[int]) -> dict[int, float]:
    """The length of ``field_name`` in each of ``docnums`` (0.0 where it has none)."""
    table = _length_bytes(reader, field_name)
    if table is None:  # not a segment layout this module knows: Whoosh's way
        return {d: float(reader.doc_field_length(d, field_name) or 0) for d in docnums}
    return {d: float(byte_to_length(table[d])) for d in docnums}


def _length_bytes(reader: Any, field_name: str) -> bytes | None:
    """One length byte per docnum across the reader's segments, or None."""
    parts: list[bytes] = []
    for leaf, base in reader.leaf_readers():
        count = leaf.doc_count_all()
        if base != sum(map(len, parts)):
            return None
        perdoc = getattr(leaf, "_perdoc", None)
        cached = getattr(perdoc, "_cached_reader", None)
        if cached is None:
            return None
        column = cached(f"_{field_name}_len", LENGTHS_COLUMN)
        if column is None:  # no document has the field
            parts.append(bytes(count))
            continue
        try:
            if column._fixedlen != 1:  # not one byte a document: not the layout read here
                return None
            stored = column._count
            data = column._dbfile.get(column._basepos, stored)[:count] if stored else b""
        except AttributeError:
            return None
        parts.append(data + bytes(count - len(data)))
    return b"".join(parts)
