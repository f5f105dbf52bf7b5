"""Long texts split into chunks, so that search touches only the parts that can match.

The gram index holds one Whoosh document per chunk of a folded text: chunk ``k``
of a document owns the match starts ``[start, start + CHUNK_CHARS)`` and indexes
the grams of ``[start, start + CHUNK_CHARS + PREFIX_CHARS - 1)``. A literal is
filtered by the grams of its first :data:`PREFIX_CHARS` characters, and those all
lie inside the chunk that owns the match's start, so a match that straddles two
chunks is a candidate of exactly the chunk it starts in, and is found once.

Each chunk's stored fields say where its own characters are in the folded copy
beside the index (UTF-8 byte offset and size) and carry a CRC-32 of those bytes, so a
window is read with one seek and checked on its own: a damaged file can never turn into
a wrong hit, and no query reads a whole long text to verify one passage.
"""

from __future__ import annotations

import hashlib
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.core.search.integrity import MISSING, CacheDamage
from reader.core.search.lru import SizedLRU

CHUNK_CHARS = 16_384
"""Match starts a chunk owns. Small enough that verifying a rare phrase in a long book
reads a few pages, large enough that short documents stay one chunk (each chunk
repeats the common grams, which costs index size and build time)."""
PREFIX_CHARS = 64
"""Characters of a literal whose grams pick candidate chunks (and the overlap each
chunk indexes beyond its own characters, less one)."""
WINDOW_BYTES = 80_000_000
"""Chunk texts kept in memory by one searcher (Python's size of the strings): a 100 MB
library's folded text fits (CJK is two bytes a character in a Python string), a 1 GB
library's streams through."""
TEXT_BYTES = 2 * CHUNK_CHARS
"""Python's size of a full chunk's text of CJK (two bytes a character)."""


def text_bytes(chunk: Chunk) -> int:
    """Python's size of ``chunk``'s text of CJK."""
    return 2 * (chunk.end - chunk.start)
SEEN_LIMIT = 1_000_000
"""Chunks remembered as probed once (a set of keys, about 100 bytes each), then forgotten."""


def chunk_digest(data: bytes) -> str:
    """CRC-32, as 8 hex digits: it guards against a damaged or stale copy, not an
    attacker (whoever can write the cache can write its digests), and it runs at 6 GB/s
    where SHA-256 ran at 1.9 (an exact count at 1 GB reads most of the library's chunks,
    and a third of its time went to SHA-256)."""
    return f"{zlib.crc32(data):08x}"


def digest_holds(data: bytes, digest: str) -> bool:
    """Whether ``data`` is what ``digest`` was made from; 24 digits are the SHA-256 of an
    index built before CRC-32 (a cache stays valid: rebuilding 1 GB takes minutes)."""
    if len(digest) == _SHA_DIGITS:
        return hashlib.sha256(data).hexdigest()[:_SHA_DIGITS] == digest
    return chunk_digest(data) == digest


_SHA_DIGITS = 24


@dataclass(frozen=True)
class ChunkSpec:
    """One chunk as the indexer writes it."""

    seq: int
    start: int  # code point offset of its first owned character
    end: int  # one past its last owned character
    byte: int  # UTF-8 offset of ``start`` in the folded body
    size: int  # UTF-8 bytes of its owned characters
    digest: str  # of those bytes
    gram_text: str  # the characters whose grams it indexes (owned + overlap)


def split_chunks(folded: str) -> list[ChunkSpec]:
    """The chunks of ``folded`` (at least one, even for ""), with their place in its UTF-8."""
    specs: list[ChunkSpec] = []
    byte = 0
    for seq, start in enumerate(range(0, max(1, len(folded)), CHUNK_CHARS)):
        end = min(len(folded), start + CHUNK_CHARS)
        data = folded[start:end].encode("utf-8", "surrogatepass")
        gram_text = folded[start : end + PREFIX_CHARS - 1]
        specs.append(ChunkSpec(seq, start, end, byte, len(data), chunk_digest(data), gram_text))
        byte += len(data)
    return specs


@dataclass(frozen=True)
class Chunk:
    """One chunk as a searcher knows it (from the index's stored fields)."""

    doc_id: int
    seq: int
    start: int
    end: int
    byte: int
    size: int
    digest: str


