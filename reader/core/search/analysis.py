"""Whoosh field types, codec and the jieba segmenter.

Whoosh pickles the schema (these field classes) and the segment codec into the
index, so this module's path is part of the on-disk format: keep it stable, and
bump :data:`ANALYZER_VERSION` whenever what is indexed changes (a version
mismatch makes the index rebuild itself).

The ``grams`` field is a candidate filter, not the source of truth: it holds
every character and every pair of adjacent characters of the folded text (no
positions, no frequencies), so a query string that occurs literally always has
all its grams in the document. Every candidate is then verified on the folded
text, which makes results exact whatever jieba does. The ``words`` fields hold
jieba word counts and are used only for BM25 ranking.
"""

from __future__ import annotations

import importlib.util
import logging
import pickle
import re
import struct
import threading
from array import array
from collections import Counter
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import chain, starmap
from operator import add, sub
from pathlib import Path
from typing import Any

from whoosh import fields, formats
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter, W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.filedb.structfile import StructFile
from whoosh.system import pack_uint

ANALYZER_VERSION = 3  # 2: inlined postings keep their empty values; 3: chunks

_EMPTY = b""


_SPACE = re.compile(r"\s")


def grams(folded: str) -> set[str]:
    """Every character and adjacent pair of ``folded``, skipping whitespace.

    All pairs are made at C speed, then the few with a space in them are dropped
    (there are far fewer spaces than characters): a quarter faster than pairing
    each whitespace-separated run, and grams are a fifth of a build.
    """
    found = set(folded)
    found.update(map(add, folded, folded[1:]))
    discard = found.discard
    for space in _SPACE.finditer(folded):
        at = space.start()
        discard(folded[at])
        discard(folded[at - 1 : at + 1])
        discard(folded[at : at + 2])
    found.discard("")
    return found


def query_grams(folded: str) -> list[str]:
    """The grams a document must contain if it contains ``folded`` literally."""
    found: list[str] = []
    for run in folded.split():
        if len(run) == 1:
            found.append(run)
        else:
            found.extend(map(add, run, run[1:]))
    return list(dict.fromkeys(found))


_WORDISH = re.compile(r"\w")


def is_word(token: str) -> bool:
    """Words worth ranking on: anything with a letter, digit or ideograph in it."""
    return token.isalnum() or _WORDISH.search(token) is not None


# What a field's ``index`` yields per term: (term bytes, frequency, weight, value bytes).
_Posting = tuple[bytes, int, float, bytes]


class GramField(fields.FieldType):
    """Existence postings of :func:`grams`; the value is the folded text or its grams."""

    def __init__(self) -> None:
        super().__init__(formats.Existence(), analyzer=None, scorable=False)

    def index(
        self, value: str | AbstractSet[str], **kwargs: object
    ) -> Generator[_Posting, None, None]:
        for gram in self.grams_of(value):
            yield gram.encode("utf-8"), 1, 1.0, _EMPTY

    @staticmethod
    def grams_of(value: str | AbstractSet[str]) -> AbstractSet[str]:
        """The grams of a text, or a set already made by :func:`grams` (worker processes)."""
        return grams(value) if isinstance(value, str) else value


class WordField(fields.FieldType):
    """Frequency postings of words (already segmented and folded): a list, or a mapping of
    word to count (cheaper to send to Whoosh's writer processes)."""

    def __init__(self) -> None:
        super().__init__(formats.Frequency(), analyzer=None, scorable=True)

    def index(
        self, value: Iterable[str] | Mapping[str, int], **kwargs: object
    ) -> Generator[_Posting, None, None]:
        for word, freq in self.counts(value).items():
            yield word.encode("utf-8"), freq, float(freq), pack_uint(freq)

    @staticmethod
    def counts(value: Iterable[str] | Mapping[str, int]) -> Mapping[str, int]:
        return value if isinstance(value, Mapping) else Counter(value)


