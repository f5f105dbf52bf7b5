"""Search: candidates from the gram index, literal verification, BM25 ranking,
exact positions for every occurrence.

Recall never depends on the index being complete: documents waiting in
``search_queue`` or missing from the index are always verified directly, so a
search during (re)indexing is slower but still finds everything.

Nor does it depend on the index being intact. An index whose files differ from
its manifest, that Whoosh cannot open, or that fails in the middle of a query is
set aside for that query (every document is verified directly) and invalidated,
so the indexer rebuilds it; a damaged folded text is replaced by folding the
text from SQLite and its document is queued for re-indexing. ``on_damage`` tells
the owner (the search service) to run the indexer.
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
from array import array
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import reduce
from operator import and_
from pathlib import Path
from typing import Any

from sqlite_utils import Database

# sqlite-utils picks the sqlite3 module (it may be pysqlite3); its errors are that module's
from sqlite_utils.utils import sqlite3  # pyright: ignore[reportPrivateImportUsage]
from whoosh import index as whoosh_index
from whoosh.searching import Searcher as WhooshSearcher

from reader.core.search import bitmaps, heap
from reader.core.search.analysis import Segmenter, query_grams
from reader.core.search.bm25 import Ranker
from reader.core.search.chunkfile import chunk_file, read_rows
from reader.core.search.chunks import (
    PREFIX_CHARS,
    TEXT_BYTES,
    Chunk,
    ChunkReader,
    ChunkTable,
    contains,
    reaching,
    runs_on,
    starts_in,
    text_bytes,
    windows,
)
from reader.core.search.doccache import DocCache
from reader.core.search.index import FoldedStore, Moment, SearchIndex, Stamp, one_line
from reader.core.search.integrity import CacheDamage
from reader.core.search.lru import SizedLRU
from reader.core.search.matches import Matches
from reader.core.search.page import confirmed_first, page_order
from reader.core.search.pairs import PairCache
from reader.core.search.passages import Passage, passages_in
from reader.core.search.positions import (
    clean_snippet,
    count_from,
    occurrences_from,
    occurrences_many,
    section_path,
    snippet_window,
)
from reader.core.search.postings import posting_ids
from reader.core.search.query import Literal, ParsedQuery, parse_query
from reader.core.search.response import Hit, SearchResponse, SearchStopped
from reader.core.search.signatures import SignatureFilter
from reader.core.search.tagged import search_annotations, tag_scope
from reader.core.storage.db import open_database, transaction
from reader.core.storage.documents import DocumentStore, IndexOp
from reader.errors import PizhuError
from reader.platform.paths import library_path

log = logging.getLogger(__name__)

TITLE_BOOST = 3.0
MAX_FILTER_GRAMS = 64
"""A literal's rarest grams (of its first this-many) pick the candidates; any subset
gives a superset of the true matches, and verification makes it exact."""
MAX_INTERSECT = 6
CACHE_ENTRIES = 20_000
GRAM_CACHE_ELEMENTS = 4_000_000
"""Chunk docnums kept in the gram cache (4 bytes each, a common gram's bits count as
their bytes / 4): 16 MB, the grams of a few thousand queries even at 1 GB."""
HOLDER_CACHE_DOCUMENTS = 500_000
"""Document ids kept of words' holders, 8 bytes each in an array (any SQLite rowid fits):
4 MB at most (as sets, some 60 bytes an id, 632 words of a warm 100 MB library's queries
held 19 MB)."""
MAX_DENSITY_TIES = 64
"""Tied documents counted to put the denser first; a longer run stays in id order.
Counting reads each one (a 1 GB library's 220 copies of a report tie on every query
of theirs: counting them was a quarter of its page's time, for an order of equals)."""
LAZY_MIN_CANDIDATES = 200
"""Candidates the panel's search confirms all of (an exact total costs little then);
beyond, it confirms them in rank order until its page is full (``exact_total``)."""
STOP_EVERY = 256  # chunks read between two asks of a search's ``stop()``
MAX_PIECE_CHARS = 4  # every substring up to this length is looked up as a word ...
MAX_WORD_CHARS = 8  # ... and the whole query up to this length (中国特色社会主义 is one word)
MAX_RANKED_CHARS = 64


@dataclass(slots=True)
class _Plan:
    """What postings left of a query: candidates, and what their texts must be read for."""

    candidates: set[int]
    to_check: list[list[Literal]]  # groups postings alone cannot decide
    excludes: list[Literal]  # exclusions postings alone cannot decide
    unindexed: AbstractSet[int]  # read whole, not by chunks

    @property
    def decided(self) -> bool:
        """The candidates are the answer: nothing is left to read."""
        return not self.to_check and not self.excludes and not self.unindexed


@dataclass(slots=True)
class _Candidate:
    doc_id: int
    exact: bool
    needles: list[str]
    score: float = 0.0
    density: float = 0.0
    allowed: list[tuple[int, int]] | None = None  # tag passages; None = whole document
    found: Matches | None = None  # its positions, once a tie needed them


class Searcher:
    """One per thread: it owns a SQLite connection and a Whoosh searcher.

    ``on_damage`` is called (on the searching thread) after damage to the index
    cache was found and marked for repair, so that the owner can run the indexer.
    """

    def __init__(
        self,
        data_dir: Path,
        segmenter: Segmenter,
        db: Database | None = None,
        on_damage: Callable[[], None] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.segmenter = segmenter
        self.db = db or open_database(library_path(data_dir))
        self._own_db = db is None
        self.on_damage = on_damage
        self.index = SearchIndex(data_dir)
        self.cache = DocCache(self.db, FoldedStore(self.index.path), self._text_damaged)
        self._ix: whoosh_index.Index | None = None
        self._searcher: WhooshSearcher | None = None
        self._docmap: dict[int, int] = {}  # whoosh docnum of a first chunk -> doc id
        self._dense: dict[int, int] = {}  # each indexed document's place in the ranker
        self._ranker = Ranker()
        self._chunks = ChunkTable()
        self._chunk_texts = ChunkReader(self._read_chunk, self._folded_path)
        self._pairs = PairCache(lambda chunks, reach: list(
            reaching(chunks, self._chunks, self._chunk_texts, reach)))
        self._opened: Moment = (-1, -1)  # what the open searcher was verified against
        self._gram_cache: SizedLRU[bytes, array[int] | int] = SizedLRU(GRAM_CACHE_ELEMENTS)
        self._word_cache: dict[str, bool] = {}
        self._holder_cache: SizedLRU[str, array[int]] = SizedLRU(HOLDER_CACHE_DOCUMENTS)
        self._gram_freq: dict[bytes, int] = {}  # gram -> chunks holding it, -1: none
        self._segment_chunks: dict[str, list[tuple[int, Chunk]]] = {}  # by segment id
        self._signatures = SignatureFilter()
        # The query being answered: its Whoosh searcher, documents verified on whole texts,
        # and the candidate chunks of each literal (computed once per query).
        self._q_searcher: WhooshSearcher | None = None
        self._q_unindexed: AbstractSet[int] = frozenset()
        self._q_chunks: dict[str, set[int] | None] = {}
        self._q_stop: Callable[[], bool] | None = None
        # (all ids, the index's documents, those of the first not in the second)
        self._missing: tuple[frozenset[int], dict[int, int], frozenset[int]] | None = None

    def close(self) -> None:
        self._close_whoosh()
        if self._own_db:
            self.db.close()

    # -- Whoosh plumbing -------------------------------------------------------------

    def _close_whoosh(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        if self._ix is not None:
            self._ix.close()
        self._searcher = self._ix = None
        self._docmap = {}
        self._dense = {}
        self._ranker.reset(None, [])
        self._chunks = ChunkTable()
        self._chunk_texts.clear()
        self._pairs.clear()
        self._gram_cache.clear()
        self._holder_cache.clear()
        self._word_cache = {}
        self._gram_freq = {}

    def _whoosh(self) -> WhooshSearcher | None:
        """The current searcher, reopened when the index changed; None without a sound index."""
        try:
            if self._searcher is not None and self._searcher.up_to_date():
                return self._searcher
        except OSError:  # the folder went away: see below
            pass
        self._close_whoosh()
        if self.index.read_stamp() != Stamp.expected(self.data_dir, self.segmenter.engine):
            return None  # missing or outdated: the indexer rebuilds it, search scans meanwhile
        opened = self.index.read_settled(self._open_whoosh, "cannot be opened")
        if not isinstance(opened, WhooshSearcher):  # a broken cache must not break search: scan
            self._close_whoosh()
            if opened is not None:  # None: a commit got in the way; the next query reopens
                self._index_damaged(opened, self.index.moment())
            return None
        moment = self.index.moment(opened.reader().generation())
        damage = self.index.file_damage(generation=moment[0])
        if damage:
            self._close_whoosh()
            self._index_damaged(damage[0], moment)
            return None
        self._opened = moment
        return opened

    def _open_whoosh(self) -> WhooshSearcher:
        self._ix = self.index.open()
        self._searcher = self._ix.searcher()
        entries = self._chunk_entries(self._searcher.reader())
        self._chunks = ChunkTable(entries)
        self._docmap = {docnum: chunk.doc_id for docnum, chunk in entries if chunk.seq == 0}
        firsts = sorted(self._docmap)
        self._dense = {self._docmap[docnum]: at for at, docnum in enumerate(firsts)}
        self._ranker.reset(self._searcher.reader(), firsts)
        return self._searcher

    def _chunk_entries(self, reader: Any) -> list[tuple[int, Chunk]]:
        """(docnum, chunk) of every live entry, segment by segment.

        Reading a chunk's stored fields costs tens of microseconds (0.15 s at 100 MB,
        ten times that at 1 GB), so a segment's chunk file (:mod:`.chunkfile`) is read
        instead where there is a sound one. Every commit reopens the searcher; segments
        never change once written, except that entries get deleted, so the chunks of
        the segments seen before are kept (by segment id) and only filtered for
        deletions: after an update only the new segment is read.
        """
        kept: dict[str, list[tuple[int, Chunk]]] = {}
        entries: list[tuple[int, Chunk]] = []
        segments: list[tuple[str, int, int]] = []
        for leaf, base in reader.leaf_readers():
            segment = leaf.segment() if hasattr(leaf, "segment") else None  # none when empty
            key = segment.segment_id() if segment is not None else ""
            known = self._segment_chunks.get(key) if key else None
            if known is None and key:
                known = read_rows(chunk_file(self.index.path, key), leaf.doc_count_all())
            if known is None:
                chunks = [(n, Chunk(int(stored["doc_id"]), *stored["chunk"]))
                          for n, stored in leaf.iter_docs()]  # fmt: skip
            elif leaf.has_deletions():
                deleted = leaf.is_deleted
                chunks = [(n, chunk) for n, chunk in known if not deleted(n)]
            else:
                chunks = known
            kept[key] = chunks
            entries += [(base + n, chunk) for n, chunk in chunks]
            segments.append((key, base, leaf.doc_count_all()))
        self._segment_chunks = kept
        self._signatures.reset(self.index.path, segments)
        return entries

    def _read_chunk(self, doc_id: int, byte: int, size: int) -> bytes | None:
        meta = self.cache.meta.get(doc_id)
        if meta is None:
            return None
        return self.cache.folded.read_range(doc_id, meta[2], byte, size) if self.cache.folded \
            else None

    def _index_damaged(self, damage: CacheDamage, moment: Moment) -> None:
        """Search on without the index and, unless a commit since ``moment`` explains it,
        have it rebuilt."""
        if self.index.in_flux(moment):  # the next query reopens a sound index
            return
        log.warning("%s; searching without the index until it is rebuilt", damage)
        try:
            self.index.invalidate()
        except PizhuError as exc:  # then every query verifies directly: slow, still right
            log.warning("%s", exc)
        self._notify()

    def _text_damaged(self, doc_id: int, damage: CacheDamage) -> None:
        """A damaged folded text: the cache folds the text from SQLite; queue a re-index."""
        log.warning("%s; using the library's text of document %d instead", damage, doc_id)
        self._queue_reindex(doc_id)
        self._notify()

    def _queue_reindex(self, doc_id: int) -> None:
        """Best effort and without waiting: a query must not block on another writer.

        If the library is busy the row is not written; this searcher still answers
        from SQLite, and the next one to read the file (or ``pizhu check``) finds it.
        """
        timeout = self.db.execute("PRAGMA busy_timeout").fetchone()[0]
        self.db.execute("PRAGMA busy_timeout = 0")
        try:
            with transaction(self.db):
                DocumentStore(self.db).enqueue_index(doc_id, IndexOp.UPSERT)
        except (sqlite3.Error, PizhuError) as exc:  # busy, full disk, read-only library
            log.warning("could not queue document %d for re-indexing: %s", doc_id, exc)
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {int(timeout)}")

    def _notify(self) -> None:
        if self.on_damage is not None:
            self.on_damage()

    def _pending(self) -> set[int]:
        """Documents queued for the indexer, read before the Whoosh searcher is (re)opened.

        The other way round, a commit in between could dequeue a document whose entry
        the open searcher still has from before its change: its old words would then
        claim it holds a literal (see :meth:`_word_holders`). Read first, a document the
        indexer dequeues meanwhile is only verified on its text once more.
        """
        return {row[0] for row in self.db.execute("SELECT doc_id FROM search_queue")}

    def _unindexed(self, searcher: WhooshSearcher | None, pending: set[int]) -> frozenset[int]:
        """Documents whose index entry is missing or stale: always verified directly."""
        ids = self.cache.all_ids()
        if searcher is None:
            return ids
        known = self._missing
        if known is None or known[0] is not ids or known[1] is not self._dense:
            # Kept until the library or the index changes: two sets of every document
            # per query were most of a 1 GB library's fixed cost (3 ms).
            known = (ids, self._dense, frozenset(ids - self._dense.keys()))
            self._missing = known
        return known[2] | (pending & ids) if pending else known[2]

    def _chunk_candidates(self, searcher: WhooshSearcher | None, needle: str) -> set[int] | None:
        """Docnums of the chunks in which a match of ``needle`` may start (None: any)."""
        if searcher is self._q_searcher and needle in self._q_chunks:
            return self._q_chunks[needle]
        found = self._chunk_filter(searcher, needle)
        if searcher is self._q_searcher:
            self._q_chunks[needle] = found
        return found

    def _chunk_filter(self, searcher: WhooshSearcher | None, needle: str) -> set[int] | None:
        grams = query_grams(needle[:PREFIX_CHARS])
        if searcher is None or not grams:
            return None
        reader = searcher.reader()
        freqs = []
        for gram in grams[:MAX_FILTER_GRAMS]:
            term = gram.encode("utf-8")
            freq = self._gram_frequency(reader, term)
            if freq < 0:
                return set()
            freqs.append((freq, term))
        freqs.sort()
        postings = [self._gram_chunks(reader, term) for _freq, term in freqs[:MAX_INTERSECT]]
        dense = [p for p in postings if isinstance(p, int)]
        bits = reduce(and_, dense) if dense else 0
        if dense and not bits:
            return set()
        sparse = [p for p in postings if not isinstance(p, int)]  # the rarest first
        if sparse:
            found = set(sparse[0])
            for ids in sparse[1:]:
                found.intersection_update(ids)
                if not found:
                    return set()
            if dense:
                found = bitmaps.keep(found, bits)
        else:
            found = set(bitmaps.members(bits))
        if found and len(needle) >= 3:  # pairs cannot tell 力，更 from 力， and ，更 apart
            found = self._signatures.narrow(found, needle)
            while self._signatures.damage:  # that segment is no longer filtered: rebuild
                self._index_damaged(self._signatures.damage.pop(), self._opened)
        return found or set()

    def _gram_frequency(self, reader: Any, term: bytes) -> int:
        """How many chunks hold ``term`` (-1: none); kept until the index changes, as two
        term-table lookups per gram were a sixth of a small library's query."""
        freq = self._gram_freq.get(term)
        if freq is None:
            freq = reader.doc_frequency("grams", term) if ("grams", term) in reader else -1
            if len(self._gram_freq) >= CACHE_ENTRIES:
                self._gram_freq.clear()
            self._gram_freq[term] = freq
        return freq

    def _candidates_for(self, searcher: WhooshSearcher | None, needle: str) -> set[int] | None:
        """Doc ids that may contain ``needle`` (None = no restriction)."""
        chunks = self._chunk_candidates(searcher, needle)
        return None if chunks is None else self._chunks.doc_ids(chunks)

    def _gram_chunks(self, reader: Any, term: bytes) -> array[int] | int:
        """Chunk docnums of one gram; cached until the index changes (keystrokes repeat
        grams). Entries Whoosh has deleted (replaced documents) are left out.

        An array, 4 bytes a chunk (a frozenset took about 40), or for a gram in more
        than one chunk in 32 the bits of an int (:mod:`.bitmaps`): a query makes a set
        of the rarest and keeps what the others' hold, or ANDs the bits of common ones.
        """
        cached = self._gram_cache.get(term)
        if cached is None:
            live = self._chunks.by_docnum.__contains__
            ids = array("i", filter(live, posting_ids(reader, "grams", term)))
            span = self._chunks.span
            if bitmaps.is_dense(len(ids), span):
                bits = bitmaps.from_ids(ids, span)
                self._gram_cache.put(term, bits, bitmaps.weight(span))
                return bits
            cached = ids
            self._gram_cache.put(term, cached, len(cached))
        return cached

    def _doc_chunks(self, doc_id: int, needle: str) -> list[Chunk] | None:
        """The chunks of ``doc_id`` in which ``needle`` may start, in order; None when the
        document is not (soundly) in the index, so its whole text is read."""
        if self._q_searcher is None or doc_id in self._q_unindexed:
            return None
        table = self._chunks
        docnums = table.docnums.get(doc_id)
        if docnums is None:
            return None
        found = self._chunk_candidates(self._q_searcher, needle)
        if found is None:
            return [table.by_docnum[d] for d in docnums]
        return [table.by_docnum[d] for d in docnums if d in found]

    def _windows(self, doc_id: int, needle: str) -> list[tuple[int, int, str]]:
        """(offset, owned end, folded text) covering every place ``needle`` can start in
        ``doc_id``: the candidate chunks' windows, or the whole text when the document is
        not (soundly) in the index."""
        return self._chunk_windows(doc_id, self._doc_chunks(doc_id, needle), lambda chunks:
                                   windows(chunks, self._chunks, self._chunk_texts, needle))

    def _many_windows(self, doc_id: int, needles: list[str]) -> list[tuple[int, int, str]]:
        """Windows covering every place one of ``needles`` can start in ``doc_id``: the
        chunks any of them may start in, each with the text the longest needs after it."""
        reach = max(map(len, needles)) - 1
        return self._chunk_windows(doc_id, self._candidate_chunks(doc_id, needles),
                                   lambda chunks: reaching(chunks, self._chunks,
                                                           self._chunk_texts, reach))

    def _candidate_chunks(self, doc_id: int, needles: list[str]) -> list[Chunk] | None:
        """The chunks of ``doc_id`` any of ``needles`` may start in, in order; None when
        the document is not (soundly) in the index."""
        if len(needles) == 1:
            return self._doc_chunks(doc_id, needles[0])
        per_needle = [self._doc_chunks(doc_id, needle) for needle in needles]
        if any(found is None for found in per_needle):
            return None
        return sorted({c.seq: c for found in per_needle for c in found or ()}.values(),
                      key=lambda c: c.seq)

    def _chunk_windows(
        self, doc_id: int, chunks: list[Chunk] | None,
        read: Callable[[list[Chunk]], Iterable[tuple[int, int, str]]],
    ) -> list[tuple[int, int, str]]:
        """``read(chunks)``, or the whole text when the document is not (soundly) indexed."""
        if chunks is not None:
            try:
                return list(read(chunks))
            except CacheDamage as damage:
                self._chunk_damaged(doc_id, damage)
        text = self.cache.text(doc_id)
        return [(0, len(text), text)]

    def _chunk_damaged(self, doc_id: int, damage: CacheDamage) -> None:
        if not damage.missing:  # a missing copy is no damage: use SQLite
            self._text_damaged(doc_id, damage)

    def _folded_path(self, doc_id: int) -> Path:
        meta = self.cache.meta.get(doc_id)
        store = self.cache.folded
        if meta is None or store is None:
            return self.index.path
        return store.file(doc_id, meta[2])

    def _contains(self, doc_id: int, needle: str) -> bool:
        chunks = self._doc_chunks(doc_id, needle)
        if chunks is not None:
            try:
                return contains(chunks, self._chunks, self._chunk_texts, needle)
            except CacheDamage as damage:
                self._chunk_damaged(doc_id, damage)
        return needle in self.cache.text(doc_id)

    def _holding(self, needle: str, docs: set[int]) -> set[int]:
        """Which of ``docs`` (all in the index) hold ``needle``, verified chunk by chunk.

        One pass over the literal's candidate chunks instead of one call per document:
        a common phrase has a candidate in nearly every chunk of the library, and the
        per-document bookkeeping cost more than the search itself.
        """
        chunks = self._chunk_candidates(self._q_searcher, needle)
        if chunks is None:
            return {d for d in docs if self._contains(d, needle)}
        confirmed = docs.intersection(self._word_holders(self._q_searcher, needle))
        if confirmed:
            docs = docs - confirmed
            if not docs:
                return confirmed
        if len(docs) * 4 < len(chunks):  # a few documents left (a later AND group)
            docnums = self._chunks.docnums
            ordered = [n for d in sorted(docs) for n in docnums.get(d, ()) if n in chunks]
        else:
            ordered = sorted(chunks)
        reader = self._chunk_texts
        with contextlib.nullcontext() if self._fit(ordered) else reader.passing():
            return self._holding_in(needle, docs, ordered) | confirmed

    def _fit(self, docnums: list[int]) -> bool:
        """Whether the texts of those chunks fit in the cache: by their count for most
        checks, by their sizes for a library of short documents (small chunks)."""
        if self._fit_all() or self._chunk_texts.holds(len(docnums) * TEXT_BYTES):
            return True
        chunks = filter(None, map(self._chunks.by_docnum.get, docnums))
        return self._chunk_texts.holds(sum(map(text_bytes, chunks)))

    def _fit_all(self) -> bool:
        """Whether the texts of every chunk of the index fit in the cache."""
        return self._chunk_texts.holds(self._chunks.text_bytes)

    def _holding_in(self, needle: str, docs: set[int], ordered: list[int]) -> set[int]:
        """Which of ``docs`` hold ``needle`` in the chunks ``ordered`` (docnums)."""
        table, reader = self._chunks, self._chunk_texts
        by_docnum = table.by_docnum
        found: set[int] = set()
        damaged: set[int] = set()
        kept = reader.kept()
        tail = 1 - len(needle)  # a match running on into the next chunk starts in text[tail:]
        for n, docnum in enumerate(ordered):
            if not n % STOP_EVERY:
                self._stop_point()
            chunk = by_docnum.get(docnum)
            if chunk is None:
                continue
            doc = chunk.doc_id
            if doc in found or doc not in docs or doc in damaged:
                continue
            try:
                entry = kept((doc, chunk.seq))  # a kept text: no Python call to reach it
                if entry is None:
                    if starts_in(chunk, table, reader, needle):
                        found.add(doc)
                elif needle in entry[0] or tail and runs_on(chunk, table, reader,
                                                            entry[0][tail:], needle):
                    found.add(doc)
            except CacheDamage as damage:
                damaged.add(doc)
                self._chunk_damaged(doc, damage)
        found.update(d for d in damaged if needle in self.cache.text(d))
        return found

    def _word_holders(self, searcher: WhooshSearcher | None, needle: str) -> array[int]:
        """Indexed documents one of whose jieba words is ``needle``: they hold it, unread.

        A common word (``国务院``, ``人民代表大会``) is in most documents, and finding its
        first occurrence in each scanned half the library; the words field, which ranks
        them anyway, already says where jieba cut it out (a subset: jieba may cut the
        same characters otherwise elsewhere, and those are verified as before).
        """
        if searcher is None or not self._is_indexed_word(searcher, needle):
            return array("q")
        held = self._holder_cache.get(needle)
        if held is None:
            docmap = self._docmap
            ids = posting_ids(searcher.reader(), "words", needle.encode("utf-8"))
            held = array("q", (d for d in map(docmap.get, ids) if d is not None))  # None: deleted
            self._holder_cache.put(needle, held, len(held))
        return held

    def _count(self, doc_id: int, needles: list[str]) -> int:
        """How many of :meth:`_positions` there are, without building them."""
        unique = list(dict.fromkeys(n for n in needles if n))
        chunks = self._candidate_chunks(doc_id, unique) if unique else None
        if chunks is not None:
            with contextlib.suppress(CacheDamage):  # then the windows' read reports it
                indexed = self._pairs.count(chunks, unique, build=self._chunk_texts.keeping)
                if indexed is not None:
                    return indexed
        # Matches of different needles never coincide (same start and end: same text).
        return sum(
            count_from(text, needle, end - offset)
            for needle in dict.fromkeys(n for n in needles if n)
            for offset, end, text in self._windows(doc_id, needle)
        )

    def _positions(self, doc_id: int, needles: list[str]) -> Matches:
        """Every occurrence of every needle in ``doc_id``, ascending, each found once.

        One needle (the common case, and ``，`` has thousands per document) needs no
        set: chunks own disjoint ranges and are read in order, so each occurrence is
        found once and in order.
        """
        unique = list(dict.fromkeys(n for n in needles if n))
        indexed = self._indexed_positions(doc_id, unique)
        if indexed is not None:
            return indexed
        if len(unique) > 1:
            many = occurrences_many(self._many_windows(doc_id, unique), unique)
            if many is not None:
                return many
        found = Matches()
        for needle in unique:
            for offset, owned_end, text in self._windows(doc_id, needle):
                found.extend(occurrences_from(text, needle, offset, owned_end - offset))
        if len(unique) > 1:
            # Two needles never match at the same (start, end) (that would be the same
            # text), so the runs only need merging: a sort at C speed.
            found.sort()
        return found

    def _indexed_positions(self, doc_id: int, needles: list[str]) -> Matches | None:
        """:meth:`_positions` from the chunks' pair indexes (:mod:`.pairs`); None when they
        cannot answer, so the windows are scanned (and any damage reported there)."""
        chunks = self._candidate_chunks(doc_id, needles) if needles else None
        if chunks is not None:
            with contextlib.suppress(CacheDamage):  # then the windows' read reports it
                return self._pairs.positions(chunks, needles, build=self._chunk_texts.keeping)
        return None

    def warm_up(self, stop: Callable[[], bool]) -> int:
        """Read chunk texts into the cache until it is full, ``stop()`` says so or every
        chunk is in; returns how many were read.

        Verifying a common phrase reads nearly every chunk, which the first such
        query would otherwise do while the user waits (0.6 s at 100 MB, decoding
        and checking 60 MB); a window warms this on its worker before that query,
        and the documents' word counts BM25 needs first.
        """
        self.cache.refresh()
        searcher = self._whoosh()
        if searcher is None:
            return 0
        for field_name in ("words", "title_words"):  # BM25's lengths (lengths.py)
            if stop():
                return 0
            self._ranker.lengths(field_name)
        read = 0
        reader = self._chunk_texts
        for doc_id in sorted(self._chunks.docnums):
            for docnum in self._chunks.docnums[doc_id]:
                if stop() or reader.size >= reader.budget * 0.95:
                    return read
                try:
                    reader.text(self._chunks.by_docnum[docnum])
                except CacheDamage:
                    break  # a query finds it and reports it
                read += 1
        return read

    # -- search ----------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        doc_id: int | None = None,
        tag: str | None = None,
        annotations: bool = False,
        exact_total: bool = True,
        stop: Callable[[], bool] | None = None,
        within: Iterable[int] | None = None,
    ) -> SearchResponse:
        """The first ``limit`` hits of ``query``, ranked, and how many documents match.

        With ``exact_total=False`` (the search panel, as the user types) a common
        phrase's candidates are confirmed in rank order only until the page is full:
        the hits and their order are those of a full search, but ``total`` may then
        be a lower bound (``total_exact`` False), which :meth:`count` makes exact.
        ``stop()`` is asked now and then while texts are read; when it says so the
        search raises :class:`SearchStopped`. ``within`` keeps to those documents (a
        collection), ranking, page and total alike.
        """
        started = time.perf_counter()
        parsed = parse_query(query)
        if within is not None:
            parsed.within = frozenset(within)
        if doc_id is not None:
            parsed.doc_ids.append(doc_id)
        if tag:
            parsed.tags.append(tag)
        if parsed.is_empty:
            notes = parsed.notes or ["nothing to search for"]
            return SearchResponse(query, _ms(started), 0, [], notes)
        self.cache.refresh()
        self._q_stop = stop
        try:
            if annotations:
                total, hits = search_annotations(self.db, self.cache, parsed,
                                                 self._scope(parsed), limit)
                exact = True
            else:
                total, hits, exact = self._search_documents(parsed, limit, exact_total)
        finally:
            self._q_stop = None
        if len(hits) > heap.BIG_ANSWER:
            heap.give_back()  # what building this answer freed, before the next ratchets up
        return SearchResponse(query, _ms(started), total, hits, parsed.notes, exact)

    def count(
        self,
        query: str,
        *,
        doc_id: int | None = None,
        tag: str | None = None,
        annotations: bool = False,
        stop: Callable[[], bool] | None = None,
        within: Iterable[int] | None = None,
    ) -> int:
        """How many documents match ``query``: the exact ``total`` of :meth:`search`,
        without ranking or positions."""
        return self.search(query, limit=0, doc_id=doc_id, tag=tag, annotations=annotations,
                           stop=stop, within=within).total

    def _stop_point(self) -> None:
        if self._q_stop is not None and self._q_stop():
            raise SearchStopped

    def _search_documents(
        self, parsed: ParsedQuery, limit: int, exact_total: bool
    ) -> tuple[int, list[Hit], bool]:
        pending = self._pending()
        searcher = self._whoosh()
        if searcher is not None:
            # Thousands of documents read through the cache, unless all the library fits.
            big = limit > heap.BIG_ANSWER and not self._fit_all()
            try:
                with self._chunk_texts.passing() if big else contextlib.nullcontext():
                    return self._documents(parsed, limit, searcher, pending, exact_total)
            except (sqlite3.Error, PizhuError, SearchStopped):
                raise
            except Exception as exc:  # a damaged segment can fail any read: answer without it
                damage = CacheDamage(self.index.path, f"query failed: {one_line(exc)}")
                moment = self._opened
                self._close_whoosh()
                self._index_damaged(damage, moment)
        return self._documents(parsed, limit, None, pending, True)

    def _documents(
        self, parsed: ParsedQuery, limit: int, searcher: WhooshSearcher | None,
        pending: set[int], exact_total: bool,
    ) -> tuple[int, list[Hit], bool]:
        """Hits of ``parsed``: candidates from ``searcher`` (all documents if None), verified."""
        scope = self._scope(parsed)
        unindexed = self._unindexed(searcher, pending)
        self._q_searcher, self._q_unindexed, self._q_chunks = searcher, unindexed, {}
        plan = self._plan(parsed, searcher, scope, unindexed)
        loose_words = self._loose_words(parsed, searcher)
        page_first = not exact_total and not parsed.tags and limit > 0
        complete = True
        if page_first and not plan.decided and len(plan.candidates) > LAZY_MIN_CANDIDATES:
            ranked = sorted(plan.candidates)
            scores = self._scores(parsed, searcher, ranked, loose_words)
            exact_ids, complete = confirmed_first(
                scores, ranked, limit, lambda ids: self._check(parsed, plan, ids), limit,
                MAX_DENSITY_TIES)
        else:
            exact_ids = self._check(parsed, plan, plan.candidates)
        if page_first and (not complete or loose_words and len(exact_ids) >= limit):
            # The page is all exact hits: the rest of them, and the documents with only
            # the words, are for the count.
            return len(exact_ids), self._page(parsed, exact_ids, limit, [], {},
                                              loose_words), False
        ids = list(exact_ids)
        exact_count = len(ids)
        if loose_words:
            loose = ParsedQuery(
                groups=[[Literal(w, w, True)] for w in loose_words], excludes=parsed.excludes
            )
            ids += self._verified(loose, searcher, scope, unindexed) - exact_ids
        needles = [lit.folded for lit in parsed.literals]
        allowed: dict[int, list[tuple[int, int]]] = {}
        if parsed.tags:
            kept = self._apply_tags(parsed.tags, [
                _Candidate(d, n < exact_count, needles if n < exact_count else loose_words)
                for n, d in enumerate(ids)])
            ids = [c.doc_id for c in kept]
            exact_count = sum(c.exact for c in kept)
            allowed = {c.doc_id: c.allowed for c in kept if c.allowed is not None}
        if limit <= 0:
            return len(ids), [], True
        return len(ids), self._page(parsed, ids[:exact_count], limit, ids[exact_count:],
                                    allowed, loose_words), True

    def _page(
        self, parsed: ParsedQuery, exact: Iterable[int], limit: int, loose: list[int],
        allowed: dict[int, list[tuple[int, int]]], words: list[str],
    ) -> list[Hit]:
        """The first ``limit`` of ``exact`` then ``loose`` documents (ranked also on
        ``words``, which a loose one holds), as hits."""
        ids = [*exact, *loose]
        exact_count = len(ids) - len(loose)
        needles = [lit.folded for lit in parsed.literals]
        scores = self._scores(parsed, self._q_searcher, ids, words)
        # Objects for the page and its tie run only (see :mod:`.page`).
        candidates = [
            _Candidate(ids[n], n < exact_count, needles if n < exact_count else words,
                       scores[n], allowed=allowed.get(ids[n]))
            for n in page_order(exact_count, scores, ids, limit)
        ]
        self._break_ties(candidates, limit)
        return self._hits(candidates[: max(0, limit)])

    def _scope(self, parsed: ParsedQuery) -> AbstractSet[int]:
        ids = self.cache.all_ids()
        if parsed.within is not None:
            ids &= parsed.within
        if parsed.doc_ids:
            ids &= set(parsed.doc_ids)
        for title in parsed.titles:
            ids = {i for i in ids if title in self.cache.folded_titles[i]}
        return ids

    def _verified(
        self,
        parsed: ParsedQuery,
        searcher: WhooshSearcher | None,
        scope: AbstractSet[int],
        unindexed: AbstractSet[int],
    ) -> set[int]:
        """Documents in ``scope`` whose folded text satisfies every group and no exclusion."""
        plan = self._plan(parsed, searcher, scope, unindexed)
        return self._check(parsed, plan, plan.candidates)

    def _plan(
        self,
        parsed: ParsedQuery,
        searcher: WhooshSearcher | None,
        scope: AbstractSet[int],
        unindexed: AbstractSet[int],
    ) -> _Plan:
        """The documents the postings leave, and what of the query their texts must show.

        A literal of one gram (one or two characters, no space) is answered by its
        posting list alone: the index holds every gram of every indexed text, so
        those documents contain it and no others do. Texts are read only for the
        rest: longer literals, and documents the index does not hold yet.
        """
        candidates = set(scope)
        to_check: list[list[Literal]] = []  # groups that postings alone cannot decide
        for group in parsed.groups:
            allowed: set[int] = set()
            exact = True
            for lit in group:
                found = self._candidates_for(searcher, lit.folded)
                if found is None:
                    allowed, exact = set(scope), False
                    break
                allowed |= found
                exact = exact and self._is_single_gram(searcher, lit.folded)
            candidates &= allowed | unindexed
            if not exact:
                to_check.append(group)
            if not candidates:
                return _Plan(set(), [], [], unindexed)
        excludes: list[Literal] = []
        for ex in parsed.excludes:
            if self._is_single_gram(searcher, ex.folded):
                holding = self._candidates_for(searcher, ex.folded) or set()
                candidates -= holding - unindexed  # stale entries of queued ones: checked below
            else:
                excludes.append(ex)
        return _Plan(candidates, to_check, excludes, unindexed)

    def _check(self, parsed: ParsedQuery, plan: _Plan, ids: set[int]) -> set[int]:
        """Which of ``ids`` (candidates of ``plan``) hold the query, read where they must be."""
        candidates, unindexed = plan.candidates & ids, plan.unindexed
        to_check, excludes = plan.to_check, plan.excludes
        if not to_check and not excludes:
            result = candidates - unindexed
            check_ids = candidates & unindexed
            to_check, excludes = parsed.groups, parsed.excludes
        else:
            result = set()
            check_ids = candidates
        for doc_id, text in self.cache.iter_texts(sorted(check_ids & unindexed)):
            self._stop_point()
            if all(any(lit.folded in text for lit in g) for g in parsed.groups) and not any(
                ex.folded in text for ex in parsed.excludes
            ):
                result.add(doc_id)
        # The indexed ones: each group, then each exclusion, narrows them in one pass
        # over its literals' candidate chunks (never a call per document and literal).
        remaining = check_ids - unindexed
        for group in to_check:
            held: set[int] = set()
            for lit in group:
                held |= self._holding(lit.folded, remaining - held)
            remaining = held
        for ex in excludes:
            if not remaining:
                break
            remaining -= self._holding(ex.folded, remaining)
        return result | remaining

    @staticmethod
    def _is_single_gram(searcher: WhooshSearcher | None, folded: str) -> bool:
        """True when the gram postings of ``folded`` are exactly the documents holding it."""
        return searcher is not None and 0 < len(folded) <= 2 and not any(
            ch.isspace() for ch in folded
        )

    def _loose_words(self, parsed: ParsedQuery, searcher: WhooshSearcher | None) -> list[str]:
        """Words of a bare Chinese query, for documents lacking the whole string.

        With an index, the query is cut into the library's own words (see
        :meth:`_library_words`), so no dictionary is loaded or waited for. When the
        index lacks documents (a first build, queued imports, a broken index) its
        words are not the library's: jieba cuts the query, as it cut the documents.
        """
        lit = parsed.single_unquoted()
        if lit is None or not any(_is_cjk(ch) for ch in lit.folded) or len(lit.folded) < 3:
            return []
        if searcher is not None and not self._q_unindexed:
            cut = self._library_words(searcher, lit.folded[:MAX_RANKED_CHARS])
        else:  # the index lacks some documents' words: jieba (loaded for indexing them)
            cut = self.segmenter.cut(lit.folded)
        words = list(dict.fromkeys(w for w in cut if len(w) >= 2))
        return words if len(words) >= 2 else []

    def _library_words(self, searcher: WhooshSearcher, text: str) -> list[str]:
        """``text`` cut into the words the library's documents were indexed with.

        The most probable cut, as jieba's, but with each word's probability taken
        from how many documents hold it: the index already knows every word of the
        library (jieba cut the documents when they were indexed), so the query
        needs no dictionary of its own. Characters that are no indexed word cost
        more than any word, so a cut prefers words; they are left out after.
        """
        reader = searcher.reader()
        total = len(self._docmap) + 1
        unknown = 2.0 * math.log(total) + 1.0  # dearer than the rarest word
        best: list[tuple[float, int]] = [(0.0, 0)] * (len(text) + 1)  # (cost, start)
        for end in range(1, len(text) + 1):
            choice = (best[end - 1][0] + unknown, end - 1)
            for start in range(max(0, end - MAX_WORD_CHARS), end - 1):
                piece = text[start:end]
                if not self._is_indexed_word(searcher, piece):
                    continue
                df = reader.doc_frequency("words", piece.encode("utf-8"))
                cost = best[start][0] + math.log(total / (df + 1)) + 1.0
                if cost < choice[0]:
                    choice = (cost, start)
            best[end] = choice
        words = []
        end = len(text)
        while end > 0:
            start = best[end][1]
            words.append(text[start:end])
            end = start
        return words[::-1]

    def _apply_tags(self, tags: list[str], candidates: list[_Candidate]) -> list[_Candidate]:
        kept = []
        scopes = [tag_scope(self.db, t) for t in tags]
        for cand in candidates:
            ranges: list[tuple[int, int]] = []
            whole = True
            for docs, passages in scopes:
                if cand.doc_id in docs:
                    continue
                if cand.doc_id not in passages:
                    break
                whole = False
                ranges += passages[cand.doc_id]
            else:
                if not whole:
                    cand.allowed = sorted(ranges)
                    if cand.needles and not self._matches(cand):
                        continue
                kept.append(cand)
        return kept

    def _scores(
        self,
        parsed: ParsedQuery,
        searcher: WhooshSearcher | None,
        ids: list[int],
        loose_words: list[str],
    ) -> list[float]:
        """BM25 of each of ``ids`` on jieba words (title boosted), 0.0 for a document the
        index lacks; whole vectors (:mod:`.bm25`), never a Python step per posting."""
        if searcher is None or not ids:
            return [0.0] * len(ids)
        words: list[str] = list(loose_words)
        for lit in parsed.literals:
            words += self._indexed_words(searcher, lit.folded)
        parts = []
        for word in dict.fromkeys(words):
            for field_name, boost in (("words", 1.0), ("title_words", TITLE_BOOST)):
                scores = self._ranker.word(field_name, word)
                if scores is not None:
                    parts.append((scores, boost))
        if not parts:
            return [0.0] * len(ids)
        return self._ranker.totals(parts, list(map(self._dense.get, ids)))

    def _indexed_words(self, searcher: WhooshSearcher, folded: str) -> list[str]:
        """The jieba words of the library that occur in ``folded``: the query's ranking terms.

        Looking words up in the index instead of segmenting the query means ranking
        needs no dictionary at query time, and a query is never split differently
        from the documents (jieba's context-dependent segmentation is what makes
        ``天津市委`` miss in word-only engines).
        """
        text = folded[:MAX_RANKED_CHARS]
        if len(text) == 1:
            return [text] if self._is_indexed_word(searcher, text) else []
        pieces = [
            text[start : start + size]
            for size in range(2, min(len(text), MAX_PIECE_CHARS) + 1)
            for start in range(len(text) - size + 1)
        ]
        if MAX_PIECE_CHARS < len(text) <= MAX_WORD_CHARS:
            pieces.append(text)
        return [p for p in pieces if not p.isspace() and self._is_indexed_word(searcher, p)]

    def _is_indexed_word(self, searcher: WhooshSearcher, piece: str) -> bool:
        known = self._word_cache.get(piece)
        if known is None:
            known = ("words", piece.encode("utf-8")) in searcher.reader()
            if len(self._word_cache) >= CACHE_ENTRIES * 5:
                self._word_cache.clear()
            self._word_cache[piece] = known
        return known

    def _break_ties(self, candidates: list[_Candidate], limit: int) -> None:
        """Within equal (tier, score), denser documents first.

        Only runs of ties that reach into the first ``limit`` places are ordered:
        the order of hits that are not returned does not matter, and counting
        occurrences in every tied document can cost as much as a full scan. Huge
        runs (a punctuation mark has no BM25 score anywhere) stay in id order.
        A run wholly inside the page is counted from its positions, which the page
        needs anyway (copies of one text tie, and scanning each twice doubled a page).
        """
        i = 0
        while i < min(limit, len(candidates)):
            j = i + 1
            key = (candidates[i].exact, candidates[i].score)
            while j < len(candidates) and (candidates[j].exact, candidates[j].score) == key:
                j += 1
            if 1 < j - i <= MAX_DENSITY_TIES:
                run = candidates[i:j]
                for cand in run:
                    if j <= limit:
                        cand.found = self._positions(cand.doc_id, cand.needles)
                        count = len(cand.found)
                    else:
                        count = self._count(cand.doc_id, cand.needles)
                    cand.density = count / max(1, self.cache.chars(cand.doc_id))
                run.sort(key=lambda c: (-c.density, c.doc_id))
                candidates[i:j] = run
            i = j

    def _matches(self, cand: _Candidate) -> Matches:
        found = cand.found if cand.found is not None else self._positions(cand.doc_id,
                                                                           cand.needles)
        if cand.allowed is not None:
            allowed = cand.allowed
            found = Matches.of(m for m in found if any(s <= m[0] and m[1] <= e for s, e in allowed))
        return found

    def _hits(self, page: list[_Candidate]) -> list[Hit]:
        """The page's hits: every match, a snippet at the first, its section."""
        placed = []
        for cand in page:
            matches = self._matches(cand) if cand.needles else Matches()
            if not matches and cand.allowed:
                matches = Matches.of(cand.allowed)
            placed.append((cand, matches))
        spans = []
        for cand, matches in placed:
            start, end = matches[0] if matches else (0, 0)
            lo, hi = snippet_window(start, end, self.cache.chars(cand.doc_id))
            spans.append((cand.doc_id, lo, hi))
        excerpts = self.cache.excerpts(spans)
        outlines = self.cache.outlines(c.doc_id for c in page)
        hits = []
        for (cand, matches), (doc_id, lo, hi), raw in zip(placed, spans, excerpts, strict=True):
            snippet = clean_snippet(raw, lo == 0, hi >= self.cache.chars(doc_id))
            section = section_path(outlines[doc_id], matches[0][0] if matches else 0)
            title = self.cache.meta[doc_id][0]
            hits.append(Hit(doc_id, title, cand.score, matches, snippet, section, cand.exact))
        return hits

    def passages(self, doc_id: int, matches: list[tuple[int, int]], limit: int) -> list[Passage]:
        """The first ``limit`` paragraphs holding ``matches`` in ``doc_id``, rendered for a
        results list: read in windows from the copy beside the index (or a kept text),
        so a page of hits in long reports reads kilobytes, not their whole texts."""
        cache = self.cache

        def read(lo: int, hi: int) -> str:
            return cache.excerpt(doc_id, lo, hi) if hi > lo else ""

        return passages_in(read, cache.chars(doc_id), cache.outline(doc_id), matches, limit)


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80 and ch.isalnum()


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