class ChunkTable:
    """Whoosh docnum -> chunk, and each document's chunks in order."""

    def __init__(self, chunks: Iterable[tuple[int, Chunk]] = ()) -> None:
        self.by_docnum: dict[int, Chunk] = {}
        self.docnums: dict[int, list[int]] = {}  # doc id -> docnums by seq
        for docnum, chunk in chunks:
            self.by_docnum[docnum] = chunk
            self.docnums.setdefault(chunk.doc_id, []).append(docnum)
        for doc_id, docnums in self.docnums.items():
            docnums.sort(key=lambda d: self.by_docnum[d].seq)
            self.docnums[doc_id] = docnums
        # docnum -> doc id, -1 where there is no chunk: a common gram's thousands of
        # chunks map to their documents at C speed (no Python step per chunk).
        self._doc_of = [-1] * (max(self.by_docnum, default=-1) + 1)
        for docnum, chunk in self.by_docnum.items():
            self._doc_of[docnum] = chunk.doc_id
        self.text_bytes = sum(map(text_bytes, self.by_docnum.values()))
        """Python's size of every chunk's text (CJK): whether the library fits the cache."""

    @property
    def span(self) -> int:
        """One past the highest docnum of a chunk (the width of a docnum bitmap)."""
        return len(self._doc_of)

    def doc_ids(self, docnums: Iterable[int]) -> set[int]:
        doc_of = self._doc_of
        try:
            ids = set(map(doc_of.__getitem__, docnums))  # docnums from this index: in range
        except IndexError:
            ids = set(map(doc_of.__getitem__, filter(range(len(doc_of)).__contains__, docnums)))
        ids.discard(-1)
        return ids

    def following(self, chunk: Chunk) -> Chunk | None:
        docnums = self.docnums.get(chunk.doc_id, [])
        nxt = chunk.seq + 1
        return self.by_docnum[docnums[nxt]] if nxt < len(docnums) else None


ReadFn = Callable[[int, int, int], bytes | None]  # (doc id, byte, size) -> bytes
LocateFn = Callable[[int], Path]  # doc id -> its folded copy, for messages


class ChunkReader:
    """Verified texts of chunks, read by offset from the folded copies, LRU-cached.

    ``locate`` names a document's file in a damage report; it is called only then
    (building a path for every verified chunk was a fifth of a query's time).

    A chunk a query only checks is kept decoded from its second use on
    (:meth:`probe`): the first query of a process verifies a common word in
    nearly every chunk, and decoding the whole library for it was a third of its
    time; a one-off scan of a big library does not push out the chunks in use.
    For the same reason a search for thousands of documents reads :meth:`passing`.
    """

    def __init__(self, read: ReadFn, locate: LocateFn, budget: int = WINDOW_BYTES) -> None:
        self._read = read
        self._locate = locate
        self._items: SizedLRU[tuple[int, int], str] = SizedLRU(budget)
        self._seen: set[tuple[int, int]] = set()  # probed once, not kept yet
        self._passing = 0  # depth of :meth:`passing`; keeping while 0 (one thread's)

    @contextmanager
    def passing(self) -> Iterator[None]:
        """Within it, texts read are not kept and probes stay bytes (what is kept is still
        used). Every hit of ``的`` at 1 GB of library reads most chunks once: kept, they
        filled the cache with texts the panel's typing will not ask for, and the strings
        left scattered among the answer's freed memory held the process 80 MB higher
        (``heap``). A check of more chunks than the cache holds cannot keep them either:
        each repeat decoded them all again only to push them out (half of an exact count
        at 1 GB)."""
        self._passing += 1
        try:
            yield
        finally:
            self._passing -= 1

    @property
    def size(self) -> int:
        return self._items.size

    @property
    def keeping(self) -> bool:
        """False within :meth:`passing`."""
        return not self._passing

    @property
    def budget(self) -> int:
        return self._items.budget

    def holds(self, text_bytes: int) -> bool:
        """Whether texts of that size (Python's, :data:`TEXT_BYTES` a full chunk) fit."""
        return text_bytes <= self._items.budget

    def text(self, chunk: Chunk) -> str:
        """The owned characters of ``chunk``; :class:`CacheDamage` if they are not intact."""
        key = (chunk.doc_id, chunk.seq)
        cached = self._items.get(key)
        if cached is not None:
            return cached
        data = self._checked(chunk)
        try:
            text = data.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            raise CacheDamage(self._locate(chunk.doc_id), "not valid UTF-8") from None
        if len(text) != chunk.end - chunk.start:
            raise CacheDamage(self._locate(chunk.doc_id), f"chunk has {len(text)} characters,"
                                                          f" expected {chunk.end - chunk.start}")
        if not self._passing:
            self._items.put(key, text, sys.getsizeof(text))
            self._seen.discard(key)
        return text

    def kept(self) -> Callable[[tuple[int, int]], tuple[str, int] | None]:
        """(text, size) of a chunk kept decoded, by (doc id, seq), leaving the LRU order alone
        (see :meth:`.SizedLRU.peek`); None when it is not kept: then :meth:`probe`."""
        return self._items.peek()

    def probe(self, chunk: Chunk) -> str | bytes:
        """The chunk's text when kept or asked for before; the first time, its checked
        UTF-8 bytes (not decoded, not kept), which are enough to test for a literal."""
        key = (chunk.doc_id, chunk.seq)
        cached = self._items.get(key)
        if cached is not None:
            return cached
        if self._passing:
            return self._checked(chunk)
        if key in self._seen:
            return self.text(chunk)
        if len(self._seen) >= SEEN_LIMIT:
            self._seen.clear()
        self._seen.add(key)
        return self._checked(chunk)

    def _checked(self, chunk: Chunk) -> bytes:
        data = self._read(chunk.doc_id, chunk.byte, chunk.size)
        if data is None:
            raise CacheDamage(self._locate(chunk.doc_id), MISSING)
        if len(data) != chunk.size or not digest_holds(data, chunk.digest):
            raise CacheDamage(self._locate(chunk.doc_id),
                              f"checksum mismatch in characters {chunk.start}-{chunk.end}")
        return data

    def clear(self) -> None:
        self._items.clear()
        self._seen.clear()