class _InlinableTermInfo(W3TermInfo):
    """A term info that answers the call stock Whoosh makes to inline short posting lists.

    Whoosh's postings writer calls ``terminfo.set_inline``, a method that does not
    exist (the real one is ``set_inlined``), so any ``inlinelimit > 1`` crashes.
    Half of all grams occur in one document, so inlining saves a block write per term.

    Whoosh keeps no value for an empty value string (every posting of ``grams`` and
    ``doc_id``), but an inlined list without values reads back as ``""`` (a str),
    which fails the assertion in the pool that merges segments: the fifth
    incremental commit crashed. Such lists are inlined with one ``b""`` each.
    """

    def set_inline(
        self, ids: list[int] | list[bytes], weights: list[float], values: list[bytes]
    ) -> None:
        self.set_inlined(ids, weights, values or [_EMPTY] * len(ids))


_TERM_INFO = W3TermInfo._struct  # flags, weight, doc freq, min/max length, max weight, ids


class _InliningPostingsWriter(W3PostingsWriter):
    """Stock postings writer, given term infos that can be inlined (see above)."""

    def start_postings(self, format_: formats.Format, terminfo: W3TermInfo) -> None:
        # Whoosh passes a fresh W3TermInfo() for every term: an equal, inlinable one.
        super().start_postings(format_, _InlinableTermInfo())


class BulkPostingsWriter(_InliningPostingsWriter):
    """Whoosh's postings writer, taking a whole posting list at once.

    :meth:`add_all` fills each block's buffers from slices of the list and writes
    it with Whoosh's own block writer, so the bytes are Whoosh's format; the
    per-posting parts of that writer (delta encoding, the all-weights-equal test)
    are done with C-level operations instead of Python generators.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Term info of a gram held by one chunk, by that chunk: most grams of an update
        # (and many of a build) have one of as few lists as there are chunks.
        self._single_infos: dict[int, bytes] = {}

    def add_all(self, ids: Sequence[int], weights: Sequence[float] | None,
                values: Sequence[bytes]) -> None:
        """All postings of the current term (``ids`` ascending); ``weights`` None: all 1.0."""
        limit = self._blocklimit
        count = len(ids)
        for start in range(0, count, limit):
            end = min(count, start + limit)
            if self._ids:  # the previous block is full: write it (not the last)
                self._write_block()
            self._ids = array("I", ids[start:end])
            if weights is None:
                self._weights = array("f", (1.0,)) * (end - start)
                self._maxweight = 1.0
            else:
                self._weights = array("f", weights[start:end])
                self._maxweight = max(self._weights)
            self._values = list(values[start:end])
        # The last block stays buffered: ``finish_postings`` inlines it or writes it last.

    def inlined_info(self, ids: Sequence[int], weights: Sequence[float] | None,
                     values: Sequence[bytes]) -> bytes | None:
        """The term info bytes of a list short enough to inline; None when it is not.

        What ``finish_postings`` and :class:`_InlinableTermInfo` make of it, packed
        directly: most terms are inlined, and the objects cost more than the bytes.
        (No lengths: ``FastCodec.length_stats`` is off, so Whoosh records none.)
        """
        count = len(ids)
        if count >= self._inlinelimit:
            return None
        if count == 1 and weights is None and not values:  # a gram in one chunk
            cached = self._single_infos.get(ids[0])
            if cached is None:
                cached = self._single_infos[ids[0]] = self._packed_info((ids[0],), (1.0,), ())
            return cached
        floats = (1.0,) * count if weights is None else tuple(array("f", weights))
        return self._packed_info(tuple(ids), floats, values)

    @staticmethod
    def _packed_info(ids: tuple[int, ...], floats: tuple[float, ...],
                     values: Sequence[bytes]) -> bytes:
        count = len(ids)
        kept = tuple(values) if values else (_EMPTY,) * count
        head = _TERM_INFO.pack(1, sum(floats), count, 0, 0, max(floats), ids[0], ids[-1])
        return head + pickle.dumps((ids, floats, kept), 2)

    def _mini_ids(self) -> tuple[int, ...]:
        ids = self._ids
        return tuple(map(sub, ids, chain((0,), ids)))  # Whoosh's delta_encode

    def _mini_weights(self) -> float | tuple[float, ...] | None:
        weights = self._weights
        first = weights[0]
        if weights.count(first) == len(weights):
            return None if first == 1.0 else first
        return tuple(weights)


_POINTER = struct.Struct("!Iq")  # Whoosh's HashWriter: one hash table slot
_NULL_SLOT = (0, 0)


class TermTableWriter(OrderedHashWriter):
    """Whoosh's term table, its 256 hash tables written one write each.

    Whoosh writes every slot with a call of its own (two per term: 160,000 writes for
    a 1 MB document); the slots, their order and the bytes are the same.
    """

    def _write_hashes(self) -> None:
        dbfile = self.dbfile
        for entries in self.buckets:
            numslots = 2 * len(entries)
            self.directory.append((dbfile.tell(), numslots))
            table = [_NULL_SLOT] * numslots
            for hashval, position in entries:
                slot = (hashval >> 8) % numslots
                while table[slot] != _NULL_SLOT:
                    slot = (slot + 1) % numslots
                table[slot] = (hashval, position)
            dbfile.write(b"".join(starmap(_POINTER.pack, table)))


class TermTableFieldWriter(W3FieldWriter):
    """Whoosh's field writer with :class:`TermTableWriter` as its term table (Whoosh's
    constructor, with that one class changed)."""

    def __init__(self, codec: W3Codec, storage: Any, segment: Any) -> None:
        self._codec = codec
        self._storage = storage
        self._segment = segment
        self._fieldname = None
        self._fieldid = None
        self._btext = None
        self._fieldobj = None
        self._format = None
        self._tindex = TermTableWriter(self._create_file(W3Codec.TERMS_EXT))
        self._fieldmap = self._tindex.extras["fieldmap"] = {}
        self._postfile = self._create_file(W3Codec.POSTS_EXT)
        self._postwriter = None
        self._infield = False
        self.is_closed = False


class FastCodec(W3Codec):
    """Whoosh's codec with write-path costs removed (measured: about 40% of a build).

    * ``length_stats = False``: stock Whoosh looks up a missing per-document length
      column for every posting of a non-scorable field (an ``os.stat`` each);
    * ``compression=0``: no zlib on the many tiny posting blocks;
    * posting lists shorter than ``inlinelimit`` live in the term table.
    """

    length_stats = False
    BLOCK_LIMIT = 128  # Whoosh's default
    INLINE_LIMIT = 16

    def __init__(self) -> None:
        super().__init__(blocklimit=self.BLOCK_LIMIT, compression=0,
                         inlinelimit=self.INLINE_LIMIT)

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return TermTableFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: StructFile, byteids: bool = False) -> W3PostingsWriter:
        return BulkPostingsWriter(
            dbfile,
            blocklimit=self.BLOCK_LIMIT,
            byteids=byteids,
            compression=0,
            inlinelimit=self.INLINE_LIMIT,
        )


def make_schema() -> fields.Schema:
    return fields.Schema(
        doc_id=fields.ID(stored=True),  # one entry per chunk (see chunks.py)
        chunk=fields.STORED(),  # (seq, start, end, byte, size, digest)
        digest=fields.STORED(),  # first chunk only, as the words
        grams=GramField(),
        words=WordField(),
        title_words=WordField(),
    )


class Segmenter:
    """jieba's algorithm and dictionary, loaded in the background when first needed.

    Nothing loads it at start: indexing loads it when there is something to index,
    a search when it wants the word fallback. A relaunch with an up-to-date index
    never loads it before the user searches.

    rjieba (jieba-rs) is preferred: same dictionary, same output on all but a
    handful of paragraphs, 20x faster, and it loads in about 0.2 s instead of
    0.7 s. Plain jieba is the fallback. ``userdict.txt`` (jieba's format: word,
    optional frequency, optional tag per line) is loaded into either.
    """

    def __init__(self, userdict: Path | None = None) -> None:
        self.userdict_file = userdict
        self.userdict: Path | None = None
        self._loaded_hash: str | None = None
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._cut: object = None
        self.engine = engine_name()
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def start_loading(self) -> None:
        """Load the dictionary on a daemon thread; :meth:`cut` waits for it."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._load, name="jieba-load", daemon=True)
                self._thread.start()

    def wait_ready(self, timeout: float | None = None) -> bool:
        self.start_loading()
        return self._ready.wait(timeout)

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    @property
    def requested(self) -> bool:
        """Asked to load (by a search wanting the word fallback, say), loaded or not."""
        return self._thread is not None

    def cut(self, text: str) -> list[str]:
        """Words of ``text`` (folded), whitespace and punctuation-only tokens dropped."""
        self.wait_ready()
        if self._error is not None:
            raise self._error
        return [w for w in self._cut(text) if is_word(w)]  # type: ignore[operator]

    def count(self, text: str) -> Counter[str]:
        """How often each word of :meth:`cut` occurs in ``text``.

        Counted first and filtered after: :func:`is_word` then runs once per distinct
        word instead of once per token (it was a tenth of a build).
        """
        self.wait_ready()
        if self._error is not None:
            raise self._error
        counts = Counter(self._cut(text))  # type: ignore[operator]
        for word in [w for w in counts if not is_word(w)]:
            del counts[word]
        return counts

    def reload_if_changed(self) -> bool:
        """Reload (now, on this thread) when ``userdict.txt`` changed since loading.

        A segmenter never asked to load has nothing to reload: its first load reads
        the current file. (Loading it here would put jieba on every start's path.)
        """
        with self._lock:
            if self._thread is None:
                return False
        self.wait_ready()
        if _file_hash(self.userdict_file) == self._loaded_hash:
            return False
        with self._lock:
            self._ready.clear()
            self._cut = None
            self._error = None
            self._load()
        return True

    def _load(self) -> None:
        self._loaded_hash = _file_hash(self.userdict_file)
        self.userdict = self.userdict_file if self._loaded_hash else None
        try:
            self._cut = _load_rjieba(self.userdict) if self.engine == "rjieba" else None
            if self._cut is None:
                self._cut = _load_jieba(self.userdict)
        except BaseException as exc:  # reported on the next cut()
            self._error = exc
        finally:
            self._ready.set()