def windows(
    chunks: list[Chunk], table: ChunkTable, reader: ChunkReader, needle: str
) -> Iterator[tuple[int, int, str]]:
    """(offset, owned end, text) per chunk: its owned characters and, when ``needle`` could
    start in them and run on into the next chunk, as much of the following text as it needs.
    """
    for chunk in chunks:
        text = reader.text(chunk)
        if _may_run_on(text, needle):
            text += _head(reader, table, table.following(chunk), len(needle) - 1)
        yield chunk.start, chunk.end, text


def reaching(
    chunks: list[Chunk], table: ChunkTable, reader: ChunkReader, reach: int
) -> Iterator[tuple[int, int, str]]:
    """(offset, owned end, text) per chunk: its owned characters and the ``reach`` after
    them, for several needles at once (any of them up to ``reach + 1`` long)."""
    for chunk in chunks:
        text = reader.text(chunk)
        if reach > 0:
            text += _head(reader, table, table.following(chunk), reach)
        yield chunk.start, chunk.end, text


def contains(chunks: list[Chunk], table: ChunkTable, reader: ChunkReader, needle: str) -> bool:
    """Does a match of ``needle`` start in one of ``chunks``? Stops at the first."""
    return any(starts_in(chunk, table, reader, needle) for chunk in chunks)


def starts_in(chunk: Chunk, table: ChunkTable, reader: ChunkReader, needle: str) -> bool:
    """Does a match of ``needle`` start in ``chunk``'s own characters?

    Most candidates of a common phrase hold it inside one chunk, so the owned text
    is searched before any join with the next chunk is built.
    """
    text = reader.probe(chunk)
    if isinstance(text, bytes):
        # UTF-8 is self-synchronising: the needle's bytes match only at code points.
        if needle.encode("utf-8", "surrogatepass") in text:
            return True
        if len(needle) < 2:
            return False
        tail = _last_chars(text, len(needle) - 1)
    else:
        if needle in text:
            return True
        if len(needle) < 2:
            return False
        tail = text[-(len(needle) - 1):]
    return runs_on(chunk, table, reader, tail, needle)


def runs_on(chunk: Chunk, table: ChunkTable, reader: ChunkReader, tail: str,
            needle: str) -> bool:
    """Does a match of ``needle`` start in ``tail``, the last ``len(needle) - 1`` characters
    of ``chunk``, and run on into the chunks after it?"""
    if not _may_run_on(tail, needle):
        return False
    return needle in tail + _head(reader, table, table.following(chunk), len(needle) - 1)


def _last_chars(data: bytes, count: int) -> str:
    """The last ``count`` code points of UTF-8 ``data`` (at most 4 bytes each)."""
    piece = data[-4 * count :]
    start = 0
    while start < len(piece) and 0x80 <= piece[start] < 0xC0:  # inside a code point
        start += 1
    return piece[start:].decode("utf-8", "surrogatepass")[-count:]


def _may_run_on(text: str, needle: str) -> bool:
    """Does some suffix of ``text`` begin ``needle`` (a match crossing the chunk's end)?"""
    if len(needle) < 2:
        return False
    tail = text[-(len(needle) - 1) :]
    at = tail.find(needle[0])
    while at >= 0:
        if needle.startswith(tail[at:]):
            return True
        at = tail.find(needle[0], at + 1)
    return False


def _head(reader: ChunkReader, table: ChunkTable, chunk: Chunk | None, count: int) -> str:
    """The first ``count`` characters from ``chunk`` on (literals may span many chunks)."""
    parts: list[str] = []
    while chunk is not None and count > 0:
        piece = reader.text(chunk)[:count]
        parts.append(piece)
        count -= len(piece)
        chunk = table.following(chunk)
    return "".join(parts)