def _file_hash(path: Path | None) -> str | None:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path else None
    except OSError:
        return None


def engine_name() -> str:
    """``rjieba`` when installed (found without importing it: its import loads the dictionary)."""
    return "rjieba" if importlib.util.find_spec("rjieba") is not None else "jieba"


def _userdict_entries(path: Path) -> Iterator[tuple[str, int | None, str | None]]:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.strip().lstrip("\ufeff").split()
        if not parts:
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        yield parts[0], freq, tag


def _load_rjieba(userdict: Path | None) -> object:
    import rjieba  # the import itself loads the default dictionary (about 0.2 s, GIL held)

    if not userdict:
        return rjieba.cut
    engine = rjieba.Jieba()
    if userdict:
        from reader.core.search.fold import fold

        for word, freq, tag in _userdict_entries(userdict):
            engine.add_word(fold(word), freq, tag)
    return engine.cut


def _load_jieba(userdict: Path | None) -> object:
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    from reader.platform.jieba_setup import configure_jieba

    tokenizer = jieba.Tokenizer()
    configure_jieba(tokenizer)  # its cache in the user cache dir, not /tmp
    tokenizer.initialize()
    if userdict:
        from reader.core.search.fold import fold

        for word, freq, tag in _userdict_entries(userdict):
            tokenizer.add_word(fold(word), freq, tag)
    return tokenizer.lcut
